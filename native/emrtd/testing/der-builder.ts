/** Test-only DER builders (OIDs, certificates, names). Not used by production code. */
import { concat } from '../bytes';
import { encodeTlv } from '../tlv';

export const seq = (...parts: Uint8Array[]) => encodeTlv(0x30, concat(...parts));
export const set = (...parts: Uint8Array[]) => encodeTlv(0x31, concat(...parts));
export const ctx = (n: number, ...parts: Uint8Array[]) => encodeTlv(0xa0 + n, concat(...parts));
export const octets = (v: Uint8Array) => encodeTlv(0x04, v);
export const utf8 = (s: string) => encodeTlv(0x0c, new TextEncoder().encode(s));
export const printable = (s: string) => encodeTlv(0x13, new TextEncoder().encode(s));
export const bitString = (v: Uint8Array) => encodeTlv(0x03, concat(Uint8Array.of(0), v));

export function int(n: number | bigint): Uint8Array {
  let v = BigInt(n);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return encodeTlv(0x02, Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const a of arcs.slice(2)) {
    const chunk: number[] = [];
    let v = a;
    do {
      chunk.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    out.push(...chunk);
  }
  return encodeTlv(0x06, Uint8Array.from(out));
}

export function time(d: Date): Uint8Array {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  if (d.getUTCFullYear() < 2050) return encodeTlv(0x17, new TextEncoder().encode(iso.slice(2) + 'Z'));
  return encodeTlv(0x18, new TextEncoder().encode(iso + 'Z'));
}

export function name(cn: string): Uint8Array {
  return seq(set(seq(oid('2.5.4.6'), printable('VN'))), set(seq(oid('2.5.4.3'), utf8(cn))));
}

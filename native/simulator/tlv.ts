/** Minimal BER-TLV encoding and a flat parser for SM data objects. */
import { concat } from './bytes';

export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return new Uint8Array([length]);
  if (length <= 0xff) return new Uint8Array([0x81, length]);
  if (length <= 0xffff) return new Uint8Array([0x82, length >> 8, length & 0xff]);
  return new Uint8Array([0x83, length >> 16, (length >> 8) & 0xff, length & 0xff]);
}

/** `tag` is 1–3 bytes given as a number (e.g. 0x5f1f, 0x7f61). */
export function tlv(tag: number, ...value: Uint8Array[]): Uint8Array {
  const tagBytes: number[] = [];
  let t = tag;
  do {
    tagBytes.unshift(t & 0xff);
    t >>= 8;
  } while (t > 0);
  const v = concat(...value);
  return concat(new Uint8Array(tagBytes), encodeLength(v.length), v);
}

export interface TlvObject {
  tag: number;
  value: Uint8Array;
}

/** Parses a flat sequence of TLVs with 1-byte tags (SM data objects); null on any malformation. */
export function parseFlatTlv(bytes: Uint8Array): TlvObject[] | null {
  const out: TlvObject[] = [];
  let i = 0;
  while (i < bytes.length) {
    const tag = bytes[i++];
    if (tag === undefined || (tag & 0x1f) === 0x1f) return null;
    let len = bytes[i++];
    if (len === undefined) return null;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 3 || i + n > bytes.length) return null;
      len = 0;
      for (let k = 0; k < n; k++) len = (len << 8) | (bytes[i++] ?? 0);
    }
    if (i + len > bytes.length) return null;
    out.push({ tag, value: bytes.slice(i, i + len) });
    i += len;
  }
  return out;
}

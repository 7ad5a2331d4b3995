/** Tiny DER value decoders used by the LDS parsers (OIDs, integers, strings). */
import { ChipError } from '../errors';

export function decodeOid(value: Uint8Array): string {
  if (value.length === 0) throw new ChipError('chip-lds-malformed', 'empty OID');
  const parts: number[] = [];
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const b = value[i]!;
    n = n * 128 + (b & 0x7f);
    if (n > Number.MAX_SAFE_INTEGER / 256) throw new ChipError('chip-lds-malformed', 'OID arc too large');
    if ((b & 0x80) === 0) {
      if (parts.length === 0) {
        const first = n < 40 ? 0 : n < 80 ? 1 : 2;
        parts.push(first, n - first * 40);
      } else parts.push(n);
      n = 0;
    } else if (i === value.length - 1) throw new ChipError('chip-lds-malformed', 'truncated OID');
  }
  return parts.join('.');
}

export function decodeUnsignedInteger(value: Uint8Array): bigint {
  let n = 0n;
  for (const b of value) n = (n << 8n) | BigInt(b);
  return n;
}

export function decodeSmallInteger(value: Uint8Array): number {
  if (value.length === 0 || value.length > 4)
    throw new ChipError('chip-lds-malformed', 'integer out of range');
  let n = 0;
  for (const b of value) n = n * 256 + b;
  return n;
}

const utf8 = new TextDecoder('utf-8');

/** Text of a DER string by tag: UTF8String, PrintableString, IA5String, BMPString; NFC. */
export function decodeText(tag: number, value: Uint8Array): string {
  let s: string;
  if (tag === 0x1e) {
    s = '';
    for (let i = 0; i + 1 < value.length; i += 2) s += String.fromCharCode((value[i]! << 8) | value[i + 1]!);
  } else s = utf8.decode(value);
  return s.normalize('NFC');
}

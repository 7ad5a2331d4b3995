/** BER-TLV (ISO 7816-4 / X.690) reading and writing: multi-byte tags, definite lengths up to 4 bytes. */
import { ChipError } from './errors';

export interface Tlv {
  /** Tag bytes as a number, e.g. 0x5F1F, 0x7F61, 0x30. */
  tag: number;
  constructed: boolean;
  value: Uint8Array;
  /** Bytes taken by tag + length. */
  headerLength: number;
  /** headerLength + value length. */
  totalLength: number;
}

function malformed(message: string): ChipError {
  return new ChipError('chip-tlv-malformed', message);
}

/** Reads the tag and length at `offset`; the value may extend past the buffer (used for header-first reads). */
export function readTlvHeader(
  bytes: Uint8Array,
  offset = 0,
): { tag: number; constructed: boolean; headerLength: number; length: number } {
  let at = offset;
  const first = bytes[at++];
  if (first === undefined) throw malformed('TLV: no tag');
  if (first === 0x00 || first === 0xff) throw malformed(`TLV: invalid tag byte ${first}`);
  const constructed = (first & 0x20) !== 0;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    let more = true;
    let count = 0;
    while (more) {
      const b = bytes[at++];
      if (b === undefined) throw malformed('TLV: truncated tag');
      if (++count > 3) throw malformed('TLV: tag too long');
      tag = tag * 256 + b;
      more = (b & 0x80) !== 0;
    }
  }
  const l0 = bytes[at++];
  if (l0 === undefined) throw malformed('TLV: no length');
  let length: number;
  if (l0 < 0x80) length = l0;
  else if (l0 === 0x80) throw malformed('TLV: indefinite length not allowed');
  else {
    const n = l0 & 0x7f;
    if (n > 4) throw malformed('TLV: length field too long');
    length = 0;
    for (let i = 0; i < n; i++) {
      const b = bytes[at++];
      if (b === undefined) throw malformed('TLV: truncated length');
      length = length * 256 + b;
    }
  }
  return { tag, constructed, headerLength: at - offset, length };
}

/** Parses one complete TLV at `offset`. */
export function parseTlv(bytes: Uint8Array, offset = 0): Tlv {
  const h = readTlvHeader(bytes, offset);
  const start = offset + h.headerLength;
  if (start + h.length > bytes.length) throw malformed(`TLV ${h.tag.toString(16)}: value runs past the end`);
  return {
    tag: h.tag,
    constructed: h.constructed,
    value: bytes.subarray(start, start + h.length),
    headerLength: h.headerLength,
    totalLength: h.headerLength + h.length,
  };
}

/** Parses a sequence of TLVs filling `bytes` exactly. */
export function parseTlvList(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    const t = parseTlv(bytes, at);
    out.push(t);
    at += t.totalLength;
  }
  return out;
}

/** Parses one TLV that must have `tag` and fill `bytes` (trailing bytes after it are an error unless allowed). */
export function expectTlv(bytes: Uint8Array, tag: number, what: string, allowTrailing = false): Tlv {
  const t = parseTlv(bytes, 0);
  if (t.tag !== tag)
    throw malformed(`${what}: expected tag ${tag.toString(16)}, found ${t.tag.toString(16)}`);
  if (!allowTrailing && t.totalLength !== bytes.length) throw malformed(`${what}: trailing bytes`);
  return t;
}

/** First child with `tag`, or undefined. */
export function findChild(children: Tlv[], tag: number): Tlv | undefined {
  return children.find((c) => c.tag === tag);
}

export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  if (length < 0x10000) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  if (length < 0x1000000) return Uint8Array.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff);
  throw new RangeError('TLV value too long');
}

export function encodeTag(tag: number): Uint8Array {
  const bytes: number[] = [];
  let t = tag;
  do {
    bytes.unshift(t & 0xff);
    t = Math.floor(t / 256);
  } while (t > 0);
  return Uint8Array.from(bytes);
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const t = encodeTag(tag);
  const l = encodeLength(value.length);
  const out = new Uint8Array(t.length + l.length + value.length);
  out.set(t, 0);
  out.set(l, t.length);
  out.set(value, t.length + l.length);
  return out;
}

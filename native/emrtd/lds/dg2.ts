/** DG2: facial image (ISO 19794-5 inside 75 → 7F61 → 7F60 → 5F2E). Returns the JPEG/JPEG2000 bytes and size. */
import { ChipError } from '../errors';
import { findChild, parseTlv, parseTlvList, type Tlv } from '../tlv';

export interface FaceImage {
  mime: 'image/jpeg' | 'image/jp2';
  bytes: Uint8Array;
  width: number;
  height: number;
}

function fail(message: string): never {
  throw new ChipError('chip-dg2-malformed', message);
}

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];
const J2K_CODESTREAM = [0xff, 0x4f, 0xff, 0x51];

function startsWith(b: Uint8Array, at: number, sig: number[]): boolean {
  return sig.every((v, i) => b[at + i] === v);
}

export function sniffImage(b: Uint8Array): FaceImage['mime'] | null {
  if (startsWith(b, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, 0, JP2_SIGNATURE) || startsWith(b, 0, J2K_CODESTREAM)) return 'image/jp2';
  return null;
}

/** Width/height from a JPEG SOFn segment, or null. */
export function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    if (len < 2) return null;
    i += 2 + len;
  }
  return null;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

function findImageStart(b: Uint8Array, from: number): number {
  for (let i = from; i + 8 <= b.length; i++) {
    if (
      startsWith(b, i, [0xff, 0xd8, 0xff]) ||
      startsWith(b, i, JP2_SIGNATURE) ||
      startsWith(b, i, J2K_CODESTREAM)
    )
      return i;
  }
  return -1;
}

/** ISO/IEC 19794-5 facial record data → first image. */
export function parseFacialRecord(b: Uint8Array): FaceImage {
  // 'FAC\0' then version '010\0'; be lenient on the byte after 'FAC' (seen non-zero in the field and in tests).
  if (!startsWith(b, 0, [0x46, 0x41, 0x43])) fail('biometric data is not an ISO 19794-5 FAC record');
  let width = 0;
  let height = 0;
  let start = b.length;
  let end = b.length;
  const fh = 14;
  if (b.length >= fh + 20 + 12 && u16(b, 12) >= 1) {
    const recordLength = u32(b, 8);
    const blockLength = u32(b, fh);
    const info = fh + 20 + u16(b, fh + 4) * 8;
    if (info + 12 <= b.length) {
      width = u16(b, info + 2);
      height = u16(b, info + 4);
      start = info + 12;
      end = Math.min(
        b.length,
        recordLength >= start ? recordLength : b.length,
        blockLength > 32 ? fh + blockLength : b.length,
      );
    }
  }
  let bytes = end > start ? b.subarray(start, end) : new Uint8Array(0);
  let mime = sniffImage(bytes);
  if (!mime) {
    // Header fields disagree with the data: find the image by its signature inside the record.
    const at = findImageStart(b, 4);
    if (at < 0) fail('facial image is neither JPEG nor JPEG 2000');
    bytes = b.subarray(at, end > at ? end : b.length);
    mime = sniffImage(bytes)!;
  }
  if (mime === 'image/jpeg') {
    const s = jpegSize(bytes);
    if (s) ({ width, height } = s);
  }
  return { mime, bytes, width, height };
}

function firstBiometric(tlv: Tlv, depth: number): Tlv | null {
  if (tlv.tag === 0x5f2e || tlv.tag === 0x7f2e) return tlv;
  if (!tlv.constructed || depth > 4) return null;
  for (const c of parseTlvList(tlv.value)) {
    const f = firstBiometric(c, depth + 1);
    if (f) return f;
  }
  return null;
}

export function parseDg2(bytes: Uint8Array): FaceImage {
  const outer = parseTlv(bytes, 0);
  if (outer.tag !== 0x75) fail(`DG2: expected tag 75, found ${outer.tag.toString(16)}`);
  const group = findChild(parseTlvList(outer.value), 0x7f61);
  if (!group) fail('DG2 has no biometric information group template 7F61');
  const bio = firstBiometric(group, 0);
  if (!bio) fail('DG2 has no biometric data block');
  if (bio.tag === 0x7f2e) fail('ISO 39794 DG2 encoding is not supported');
  return parseFacialRecord(bio.value);
}

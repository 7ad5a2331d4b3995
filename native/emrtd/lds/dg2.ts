/**
 * DG2: facial image. ISO/IEC 19794-5 records (75 → 7F61 → 7F60 → 5F2E, or 7F2E holding a 'FAC' record) and
 * ISO/IEC 39794-5 (7F60 → 7F2E → A1 → 65, see ./iso39794-5.ts). Returns the JPEG / JPEG 2000 bytes and size;
 * decoding the pixels is `native/face` (in a worker thread).
 */
import { ChipError } from '../errors';
import { findChild, parseTlv, parseTlvList, type Tlv } from '../tlv';
import { IMAGE_DATA_FORMAT, parseIso39794Face } from './iso39794-5';

export interface FaceImage {
  mime: 'image/jpeg' | 'image/jp2';
  bytes: Uint8Array;
  width: number;
  height: number;
  /** Which biometric record format carried the image. */
  record: 'iso19794-5' | 'iso39794-5';
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

/** Width/height of a JPEG 2000 image: the JP2 'ihdr' box, or the codestream's SIZ marker; null if neither. */
export function jp2Size(b: Uint8Array): { width: number; height: number } | null {
  if (startsWith(b, 0, J2K_CODESTREAM)) {
    // SIZ: FF51 Lsiz(2) Rsiz(2) Xsiz(4) Ysiz(4) XOsiz(4) YOsiz(4)
    if (b.length < 2 + 2 + 2 + 2 + 16) return null;
    const width = u32(b, 8) - u32(b, 16);
    const height = u32(b, 12) - u32(b, 20);
    return width > 0 && height > 0 ? { width, height } : null;
  }
  // JP2 boxes: LBox(4) TBox(4); 'jp2h' is a superbox holding 'ihdr' HEIGHT(4) WIDTH(4).
  let at = 0;
  for (let n = 0; n < 64 && at + 8 <= b.length; n++) {
    const len = u32(b, at);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    if (type === 'jp2h') {
      at += 8;
      continue;
    }
    if (type === 'ihdr') {
      if (at + 16 > b.length) return null;
      const height = u32(b, at + 8);
      const width = u32(b, at + 12);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (len < 8) return null;
    at += len;
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
  const s = mime === 'image/jpeg' ? jpegSize(bytes) : jp2Size(bytes);
  if (s) ({ width, height } = s);
  return { mime, bytes, width, height, record: 'iso19794-5' };
}

/** ISO/IEC 39794-5 (value of DO'7F2E') → the first representation whose bytes are JPEG or JPEG 2000. */
export function parseIso39794FaceImage(value: Uint8Array): FaceImage {
  const block = parseIso39794Face(value);
  for (const r of block.representations) {
    const mime = sniffImage(r.image);
    if (!mime) continue;
    const declared = r.dataFormat;
    if (declared === IMAGE_DATA_FORMAT.jpeg && mime !== 'image/jpeg') continue;
    if (
      (declared === IMAGE_DATA_FORMAT.jpeg2000Lossy || declared === IMAGE_DATA_FORMAT.jpeg2000Lossless) &&
      mime !== 'image/jp2'
    )
      continue;
    const s = mime === 'image/jpeg' ? jpegSize(r.image) : jp2Size(r.image);
    return {
      mime,
      bytes: r.image,
      width: s?.width ?? r.width,
      height: s?.height ?? r.height,
      record: 'iso39794-5',
    };
  }
  return fail('ISO 39794-5 DG2 holds no JPEG or JPEG 2000 image');
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
  // 7F2E normally means ISO/IEC 39794-5; some writers put a 19794-5 'FAC' record there (format type 0008).
  if (bio.tag === 0x7f2e && !startsWith(bio.value, 0, [0x46, 0x41, 0x43]))
    return parseIso39794FaceImage(bio.value);
  return parseFacialRecord(bio.value);
}

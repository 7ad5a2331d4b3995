/**
 * DG2 (tag 75 → 7F61 → 7F60): one face, as an ISO/IEC 19794-5 facial record under 5F2E (the CCCD layout), or an
 * ISO/IEC 39794-5 FaceImageDataBlock under 7F2E → A1 → 65 (ICAO Doc 9303-10, 39794-5 application profile for
 * eMRTDs: module tags AUTOMATIC, i.e. implicit, CHOICEs explicit). The image is JPEG or JPEG 2000.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { concat } from '../bytes';
import { tlv } from '../tlv';
import { PORTRAIT_HEIGHT, PORTRAIT_WIDTH } from './portrait';

export type PortraitFormat = 'jpeg' | 'jp2';
export type FaceRecordFormat = 'iso19794-5' | 'iso39794-5';

/** Seed of the drawn portrait inside fixtures/faces/simulator-portrait.jp2 (scripts/make-face-fixtures.ts). */
export const SIMULATOR_JP2_SEED = 2024;

let jp2Cache: Uint8Array | null = null;
/** The simulator's drawn portrait as JPEG 2000 (made once by opj_compress, committed in fixtures/faces). */
export function portraitJp2(citizensDir: string): Uint8Array {
  jp2Cache ??= new Uint8Array(readFileSync(path.join(citizensDir, '../faces/simulator-portrait.jp2')));
  return jp2Cache;
}

function u16(n: number): Uint8Array {
  return new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
}
function u32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

/** ISO/IEC 19794-5:2005 record: 'FAC\0' '010\0' length(4) count(2) + facial info(20) + image info(12) + image. */
export function faceRecord(
  image: Uint8Array,
  gender: 'M' | 'F' | null,
  format: PortraitFormat = 'jpeg',
): Uint8Array {
  const imageInfo = concat(
    new Uint8Array([0x01, format === 'jp2' ? 0x01 : 0x00]), // full frontal; image data type JPEG (0) / JPEG 2000 (1)
    u16(PORTRAIT_WIDTH),
    u16(PORTRAIT_HEIGHT),
    new Uint8Array([0x01, 0x02]), // 24-bit RGB, digital camera
    u16(0),
    u16(0),
  );
  const facialInfoLength = 20 + imageInfo.length + image.length;
  const facialInfo = concat(
    u32(facialInfoLength),
    u16(0), // feature points
    new Uint8Array([gender === 'M' ? 1 : gender === 'F' ? 2 : 0, 0, 0]), // gender, eye colour, hair colour
    new Uint8Array([0, 0, 0]), // feature mask
    u16(1), // expression: neutral
    new Uint8Array([0, 0, 0, 0, 0, 0]), // pose angles and uncertainty
  );
  const header = concat(
    new Uint8Array(Buffer.from('FAC\x00010\x00', 'ascii')),
    u32(14 + facialInfoLength),
    u16(1),
  );
  return concat(header, facialInfo, imageInfo, image);
}

/** Minimal non-negative INTEGER content. */
function uint(n: number): Uint8Array {
  const out: number[] = [];
  let v = n;
  do {
    out.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if ((out[0] ?? 0) & 0x80) out.unshift(0);
  return new Uint8Array(out);
}

/**
 * ISO/IEC 39794-5 FaceImageDataBlock ::= [APPLICATION 5] { versionBlock [0] { generation [0], year [1] },
 * representationBlocks [1] SEQUENCE OF { representationId [0], imageRepresentation [1] CHOICE { base [0] CHOICE {
 * imageRepresentation2DBlock [0] { representationData2D [0] OCTET STRING, imageInformation2DBlock [1] {
 * imageDataFormat [0] CHOICE { code [0] }, faceImageKind2D [1] CHOICE { code [0] }, imageSizeBlock [7] { width [0],
 * height [1] } } } } } } }. imageDataFormat codes: 2 JPEG, 3 JPEG 2000 lossy.
 */
export function faceImageDataBlock(image: Uint8Array, format: PortraitFormat): Uint8Array {
  const info = tlv(
    0xa1,
    tlv(0xa0, tlv(0x80, uint(format === 'jp2' ? 3 : 2))),
    tlv(0xa1, tlv(0x80, uint(0))), // faceImageKind2D: MRTD
    tlv(0xa7, tlv(0x80, uint(PORTRAIT_WIDTH)), tlv(0x81, uint(PORTRAIT_HEIGHT))),
  );
  const block2d = tlv(0xa0, tlv(0x80, image), info);
  const representation = tlv(0x30, tlv(0x80, uint(1)), tlv(0xa1, tlv(0xa0, block2d)));
  const version = tlv(0xa0, tlv(0x80, uint(3)), tlv(0x81, uint(2019)));
  return tlv(0x65, version, tlv(0xa1, representation));
}

export function buildDg2(
  image: Uint8Array,
  gender: 'M' | 'F' | null,
  opts: { format?: PortraitFormat; record?: FaceRecordFormat } = {},
): Uint8Array {
  const format = opts.format ?? 'jpeg';
  const is39794 = opts.record === 'iso39794-5';
  const bhdr = tlv(
    0xa1,
    tlv(0x80, new Uint8Array([0x01, 0x01])), // ICAO header version
    tlv(0x81, new Uint8Array([0x02])), // biometric type: facial features
    // format owner / type: ISO/IEC JTC 1 SC 37 (0101) with 0008 (19794-5) or 002A (39794-5)
    tlv(0x87, new Uint8Array([0x01, 0x01])),
    tlv(0x88, is39794 ? new Uint8Array([0x00, 0x2a]) : new Uint8Array([0x00, 0x08])),
  );
  const data = is39794
    ? tlv(0x7f2e, tlv(0xa1, faceImageDataBlock(image, format)))
    : tlv(0x5f2e, faceRecord(image, gender, format));
  const bit = tlv(0x7f60, bhdr, data);
  return tlv(0x75, tlv(0x7f61, tlv(0x02, new Uint8Array([0x01])), bit));
}

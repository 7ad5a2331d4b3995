/**
 * ISO/IEC 39794-5 face image data (the DER encoding), as DG2 carries it under DO'7F2E' (ICAO Doc 9303-10,
 * "ISO/IEC 39794-5 Application Profile for eMRTDs"):
 *
 *   7F2E { A1 { 65 FaceImageDataBlock } }            — the ICAO profile (A1 wraps [APPLICATION 5])
 *   FaceImageDataBlock ::= [APPLICATION 5] SEQUENCE { versionBlock [0], representationBlocks [1] SEQUENCE OF … }
 *   RepresentationBlock ::= SEQUENCE { representationId [0] INTEGER, imageRepresentation [1] CHOICE {
 *     base [0] CHOICE { imageRepresentation2DBlock [0] SEQUENCE {
 *       representationData2D [0] OCTET STRING, imageInformation2DBlock [1] SEQUENCE {
 *         imageDataFormat [0] CHOICE { code [0] INTEGER … }, …, imageSizeBlock [7] { width [0], height [1] } } } } }, … }
 *
 * Module tags are AUTOMATIC (implicit), CHOICEs explicit. Only what the kiosk needs is decoded: the version,
 * and per representation its id, image bytes, data format and size. Everything else is skipped; extension
 * markers (`...`) mean unknown tags are allowed. Malformed input → ChipError `chip-dg2-malformed`.
 */
import { ChipError } from '../errors';
import { parseTlv, parseTlvList, type Tlv } from '../tlv';

/** ISO/IEC 39794-5 ImageDataFormatCode. */
export const IMAGE_DATA_FORMAT = {
  unknown: 0,
  other: 1,
  jpeg: 2,
  jpeg2000Lossy: 3,
  jpeg2000Lossless: 4,
} as const;

export interface FaceRepresentation2D {
  representationId: number | null;
  /** representationData2D: the encoded image (JPEG, JPEG 2000, …). */
  image: Uint8Array;
  /** imageDataFormat code (see IMAGE_DATA_FORMAT), null when absent or an extension block. */
  dataFormat: number | null;
  /** From imageSizeBlock; 0 when absent. */
  width: number;
  height: number;
}

export interface FaceImageDataBlock {
  version: { generation: number; year: number } | null;
  representations: FaceRepresentation2D[];
}

const MAX_DEPTH = 8;

function fail(message: string): never {
  throw new ChipError('chip-dg2-malformed', `ISO 39794-5: ${message}`);
}

/** Context-specific tag number of a one-byte tag (80–9E, A0–BE), else -1. */
function ctx(t: Tlv): number {
  if (t.tag > 0xff || (t.tag & 0xc0) !== 0x80 || (t.tag & 0x1f) === 0x1f) return -1;
  return t.tag & 0x1f;
}

function children(t: Tlv): Tlv[] {
  if (!t.constructed) fail(`tag ${t.tag.toString(16)} should be constructed`);
  return parseTlvList(t.value);
}

function byCtx(list: Tlv[]): Map<number, Tlv> {
  const m = new Map<number, Tlv>();
  for (const t of list) {
    const n = ctx(t);
    if (n >= 0 && !m.has(n)) m.set(n, t);
  }
  return m;
}

/** Non-negative INTEGER content (implicitly tagged), up to 2^48. */
function uint(t: Tlv | undefined, what: string): number {
  if (!t) fail(`${what} missing`);
  const v = t.value;
  if (t.constructed || v.length < 1 || v.length > 7) fail(`${what}: not a small INTEGER`);
  if (v[0]! & 0x80) fail(`${what}: negative`);
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}

/** A CHOICE { code [0] INTEGER, extensionBlock [1] … } (explicit), or a bare INTEGER (lenient) → code or null. */
function choiceCode(t: Tlv | undefined, what: string): number | null {
  if (!t) return null;
  if (!t.constructed) return uint(t, what);
  const inner = byCtx(children(t));
  return inner.has(0) ? uint(inner.get(0), what) : null;
}

function parseRepresentation(block: Tlv): FaceRepresentation2D {
  const fields = byCtx(children(block));
  const representationId = fields.has(0) ? uint(fields.get(0), 'representationId') : null;
  const imageRepresentation = fields.get(1);
  if (!imageRepresentation) fail('representation without imageRepresentation');
  const base = byCtx(children(imageRepresentation)).get(0);
  if (!base) fail('imageRepresentation is not the base (2D) choice');
  const block2d = byCtx(children(base)).get(0);
  if (!block2d) fail('no ImageRepresentation2DBlock (3D shapes are not supported)');
  const b = byCtx(children(block2d));
  const data = b.get(0);
  if (!data || data.constructed) fail('representationData2D missing');
  let dataFormat: number | null = null;
  let width = 0;
  let height = 0;
  const info = b.get(1);
  if (info) {
    const i = byCtx(children(info));
    dataFormat = choiceCode(i.get(0), 'imageDataFormat');
    const size = i.get(7);
    if (size) {
      const s = byCtx(children(size));
      width = uint(s.get(0), 'width');
      height = uint(s.get(1), 'height');
    }
  }
  return { representationId, image: data.value, dataFormat, width, height };
}

/** The FaceImageDataBlock content (inside [APPLICATION 5]). */
function parseDataBlockContent(list: Tlv[]): FaceImageDataBlock {
  const f = byCtx(list);
  let version: FaceImageDataBlock['version'] = null;
  const v = f.get(0);
  if (v) {
    const vf = byCtx(children(v));
    version = { generation: uint(vf.get(0), 'generation'), year: uint(vf.get(1), 'year') };
  }
  const reps = f.get(1);
  if (!reps) fail('no representationBlocks');
  const items = children(reps);
  // SEQUENCE OF RepresentationBlock; a single block written without the SEQUENCE OF is accepted too.
  const blocks = items.length > 0 && items.every((t) => t.tag === 0x30) ? items : [reps];
  const representations = blocks.map(parseRepresentation);
  if (representations.length === 0) fail('no representation');
  return { version, representations };
}

/**
 * Parses the value of DO'7F2E' (or a bare `65 …` FaceImageDataBlock). Accepts `A1 { 65 {…} }` (ICAO profile),
 * `65 {…}`, and `A1 {…}` holding the FaceImageDataBlock content directly.
 */
export function parseIso39794Face(bytes: Uint8Array, depth = 0): FaceImageDataBlock {
  if (depth > MAX_DEPTH) fail('nesting too deep');
  if (bytes.length === 0) fail('empty');
  const first = parseTlv(bytes, 0);
  if (first.tag === 0x65) return parseDataBlockContent(children(first));
  if (first.tag === 0xa1) {
    const inner = children(first);
    if (inner.length === 1 && inner[0]!.tag === 0x65) return parseDataBlockContent(children(inner[0]!));
    return parseDataBlockContent(inner);
  }
  if (first.tag === 0x7f2e) return parseIso39794Face(first.value, depth + 1);
  return fail(`unexpected tag ${first.tag.toString(16)}`);
}

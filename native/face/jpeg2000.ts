/**
 * JPEG 2000 (JP2 file or raw J2K codestream) → 8-bit RGBA, with OpenJPEG compiled to WebAssembly
 * (`@cornerstonejs/codec-openjpeg`, decoder-only build). Runs wherever it is called: the kiosk calls it only
 * inside the face worker (./face-worker.ts), never on the host's main thread.
 *
 * Before OpenJPEG sees the bytes, the codestream's SIZ marker is checked (size, components, subsampling), so a
 * hostile header cannot make the decoder allocate gigabytes. Any failure → FaceDecodeError.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FaceDecodeError, type RgbaImage, type DecodeLimits } from './types';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}
interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
  getColorSpace(): number;
  delete(): void;
}
interface OpenJpegModule {
  J2KDecoder: new () => J2KDecoder;
}

/** OPJ_COLOR_SPACE values reported by the decoder. */
const CLRSPC = { unknown: 0, srgb: 1, gray: 2, sycc: 3, eycc: 4, cmyk: 5 } as const;

let modulePromise: Promise<OpenJpegModule> | null = null;

function requireHere(): NodeJS.Require {
  // Bundled CommonJS (Electron build) has a real __filename; ESM under tsx/vitest has import.meta.url
  // (an eval worker's __filename is "[worker eval]").
  const cjs = typeof __filename === 'string' && path.isAbsolute(__filename);
  return createRequire(cjs ? __filename : import.meta.url);
}

/** Loads (once) the OpenJPEG WebAssembly decoder; its console output is silenced. */
export function loadOpenJpeg(): Promise<OpenJpegModule> {
  if (!modulePromise) {
    const req = requireHere();
    const factory = req('@cornerstonejs/codec-openjpeg/decodewasmjs') as (
      m: Record<string, unknown>,
    ) => Promise<OpenJpegModule>;
    const wasmBinary = readFileSync(req.resolve('@cornerstonejs/codec-openjpeg/decodewasm'));
    modulePromise = factory({ wasmBinary, print: () => {}, printErr: () => {} });
    modulePromise.catch(() => {
      modulePromise = null;
    });
  }
  return modulePromise;
}

/** After a WebAssembly trap the module's state is unknown: the next call loads a fresh instance. */
function discardModule(): void {
  modulePromise = null;
}

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}
function u32(b: Uint8Array, at: number): number {
  return b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
}

/** The contiguous codestream: the input itself (J2K) or the content of the JP2 'jp2c' box. */
export function codestreamOf(b: Uint8Array): Uint8Array {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51) return b;
  if (!JP2_SIGNATURE.every((v, i) => b[i] === v))
    throw new FaceDecodeError('face.unsupported', 'not JPEG 2000');
  let at = 0;
  for (let n = 0; n < 256 && at + 8 <= b.length; n++) {
    let len = u32(b, at);
    let header = 8;
    if (len === 1) {
      if (at + 16 > b.length || u32(b, at + 8) !== 0)
        throw new FaceDecodeError('face.corrupt', 'JP2 box too large');
      len = u32(b, at + 12);
      header = 16;
    } else if (len === 0) len = b.length - at;
    if (len < header || at + len > b.length)
      throw new FaceDecodeError('face.corrupt', 'JP2 box runs past the end');
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    if (type === 'jp2c') return b.subarray(at + header, at + len);
    at += len;
  }
  throw new FaceDecodeError('face.corrupt', 'JP2 without a codestream box');
}

export interface SizInfo {
  width: number;
  height: number;
  components: number;
  /** Bit depth per component (1–38 per the standard). */
  depths: number[];
}

/** Reads and checks the SIZ marker segment (must follow SOC). */
export function readSiz(cs: Uint8Array, limits: DecodeLimits): SizInfo {
  if (cs.length < 6 || u16(cs, 0) !== 0xff4f || u16(cs, 2) !== 0xff51)
    throw new FaceDecodeError('face.corrupt', 'codestream does not start with SOC, SIZ');
  const lsiz = u16(cs, 4);
  if (lsiz < 41 || 4 + lsiz > cs.length) throw new FaceDecodeError('face.corrupt', 'SIZ truncated');
  const x = u32(cs, 8);
  const y = u32(cs, 12);
  const x0 = u32(cs, 16);
  const y0 = u32(cs, 20);
  const components = u16(cs, 40);
  const width = x - x0;
  const height = y - y0;
  if (width <= 0 || height <= 0) throw new FaceDecodeError('face.corrupt', 'SIZ: empty image');
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels)
    throw new FaceDecodeError('face.too-large', `image ${width}×${height} is over the limit`);
  if (components < 1 || components > 4 || lsiz !== 38 + 3 * components)
    throw new FaceDecodeError('face.unsupported', `SIZ: ${components} components`);
  const depths: number[] = [];
  for (let c = 0; c < components; c++) {
    const at = 42 + 3 * c;
    const ssiz = cs[at]!;
    if (cs[at + 1] !== 1 || cs[at + 2] !== 1)
      throw new FaceDecodeError('face.unsupported', 'subsampled components are not supported');
    const depth = (ssiz & 0x7f) + 1;
    if (depth > 16) throw new FaceDecodeError('face.unsupported', `${depth}-bit samples`);
    depths.push(depth);
  }
  if (depths.some((d) => d !== depths[0]))
    throw new FaceDecodeError('face.unsupported', 'components of different bit depths');
  return { width, height, components, depths };
}

function clamp8(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** Decodes a JP2 file or J2K codestream to 8-bit RGBA. */
export async function decodeJpeg2000(bytes: Uint8Array, limits: DecodeLimits): Promise<RgbaImage> {
  const siz = readSiz(codestreamOf(bytes), limits);
  const mod = await loadOpenJpeg();
  let decoder: J2KDecoder | null = null;
  try {
    decoder = new mod.J2KDecoder();
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const info = decoder.getFrameInfo();
    const { width, height, componentCount: comps, bitsPerSample: bits } = info;
    if (width !== siz.width || height !== siz.height || comps !== siz.components || bits < 1 || bits > 16)
      throw new FaceDecodeError('face.corrupt', 'JPEG 2000 did not decode');
    const colourSpace = decoder.getColorSpace();
    if (colourSpace === CLRSPC.cmyk || colourSpace === CLRSPC.eycc)
      throw new FaceDecodeError('face.unsupported', 'CMYK / e-YCC JPEG 2000');
    const raw = decoder.getDecodedBuffer();
    const bytesPerSample = bits > 8 ? 2 : 1;
    if (raw.length !== width * height * comps * bytesPerSample)
      throw new FaceDecodeError('face.corrupt', 'JPEG 2000 decoded to an unexpected size');
    const sample = (i: number): number => {
      let v = bytesPerSample === 2 ? raw[2 * i]! | (raw[2 * i + 1]! << 8) : raw[i]!;
      if (info.isSigned) {
        if (v & (1 << (bits - 1))) v -= 1 << bits;
        v += 1 << (bits - 1);
      }
      return bits === 8 ? v : Math.round((v * 255) / ((1 << bits) - 1));
    };
    const rgba = new Uint8Array(width * height * 4);
    const ycc = colourSpace === CLRSPC.sycc && comps >= 3;
    for (let p = 0; p < width * height; p++) {
      const o = p * 4;
      if (comps <= 2) {
        const g = sample(p * comps);
        rgba[o] = rgba[o + 1] = rgba[o + 2] = g;
        rgba[o + 3] = comps === 2 ? sample(p * comps + 1) : 255;
        continue;
      }
      let r = sample(p * comps);
      let g = sample(p * comps + 1);
      let b = sample(p * comps + 2);
      if (ycc) {
        const cb = g - 128;
        const cr = b - 128;
        [r, g, b] = [r + 1.402 * cr, r - 0.344136 * cb - 0.714136 * cr, r + 1.772 * cb];
      }
      rgba[o] = clamp8(r);
      rgba[o + 1] = clamp8(g);
      rgba[o + 2] = clamp8(b);
      rgba[o + 3] = comps === 4 ? sample(p * comps + 3) : 255;
    }
    return { width, height, rgba };
  } catch (e) {
    if (e instanceof FaceDecodeError) throw e;
    discardModule(); // a trap or C++ exception inside the WebAssembly module
    throw new FaceDecodeError('face.corrupt', 'JPEG 2000 decoder failed');
  } finally {
    try {
      decoder?.delete();
    } catch {
      discardModule();
    }
  }
}

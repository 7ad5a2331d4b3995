/**
 * Photos and scans as grey images: decoding (PNG, JPEG), framing the document (crop to the page), a
 * readability check (size, contrast, sharpness) and JPEG re-encoding for the PDF.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { AttachmentError } from './errors';

export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const MAX_PIXELS = 40_000_000;

/** `data:image/png;base64,…` or `data:image/jpeg;base64,…` → bytes. */
export function bytesFromDataUrl(url: string): Buffer {
  const m = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(url);
  if (!m) throw new AttachmentError('attachment-bad-image', 'not a PNG or JPEG data URL');
  return Buffer.from(m[2]!, 'base64');
}

function toGray(width: number, height: number, rgba: Uint8Array | Buffer): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++)
    data[i] = (rgba[i * 4]! * 299 + rgba[i * 4 + 1]! * 587 + rgba[i * 4 + 2]! * 114) / 1000;
  return { width, height, data };
}

export function decodeImage(bytes: Buffer): GrayImage {
  try {
    if (bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) {
      const png = PNG.sync.read(bytes);
      if (png.width * png.height > MAX_PIXELS) throw new Error('too many pixels');
      return toGray(png.width, png.height, png.data);
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const img = jpeg.decode(bytes, {
        useTArray: true,
        maxResolutionInMP: MAX_PIXELS / 1e6,
        formatAsRGBA: true,
      });
      return toGray(img.width, img.height, img.data);
    }
  } catch (err) {
    throw new AttachmentError('attachment-bad-image', 'the image could not be decoded', { cause: err });
  }
  throw new AttachmentError('attachment-bad-image', 'neither PNG nor JPEG');
}

/** Otsu's threshold of a grey histogram. */
export function otsu(img: GrayImage): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of img.data) hist[v]!++;
  const total = img.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

export function crop(img: GrayImage, x0: number, y0: number, w: number, h: number): GrayImage {
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    data.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + w), y * w);
  return { width: w, height: h, data };
}

type Pt = { x: number; y: number };

/**
 * Perspective correction: the homography that maps the unit square onto the quadrilateral
 * (tl, tr, br, bl) (Heckbert 1989, square-to-quad), sampled bilinearly into a w×h rectangle.
 */
export function warpQuad(img: GrayImage, q: [Pt, Pt, Pt, Pt], w: number, h: number): GrayImage {
  const [p0, p1, p2, p3] = q;
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const sx = p0.x - p1.x + p2.x - p3.x;
  const sy = p0.y - p1.y + p2.y - p3.y;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = den === 0 ? 0 : (sx * dy2 - dx2 * sy) / den;
  const hh = den === 0 ? 0 : (dx1 * sy - sx * dy1) / den;
  const a = p1.x - p0.x + g * p1.x;
  const b = p3.x - p0.x + hh * p3.x;
  const c = p0.x;
  const d = p1.y - p0.y + g * p1.y;
  const e = p3.y - p0.y + hh * p3.y;
  const f = p0.y;
  const out = new Uint8Array(w * h);
  const at = (x: number, y: number) =>
    img.data[Math.min(img.height - 1, Math.max(0, y)) * img.width + Math.min(img.width - 1, Math.max(0, x))]!;
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) {
      const u = (i + 0.5) / w;
      const v = (j + 0.5) / h;
      const z = g * u + hh * v + 1;
      const x = (a * u + b * v + c) / z;
      const y = (d * u + e * v + f) / z;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      out[j * w + i] =
        at(x0, y0) * (1 - fx) * (1 - fy) +
        at(x0 + 1, y0) * fx * (1 - fy) +
        at(x0, y0 + 1) * (1 - fx) * fy +
        at(x0 + 1, y0 + 1) * fx * fy;
    }
  return { width: w, height: h, data: out };
}

const dist = (p: Pt, q: Pt) => Math.hypot(p.x - q.x, p.y - q.y);

/**
 * Document framing: a sheet of paper is the large bright region of a photo taken against the darker
 * kiosk tray. Rows and columns that are mostly bright bound the sheet; inside that box the sheet's corners
 * are the bright pixels extreme in x+y and x−y. A sheet lying askew (rotated, or seen at an angle) is
 * warped back to a rectangle (perspective correction); a straight one is just cropped. When no clear sheet
 * is found (a scan is already the sheet), the image is kept whole.
 */
export function frameDocument(img: GrayImage): GrayImage {
  const t = otsu(img);
  const bright = (x: number, y: number) => img.data[y * img.width + x]! > t;
  const rowFrac = (y: number) => {
    let n = 0;
    for (let x = 0; x < img.width; x++) if (bright(x, y)) n++;
    return n / img.width;
  };
  const colFrac = (x: number) => {
    let n = 0;
    for (let y = 0; y < img.height; y++) if (bright(x, y)) n++;
    return n / img.height;
  };
  const edge = (len: number, frac: (i: number) => number, from: number, step: number, min: number) => {
    for (let i = from; i >= 0 && i < len; i += step) if (frac(i) > min) return i;
    return from;
  };
  // Any bright row/column (> 5 %) bounds the sheet, corners included.
  const top = edge(img.height, rowFrac, 0, 1, 0.05);
  const bottom = edge(img.height, rowFrac, img.height - 1, -1, 0.05);
  const left = edge(img.width, colFrac, 0, 1, 0.05);
  const right = edge(img.width, colFrac, img.width - 1, -1, 0.05);
  const w = right - left + 1;
  const h = bottom - top + 1;
  if (w < img.width * 0.3 || h < img.height * 0.3 || (w === img.width && h === img.height)) return img;
  let tl = { x: right, y: bottom, s: Infinity };
  let br = { x: left, y: top, s: -Infinity };
  let tr = { x: left, y: bottom, s: -Infinity };
  let bl = { x: right, y: top, s: Infinity };
  for (let y = top; y <= bottom; y++)
    for (let x = left; x <= right; x++) {
      if (!bright(x, y)) continue;
      if (x + y < tl.s) tl = { x, y, s: x + y };
      if (x + y > br.s) br = { x, y, s: x + y };
      if (x - y > tr.s) tr = { x, y, s: x - y };
      if (x - y < bl.s) bl = { x, y, s: x - y };
    }
  const box: [Pt, Pt, Pt, Pt] = [
    { x: left, y: top },
    { x: right, y: top },
    { x: right, y: bottom },
    { x: left, y: bottom },
  ];
  const quad: [Pt, Pt, Pt, Pt] = [tl, tr, br, bl];
  const tol = Math.min(w, h) * 0.03;
  if (quad.every((p, i) => dist(p, box[i]!) <= tol)) return crop(img, left, top, w, h);
  const outW = Math.round(Math.max(dist(tl, tr), dist(bl, br)));
  const outH = Math.round(Math.max(dist(tl, bl), dist(tr, br)));
  if (outW < 50 || outH < 50) return crop(img, left, top, w, h);
  return warpQuad(img, quad, outW, outH);
}

export interface Readability {
  /** Standard deviation of the grey levels (0–127). */
  contrast: number;
  /** Mean absolute Laplacian: edges of letters; near 0 for a blurred or blank picture. */
  sharpness: number;
}

export function readability(img: GrayImage): Readability {
  const n = img.data.length;
  let sum = 0;
  let sq = 0;
  for (const v of img.data) {
    sum += v;
    sq += v * v;
  }
  const mean = sum / n;
  let lap = 0;
  let count = 0;
  const { width: w, height: h, data } = img;
  for (let y = 1; y < h - 1; y += 2)
    for (let x = 1; x < w - 1; x += 2) {
      const i = y * w + x;
      lap += Math.abs(4 * data[i]! - data[i - 1]! - data[i + 1]! - data[i - w]! - data[i + w]!);
      count++;
    }
  return { contrast: Math.sqrt(Math.max(0, sq / n - mean * mean)), sharpness: count ? lap / count : 0 };
}

export const READABLE = { minSide: 300, minContrast: 20, minSharpness: 1.5 } as const;

/** Throws `attachment-unreadable` for a picture too small, too flat (blank, dark) or too blurred to read. */
export function checkReadable(img: GrayImage): Readability {
  const r = readability(img);
  if (Math.min(img.width, img.height) < READABLE.minSide)
    throw new AttachmentError('attachment-unreadable', `image too small (${img.width}×${img.height})`);
  if (r.contrast < READABLE.minContrast)
    throw new AttachmentError('attachment-unreadable', `too little contrast (${r.contrast.toFixed(1)})`);
  if (r.sharpness < READABLE.minSharpness)
    throw new AttachmentError('attachment-unreadable', `too blurred (${r.sharpness.toFixed(2)})`);
  return r;
}

export function encodeJpeg(img: GrayImage, quality = 80): Buffer {
  const rgba = Buffer.alloc(img.width * img.height * 4);
  for (let i = 0; i < img.data.length; i++) {
    const v = img.data[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return Buffer.from(jpeg.encode({ data: rgba, width: img.width, height: img.height }, quality).data);
}

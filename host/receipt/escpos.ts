import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { ReceiptError } from './errors';

const run = promisify(execFile);

/** 80 mm thermal printers (203 dpi) print 72 mm = 576 dots. */
export const PRINT_WIDTH_DOTS = 576;
/** Rows per `GS v 0` band: small enough for printers with modest buffers. */
const BAND_ROWS = 256;

export interface Bitmap {
  width: number;
  height: number;
  /** 1 = black, row-major, one byte per pixel. */
  bits: Uint8Array;
}

/**
 * Rasterises the 80 mm receipt PDF for a thermal printer. Why `pdftoppm` (poppler-utils): the PDF is the
 * one layout of the receipt; poppler renders its embedded Noto Sans exactly, whereas drawing the ticket
 * with pngjs would need a second layout and a TrueType rasteriser in JS. One external binary, already
 * needed by the tests, and the printed ticket matches the on-screen PDF.
 */
export async function rasterizePdf(pdf: Buffer, widthDots = PRINT_WIDTH_DOTS): Promise<Bitmap> {
  const dir = await mkdtemp(join(tmpdir(), 'receipt-'));
  try {
    await writeFile(join(dir, 'r.pdf'), pdf);
    try {
      await run(
        'pdftoppm',
        [
          '-png',
          '-gray',
          '-singlefile',
          '-f',
          '1',
          '-l',
          '1',
          '-scale-to-x',
          String(widthDots),
          '-scale-to-y',
          '-1',
          join(dir, 'r.pdf'),
          join(dir, 'r'),
        ],
        {
          timeout: 20_000,
        },
      );
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') {
        throw new ReceiptError(
          'receipt-rasterizer-missing',
          'pdftoppm is missing: install the Debian package poppler-utils',
          { cause: err },
        );
      }
      throw new ReceiptError('receipt-render-failed', 'pdftoppm failed on the receipt', { cause: err });
    }
    const png = PNG.sync.read(await readFile(join(dir, 'r.png')));
    return threshold(png);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function threshold(png: PNG): Bitmap {
  const { width, height, data } = png;
  const bits = new Uint8Array(width * height);
  let last = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const lum = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
      const black = lum < 128 && data[i + 3]! > 0 ? 1 : 0;
      bits[y * width + x] = black;
      if (black) last = y;
    }
  }
  // Trim the blank tail of the fixed-height roll page, keeping a small margin.
  const h = Math.min(height, last + 24);
  return { width, height: h, bits: bits.subarray(0, width * h) };
}

/**
 * ESC/POS bytes: `ESC @` (init), the bitmap as `GS v 0` raster bands (m = 0, normal density),
 * feed 4 lines and a partial cut (`GS V 66 0`).
 */
export function bitmapToEscPos(b: Bitmap): Buffer {
  const bytesPerRow = Math.ceil(b.width / 8);
  const parts: Buffer[] = [Buffer.from([0x1b, 0x40])];
  for (let y0 = 0; y0 < b.height; y0 += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, b.height - y0);
    const band = Buffer.alloc(8 + bytesPerRow * rows);
    band.set([0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < b.width; x++) {
        if (b.bits[(y0 + y) * b.width + x]) band[8 + y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
      }
    }
    parts.push(band);
  }
  parts.push(Buffer.from([0x1b, 0x64, 0x04, 0x1d, 0x56, 0x42, 0x00]));
  return Buffer.concat(parts);
}

/** Reads the raster bands back into a bitmap (tests and the printer simulator). */
export function escPosToBitmap(bytes: Buffer): Bitmap {
  const bands: { w: number; h: number; data: Buffer }[] = [];
  for (let i = 0; i < bytes.length - 7;) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const w = bytes[i + 4]! | (bytes[i + 5]! << 8);
      const h = bytes[i + 6]! | (bytes[i + 7]! << 8);
      bands.push({ w, h, data: bytes.subarray(i + 8, i + 8 + w * h) });
      i += 8 + w * h;
    } else i++;
  }
  const width = (bands[0]?.w ?? 0) * 8;
  const height = bands.reduce((s, b) => s + b.h, 0);
  const bits = new Uint8Array(width * height);
  let y0 = 0;
  for (const b of bands) {
    for (let y = 0; y < b.h; y++)
      for (let x = 0; x < width; x++)
        bits[(y0 + y) * width + x] = (b.data[y * b.w + (x >> 3)]! >> (7 - (x & 7))) & 1;
    y0 += b.h;
  }
  return { width, height, bits };
}

/** The 80 mm receipt PDF as ESC/POS bytes for a thermal printer. */
export async function receiptToEscPos(pdf80mm: Buffer): Promise<Buffer> {
  return bitmapToEscPos(await rasterizePdf(pdf80mm));
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReadable, crop, decodeImage, frameDocument, readability, type GrayImage } from './image';
import { imagesToPdf } from './pdf';
import { SANE_DEMO_CONFIG_DIR, listScanners, scanPage } from './scanner';

const dir = mkdtempSync(join(tmpdir(), 'attach-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A photo of a sheet with lines of "text" (dark bars) lying on a dark tray: what the kiosk camera sees. */
export function documentPhoto(width = 640, height = 480, sheet = { x: 120, y: 40, w: 400, h: 400 }): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inSheet = x >= sheet.x && x < sheet.x + sheet.w && y >= sheet.y && y < sheet.y + sheet.h;
      const line = (y - sheet.y) % 24 < 8 && y - sheet.y > 30 && y - sheet.y < sheet.h - 30;
      const word = (x - sheet.x) % 40 < 30 && x - sheet.x > 30 && x - sheet.x < sheet.w - 30;
      const v = inSheet ? (line && word ? 30 : 235) : 60;
      const i = (y * width + x) * 4;
      png.data[i] = v;
      png.data[i + 1] = v;
      png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

/** The same sheet turned by `deg` degrees around its centre (a paper laid askew on the tray). */
function askewPhoto(deg: number): GrayImage {
  const W = 640;
  const H = 480;
  const sheet = { w: 400, h: 340 };
  const [cx, cy] = [W / 2, H / 2];
  const r = (deg * Math.PI) / 180;
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      // Back into the sheet's own coordinates.
      const sx = Math.cos(r) * (x - cx) + Math.sin(r) * (y - cy) + sheet.w / 2;
      const sy = -Math.sin(r) * (x - cx) + Math.cos(r) * (y - cy) + sheet.h / 2;
      const inSheet = sx >= 0 && sx < sheet.w && sy >= 0 && sy < sheet.h;
      const text =
        sy > 30 && sy < sheet.h - 30 && sy % 24 < 8 && sx > 30 && sx < sheet.w - 30 && sx % 40 < 30;
      data[y * W + x] = inSheet ? (text ? 30 : 235) : 60;
    }
  return { width: W, height: H, data };
}

/** Share of rows in the middle of the page that are blank paper: high when the lines of text run level. */
function blankRowShare(img: GrayImage): number {
  let blank = 0;
  let rows = 0;
  for (let y = Math.floor(img.height * 0.15); y < img.height * 0.85; y++) {
    let sum = 0;
    for (let x = Math.floor(img.width * 0.15); x < img.width * 0.85; x++) sum += img.data[y * img.width + x]!;
    rows++;
    if (sum / (img.width * 0.7) > 220) blank++;
  }
  return blank / rows;
}

const pdfPages = (bytes: Buffer, name: string): number => {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f]).toString())![1]);
};

describe('photos of documents', () => {
  it('frames the sheet out of the tray and finds it readable', () => {
    const img = decodeImage(documentPhoto());
    const framed = frameDocument(img);
    expect(framed.width).toBeGreaterThanOrEqual(400);
    expect(framed.width).toBeLessThan(430);
    expect(framed.height).toBeLessThan(430);
    expect(() => checkReadable(framed)).not.toThrow();
  });

  it('straightens a sheet laid askew (perspective correction): level lines of text, the sheet’s own size', () => {
    const askew = askewPhoto(12);
    const framed = frameDocument(askew);
    expect(framed.width).toBeGreaterThan(385);
    expect(framed.width).toBeLessThan(415);
    expect(framed.height).toBeGreaterThan(325);
    expect(framed.height).toBeLessThan(355);
    // Straight, the rows between text lines are blank paper again; askew, almost none are.
    expect(blankRowShare(framed)).toBeGreaterThan(0.4);
    expect(blankRowShare(crop(askew, 90, 32, 460, 416))).toBeLessThan(0.15);
    expect(() => checkReadable(framed)).not.toThrow();
  });

  it('refuses a blank, a dark or a tiny picture as unreadable', () => {
    const flat = (v: number, w = 640, h = 480): GrayImage => ({
      width: w,
      height: h,
      data: new Uint8Array(w * h).fill(v),
    });
    for (const img of [
      flat(240),
      flat(10),
      decodeImage(documentPhoto(200, 150, { x: 10, y: 10, w: 150, h: 120 })),
    ])
      expect(() => checkReadable(img)).toThrow(expect.objectContaining({ code: 'attachment-unreadable' }));
  });

  it('fuzz: any bytes decode to an image or fail with attachment-bad-image (10^4 runs)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom([], [0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8]),
        (tail, head) => {
          try {
            const img = decodeImage(Buffer.from([...head, ...tail]));
            readability(img);
          } catch (e) {
            expect((e as { code?: string }).code).toBe('attachment-bad-image');
          }
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('becomes a one-page PDF that poppler reads', async () => {
    const f = await imagesToPdf([frameDocument(decodeImage(documentPhoto()))], 'x.pdf', 'Giấy tờ');
    const bytes = Buffer.from(f.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPages(bytes, 'photo.pdf')).toBe(1);
    expect(f.pages).toBe(1);
  });
});

describe('SANE document scanner (test backend)', () => {
  const env = { SANE_CONFIG_DIR: SANE_DEMO_CONFIG_DIR };
  it('lists the test device and scans a readable grey page', async () => {
    expect(await listScanners({ env })).toContain('test:0');
    const png = await scanPage({ env });
    const img = decodeImage(png);
    expect(img.width).toBeGreaterThan(800);
    expect(() => checkReadable(img)).not.toThrow();
    const f = await imagesToPdf([img], 'scan.pdf', 'Giấy tờ');
    expect(pdfPages(Buffer.from(f.base64, 'base64'), 'scan.pdf')).toBe(1);
  });

  it('a missing device is scanner-failed, not a crash', async () => {
    await expect(scanPage({ env, device: 'test:9' })).rejects.toMatchObject({ code: 'scanner-failed' });
  });
});

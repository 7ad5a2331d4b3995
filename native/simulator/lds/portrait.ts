/**
 * A procedurally drawn, obviously synthetic portrait (no real face): an oval head, two eyes, a mouth,
 * shoulders, with seeded noise so the JPEG lands at 12–20 KB. Deterministic for a given seed.
 */
import jpeg from 'jpeg-js';
import { seededRandom } from '../../../common/seeded-random';

export const PORTRAIT_WIDTH = 240;
export const PORTRAIT_HEIGHT = 320;

function inEllipse(x: number, y: number, cx: number, cy: number, rx: number, ry: number): boolean {
  const dx = (x - cx) / rx;
  const dy = (y - cy) / ry;
  return dx * dx + dy * dy <= 1;
}

/** The drawn portrait as RGBA pixels (PORTRAIT_WIDTH × PORTRAIT_HEIGHT × 4). */
export function drawPortraitRgba(seed: number, noise = 10): Buffer {
  const w = PORTRAIT_WIDTH;
  const h = PORTRAIT_HEIGHT;
  const rand = seededRandom(seed);
  const hue = rand();
  const skin: [number, number, number] = [
    200 + Math.round(hue * 30),
    160 + Math.round(hue * 25),
    130 + Math.round(hue * 20),
  ];
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let c: [number, number, number] = [235, 238, 242]; // light background, as on ID photos
      if (inEllipse(x, y, 120, 330, 115, 80)) c = [40, 60, 110]; // shoulders / jacket
      if (inEllipse(x, y, 120, 150, 70, 92)) c = skin; // head
      if (y < 110 && inEllipse(x, y, 120, 120, 74, 78)) c = [30, 25, 25]; // hair
      if (inEllipse(x, y, 95, 145, 10, 6) || inEllipse(x, y, 145, 145, 10, 6)) c = [40, 30, 30]; // eyes
      if (inEllipse(x, y, 120, 205, 22, 6)) c = [150, 70, 70]; // mouth
      const n = (rand() - 0.5) * 2 * noise;
      const i = (y * w + x) * 4;
      data[i] = Math.max(0, Math.min(255, c[0] + n));
      data[i + 1] = Math.max(0, Math.min(255, c[1] + n));
      data[i + 2] = Math.max(0, Math.min(255, c[2] + n));
      data[i + 3] = 255;
    }
  }
  return data;
}

export function drawPortraitJpeg(seed: number, noise = 10, quality = 60): Uint8Array {
  const data = drawPortraitRgba(seed, noise);
  return new Uint8Array(jpeg.encode({ data, width: PORTRAIT_WIDTH, height: PORTRAIT_HEIGHT }, quality).data);
}

/** Draws, then adjusts the noise until the JPEG is within [minBytes, maxBytes] (deterministic). */
export function portraitJpegOfSize(seed: number, minBytes = 12 * 1024, maxBytes = 20 * 1024): Uint8Array {
  let lo = 0;
  let hi = 60;
  let best = drawPortraitJpeg(seed, 10);
  for (let i = 0; i < 12; i++) {
    if (best.length >= minBytes && best.length <= maxBytes) return best;
    const mid = (lo + hi) / 2;
    best = drawPortraitJpeg(seed, mid);
    if (best.length < minBytes) lo = mid;
    else if (best.length > maxBytes) hi = mid;
  }
  return best;
}

/**
 * Regenerates fixtures/faces: a drawn, obviously synthetic 64×80 portrait (no real face) as PPM/PGM, encoded
 * to JPEG 2000 by an INDEPENDENT encoder (OpenJPEG's `opj_compress`, Debian libopenjp2-tools) and, for the
 * lossy file, decoded back by `opj_decompress` as the expected pixels. Run: `npx tsx scripts/make-face-fixtures.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawPortraitRgba, PORTRAIT_HEIGHT, PORTRAIT_WIDTH } from '../native/simulator/lds/portrait';
import { SIMULATOR_JP2_SEED } from '../native/simulator/lds/dg2';

const dir = fileURLToPath(new URL('../fixtures/faces/', import.meta.url));
const W = 64;
const H = 80;

function inEllipse(x: number, y: number, cx: number, cy: number, rx: number, ry: number): boolean {
  const dx = (x - cx) / rx;
  const dy = (y - cy) / ry;
  return dx * dx + dy * dy <= 1;
}

/** RGB pixels of the synthetic portrait: background gradient, jacket, head, hair, eyes, mouth. */
function portrait(): Uint8Array {
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let c = [220 + (x >> 3), 228, 236 - (y >> 3)];
      if (inEllipse(x, y, 32, 88, 30, 20)) c = [40, 60, 110];
      if (inEllipse(x, y, 32, 38, 18, 24)) c = [214, 170, 140];
      if (y < 28 && inEllipse(x, y, 32, 30, 19, 20)) c = [30, 25, 25];
      if (inEllipse(x, y, 25, 38, 3, 2) || inEllipse(x, y, 39, 38, 3, 2)) c = [40, 30, 30];
      if (inEllipse(x, y, 32, 53, 6, 2)) c = [150, 70, 70];
      rgb.set(c, (y * W + x) * 3);
    }
  }
  return rgb;
}

const ppm = (rgb: Uint8Array): Buffer => Buffer.concat([Buffer.from(`P6\n${W} ${H}\n255\n`), rgb]);
const pgm = (gray: Uint8Array): Buffer => Buffer.concat([Buffer.from(`P5\n${W} ${H}\n255\n`), gray]);
const opj = (tool: string, ...args: string[]): void => {
  execFileSync(tool, args, { stdio: 'ignore' });
};

mkdirSync(dir, { recursive: true });
const rgb = portrait();
const gray = new Uint8Array(W * H).map((_, i) =>
  Math.round(0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!),
);
const f = (name: string): string => path.join(dir, name);
writeFileSync(f('portrait.ppm'), ppm(rgb));
writeFileSync(f('portrait-gray.pgm'), pgm(gray));
opj('opj_compress', '-i', f('portrait.ppm'), '-o', f('portrait-lossless.jp2'));
opj('opj_compress', '-i', f('portrait.ppm'), '-o', f('portrait-lossless.j2k'));
opj('opj_compress', '-i', f('portrait-gray.pgm'), '-o', f('portrait-gray-lossless.jp2'));
opj('opj_compress', '-i', f('portrait.ppm'), '-o', f('portrait-lossy.jp2'), '-r', '20', '-I');
opj('opj_decompress', '-i', f('portrait-lossy.jp2'), '-o', f('portrait-lossy.opj.ppm'));
// The simulator's drawn 240×320 portrait as a lossy JP2 (profiles with `portrait.format: "jp2"`).
const tmp = mkdtempSync(path.join(os.tmpdir(), 'faces-'));
const rgba = drawPortraitRgba(SIMULATOR_JP2_SEED, 4);
const sim = new Uint8Array(PORTRAIT_WIDTH * PORTRAIT_HEIGHT * 3).map(
  (_, i) => rgba[Math.floor(i / 3) * 4 + (i % 3)]!,
);
writeFileSync(
  path.join(tmp, 'sim.ppm'),
  Buffer.concat([Buffer.from(`P6\n${PORTRAIT_WIDTH} ${PORTRAIT_HEIGHT}\n255\n`), sim]),
);
opj('opj_compress', '-i', path.join(tmp, 'sim.ppm'), '-o', f('simulator-portrait.jp2'), '-r', '12', '-I');
rmSync(tmp, { recursive: true, force: true });
for (const name of [
  'portrait-lossless.jp2',
  'portrait-lossless.j2k',
  'portrait-lossy.jp2',
  'simulator-portrait.jp2',
])
  console.log(name, readFileSync(f(name)).length, 'bytes');

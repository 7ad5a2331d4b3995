/** Test helpers: the committed face fixtures (fixtures/faces, see its README) and a PNM reader. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FACES_DIR = fileURLToPath(new URL('../../../fixtures/faces/', import.meta.url));

export function faceFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FACES_DIR + name));
}

/** Binary PPM (P6) / PGM (P5), 8-bit, comments allowed → RGBA. */
export function readPnm(bytes: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const tokens: string[] = [];
  let at = 0;
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[at]!))) at++;
    if (bytes[at] === 0x23) {
      while (bytes[at] !== 0x0a) at++;
      continue;
    }
    let t = '';
    while (!/\s/.test(String.fromCharCode(bytes[at]!))) t += String.fromCharCode(bytes[at++]!);
    tokens.push(t);
  }
  at++; // the single white-space byte before the samples
  const [magic, w, h, max] = tokens;
  if ((magic !== 'P6' && magic !== 'P5') || max !== '255') throw new Error(`unsupported PNM ${magic} ${max}`);
  const width = Number(w);
  const height = Number(h);
  const channels = magic === 'P6' ? 3 : 1;
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = at + p * channels;
    rgba[p * 4] = bytes[s]!;
    rgba[p * 4 + 1] = bytes[s + (channels === 3 ? 1 : 0)]!;
    rgba[p * 4 + 2] = bytes[s + (channels === 3 ? 2 : 0)]!;
    rgba[p * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

/** Largest absolute difference between two equally sized RGBA buffers. */
export function maxDiff(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

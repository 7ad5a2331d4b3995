import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeFace } from './decode';
import { codestreamOf, readSiz } from './jpeg2000';
import { faceFixture, maxDiff, readPnm } from './testing/face-fixtures';
import { DEFAULT_LIMITS, FaceDecodeError } from './types';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);
const source = readPnm(faceFixture('portrait.ppm'));
const gray = readPnm(faceFixture('portrait-gray.pgm'));

async function reasonOf(bytes: Uint8Array): Promise<string> {
  try {
    await decodeFace(bytes);
    return 'decoded';
  } catch (e) {
    if (e instanceof FaceDecodeError) return e.reason;
    throw e;
  }
}

describe('JPEG 2000 faces (encoded by opj_compress, an independent encoder)', () => {
  it('lossless JP2: every pixel equals the source; shown as a PNG with the same pixels', async () => {
    const { pixels, display } = await decodeFace(faceFixture('portrait-lossless.jp2'));
    expect([pixels.width, pixels.height]).toEqual([64, 80]);
    expect(maxDiff(pixels.rgba, source.rgba)).toBe(0);
    expect(display).toMatchObject({ mime: 'image/png', sourceMime: 'image/jp2', width: 64, height: 80 });
    const png = PNG.sync.read(Buffer.from(display.bytes));
    expect(maxDiff(new Uint8Array(png.data), source.rgba)).toBe(0);
  });

  it('lossless raw J2K codestream: same pixels', async () => {
    const { pixels } = await decodeFace(faceFixture('portrait-lossless.j2k'));
    expect(maxDiff(pixels.rgba, source.rgba)).toBe(0);
  });

  it('greyscale JP2: one component spread to R = G = B', async () => {
    const { pixels } = await decodeFace(faceFixture('portrait-gray-lossless.jp2'));
    expect(maxDiff(pixels.rgba, gray.rgba)).toBe(0);
  });

  it('lossy JP2 (irreversible 9/7, 20:1): matches what opj_decompress decodes, and resembles the source', async () => {
    const { pixels } = await decodeFace(faceFixture('portrait-lossy.jp2'));
    const opj = readPnm(faceFixture('portrait-lossy.opj.ppm'));
    expect(maxDiff(pixels.rgba, opj.rgba)).toBeLessThanOrEqual(1);
    let sum = 0;
    for (let i = 0; i < source.rgba.length; i++) sum += Math.abs(pixels.rgba[i]! - source.rgba[i]!);
    expect(sum / source.rgba.length).toBeLessThan(8);
    expect(maxDiff(pixels.rgba, source.rgba)).toBeGreaterThan(0);
  });

  it('SIZ limits are checked before decoding', () => {
    const cs = codestreamOf(faceFixture('portrait-lossless.jp2'));
    expect(readSiz(cs, DEFAULT_LIMITS)).toEqual({ width: 64, height: 80, components: 3, depths: [8, 8, 8] });
    expect(() => readSiz(cs, { ...DEFAULT_LIMITS, maxSide: 63 })).toThrow(
      expect.objectContaining({ reason: 'too-large' }),
    );
  });
});

describe('JPEG faces', () => {
  it('decoded to pixels; shown as the original bytes', async () => {
    const jpg = new Uint8Array(
      jpeg.encode({ data: Buffer.from(source.rgba), width: 64, height: 80 }, 95).data,
    );
    const { pixels, display } = await decodeFace(jpg);
    expect(display).toMatchObject({ mime: 'image/jpeg', sourceMime: 'image/jpeg', width: 64, height: 80 });
    expect(display.bytes).toBe(jpg);
    let sum = 0;
    for (let i = 0; i < source.rgba.length; i++) sum += Math.abs(pixels.rgba[i]! - source.rgba[i]!);
    expect(sum / source.rgba.length).toBeLessThan(4);
  });
});

describe('bad images give a reason, never a crash', () => {
  it('typical garbage', async () => {
    expect(await reasonOf(new Uint8Array(0))).toBe('unsupported');
    expect(await reasonOf(Uint8Array.of(1, 2, 3))).toBe('unsupported');
    expect(await reasonOf(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0))).toBe('corrupt');
    const jp2 = faceFixture('portrait-lossless.jp2');
    expect(await reasonOf(jp2.subarray(0, 200))).toBe('corrupt');
    expect(await reasonOf(new Uint8Array(DEFAULT_LIMITS.maxBytes + 1))).toBe('too-large');
    // A header claiming 60000 × 60000 is refused before OpenJPEG allocates anything.
    const huge = faceFixture('portrait-lossless.j2k').slice();
    new DataView(huge.buffer).setUint32(8, 60000);
    new DataView(huge.buffer).setUint32(12, 60000);
    expect(await reasonOf(huge)).toBe('too-large');
  });

  it(`fuzz (${FUZZ_RUNS} runs): random, truncated and mutated JPEG / JPEG 2000 only ever decode or give a reason`, async () => {
    const seeds = [
      faceFixture('portrait-lossless.jp2'),
      faceFixture('portrait-lossless.j2k'),
      faceFixture('portrait-lossy.jp2'),
      new Uint8Array(jpeg.encode({ data: Buffer.from(source.rgba), width: 64, height: 80 }, 50).data),
    ];
    const mutated = fc
      .tuple(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: null }),
      )
      .map(([seed, edits, cut]) => {
        const b = seed.slice(0, cut === null ? seed.length : 1 + (cut % seed.length));
        for (const [at, v] of edits) b[at % b.length] = v;
        return b;
      });
    const headed = fc
      .tuple(fc.constantFrom(...seeds.map((s) => s.subarray(0, 60))), fc.uint8Array({ maxLength: 400 }))
      .map(([h, tail]) => Uint8Array.from([...h, ...tail]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated, headed), async (bytes) => {
        expect(['decoded', 'unsupported', 'corrupt', 'too-large']).toContain(await reasonOf(bytes));
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 600_000);
});

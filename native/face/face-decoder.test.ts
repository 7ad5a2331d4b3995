/** The face worker end to end: real worker threads, real decoders, pixels checked. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseDg2 } from '../emrtd/lds/dg2';
import { buildDg2Iso39794 } from '../emrtd/testing/lds-builders';
import { FaceDecoder, type FaceResult } from './face-decoder';
import { faceFixture, maxDiff, readPnm } from './testing/face-fixtures';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);
const source = readPnm(faceFixture('portrait.ppm'));
const decoder = new FaceDecoder();
afterAll(() => decoder.close());

function pngPixels(r: FaceResult): Uint8Array {
  if (r.status !== 'ok') throw new Error(`unavailable: ${r.reason}`);
  const b64 = r.dataUrl.replace(/^data:image\/png;base64,/, '');
  return new Uint8Array(PNG.sync.read(Buffer.from(b64, 'base64')).data);
}

describe('FaceDecoder (worker thread)', () => {
  it('ISO/IEC 39794-5 DG2 with a JPEG 2000 face → a PNG data URL whose pixels equal the source', async () => {
    const face = parseDg2(buildDg2Iso39794(faceFixture('portrait-lossless.jp2'), { dataFormat: 4 }));
    const { result, pixels } = await decoder.decodeWithPixels(face.bytes);
    expect(result).toMatchObject({
      status: 'ok',
      mime: 'image/png',
      sourceMime: 'image/jp2',
      width: 64,
      height: 80,
    });
    expect(maxDiff(pngPixels(result), source.rgba)).toBe(0);
    expect(maxDiff(pixels!.rgba, source.rgba)).toBe(0);
  });

  it('JPEG → the original bytes as a JPEG data URL, after a successful decode in the worker', async () => {
    const jpg = new Uint8Array(
      jpeg.encode({ data: Buffer.from(source.rgba), width: 64, height: 80 }, 90).data,
    );
    const { result, pixels } = await decoder.decodeWithPixels(jpg);
    expect(result).toMatchObject({ status: 'ok', mime: 'image/jpeg', width: 64, height: 80 });
    if (result.status === 'ok')
      expect(result.dataUrl).toBe(`data:image/jpeg;base64,${Buffer.from(jpg).toString('base64')}`);
    let sum = 0;
    for (let i = 0; i < source.rgba.length; i++) sum += Math.abs(pixels!.rgba[i]! - source.rgba[i]!);
    expect(sum / source.rgba.length).toBeLessThan(4);
  });

  it('no photo, garbage, a truncated JPEG 2000 → unavailable with a reason', async () => {
    expect(await decoder.decode(null)).toEqual({ status: 'unavailable', reason: 'no-photo' });
    expect(await decoder.decode(Uint8Array.of(1, 2, 3))).toEqual({
      status: 'unavailable',
      reason: 'unsupported',
    });
    const cut = faceFixture('portrait-lossless.jp2').subarray(0, 300);
    expect(await decoder.decode(cut)).toEqual({ status: 'unavailable', reason: 'corrupt' });
  });

  it(`fuzz (${Math.max(200, FUZZ_RUNS / 20)} runs through the worker): garbage never crashes it, only "unavailable"`, async () => {
    const seed = faceFixture('portrait-lossy.jp2');
    const arb = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc
        .tuple(
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
          fc.nat(),
        )
        .map(([edits, cut]) => {
          const b = seed.slice(0, 1 + (cut % seed.length));
          for (const [at, v] of edits) b[at % b.length] = v;
          return b;
        }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async (bytes) => {
        const r = await decoder.decode(bytes);
        expect(['ok', 'unavailable']).toContain(r.status);
        if (r.status === 'unavailable')
          expect(['unsupported', 'corrupt', 'too-large', 'no-photo']).toContain(r.reason);
      }),
      { numRuns: Math.max(200, FUZZ_RUNS / 20) },
    );
    // Still healthy afterwards.
    expect((await decoder.decode(faceFixture('portrait-lossless.j2k'))).status).toBe('ok');
  }, 600_000);

  it('a hung worker times out; a crashed worker gives worker-failed; the next call starts a fresh worker', async () => {
    const kinds = ['hang', 'crash', 'answering'];
    const spawned: string[] = [];
    const d = new FaceDecoder({
      timeoutMs: 300,
      spawn: () => {
        const kind = kinds[spawned.length] ?? 'answering';
        spawned.push(kind);
        if (kind === 'hang') return new Worker('setInterval(() => {}, 1000)', { eval: true });
        if (kind === 'crash')
          return new Worker(
            "require('node:worker_threads').parentPort.on('message', () => process.exit(3))",
            {
              eval: true,
            },
          );
        // A stand-in that answers at once (a real worker's cold start under vitest can exceed 300 ms).
        return new Worker(
          "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, ok: true, display: { mime: 'image/png', bytes: new Uint8Array([1]), width: 64, height: 80, sourceMime: 'image/jp2' } }))",
          { eval: true },
        );
      },
    });
    const jp2 = faceFixture('portrait-lossless.jp2');
    // The decoder's clock is faked: the hung worker's 300 ms pass at once, and a worker thread that is slow to
    // start on a loaded machine (the crashing one) is not mistaken for a hung one.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const hung = d.decode(jp2);
      await vi.advanceTimersByTimeAsync(300);
      expect(await hung).toEqual({ status: 'unavailable', reason: 'timeout' });
      expect(await d.decode(jp2)).toEqual({ status: 'unavailable', reason: 'worker-failed' });
      expect(await d.decode(jp2)).toMatchObject({ status: 'ok', width: 64 });
      expect(spawned).toEqual(['hang', 'crash', 'answering']);
    } finally {
      vi.useRealTimers();
    }
    await d.close();
  });
});

describe('the host never decodes chip photos on its main thread', () => {
  // host/attachments decodes the citizen's document photos (not chip faces) on the main thread, one frame per tap;
  // moving it to a worker like native/face is open work (see the issue notes). Every other host module is checked.
  it('no host module but host/attachments imports an image decoder; chip faces go through FaceDecoder', () => {
    const root = path.resolve(import.meta.dirname, '../../host');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) {
          if (f !== 'attachments') walk(p);
        } else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk(root);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect([f, /from '[^']*(jpeg-js|codec-openjpeg|native\/face\/(decode|jpeg2000))'/.test(text)]).toEqual([
        f,
        false,
      ]);
    }
  });
});

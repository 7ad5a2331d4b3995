import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpeechError } from './errors';
import { applyGainDb, durationMs, encodeWav, parseWav, rmsDbfs, sliceFrom, type PcmAudio } from './wav';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

function tone(ms: number, amplitude = 10000, sampleRate = 22050): PcmAudio {
  const n = Math.round((ms / 1000) * sampleRate);
  const samples = new Int16Array(n);
  for (let i = 0; i < n; i++)
    samples[i] = Math.round(amplitude * Math.sin((2 * Math.PI * 440 * i) / sampleRate));
  return { sampleRate, channels: 1, samples };
}

describe('wav', () => {
  it('round-trips PCM through encode/parse', () => {
    const a = tone(250);
    const back = parseWav(encodeWav(a));
    expect(back.sampleRate).toBe(22050);
    expect(back.channels).toBe(1);
    expect(Array.from(back.samples)).toEqual(Array.from(a.samples));
    expect(durationMs(back)).toBeCloseTo(250, 0);
  });

  it('trusts the bytes present over a streaming placeholder size', () => {
    const wav = encodeWav(tone(100));
    wav.writeUInt32LE(0x7ffff024, 4);
    wav.writeUInt32LE(0x7ffff000, 40);
    expect(parseWav(wav).samples.length).toBe(tone(100).samples.length);
  });

  it('applies gain in dB exactly', () => {
    const a = tone(200);
    expect(rmsDbfs(a) - rmsDbfs(applyGainDb(a, -24))).toBeCloseTo(24, 1);
  });

  it('slices from a time offset', () => {
    expect(durationMs(sliceFrom(tone(1000), 400))).toBeCloseTo(600, 0);
    expect(sliceFrom(tone(100), 5000).samples.length).toBe(0);
  });

  it('fuzz: random bytes only ever throw SpeechError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.boolean(), (bytes, riff) => {
        const buf = Buffer.from(bytes);
        if (riff && buf.length >= 12) {
          buf.write('RIFF', 0, 'latin1');
          buf.write('WAVE', 8, 'latin1');
        }
        try {
          parseWav(buf);
        } catch (e) {
          expect(e).toBeInstanceOf(SpeechError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpeechError } from './errors';
import { EspeakSynthesizer } from './synthesizer';
import { durationMs, parseWav } from './wav';

const synth = new EspeakSynthesizer();

describe('EspeakSynthesizer (real espeak-ng)', () => {
  it.each([
    ['vi', 'Xin chào. Vui lòng đặt thẻ căn cước lên đầu đọc.'],
    ['en', 'Hello. Please place your identity card on the reader.'],
  ] as const)('produces WAV audio for %s', async (lang, sentence) => {
    const clip = await synth.synthesize(sentence, lang);
    expect(clip).not.toBeNull();
    expect(clip!.wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(clip!.wav.toString('latin1', 8, 12)).toBe('WAVE');
    const audio = parseWav(clip!.wav);
    expect(audio.sampleRate).toBe(22050);
    expect(audio.channels).toBe(1);
    expect(durationMs(audio)).toBeGreaterThan(500);
    expect(audio.samples.some((s) => Math.abs(s) > 1000)).toBe(true);
  });

  it('a longer sentence yields a longer WAV', async () => {
    const short = await synth.synthesize('Xin chào.', 'vi');
    const long = await synth.synthesize(
      'Xin chào. Vui lòng đặt thẻ căn cước lên đầu đọc và giữ yên cho đến khi có thông báo.',
      'vi',
    );
    expect(durationMs(parseWav(long!.wav))).toBeGreaterThan(durationMs(parseWav(short!.wav)) * 2);
  });

  it('masked or empty text produces nothing', async () => {
    expect(await synth.synthesize('123456', 'vi', { masked: true })).toBeNull();
    expect(await synth.synthesize('   ', 'en')).toBeNull();
  });

  it('passes the text on stdin, never on the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speech-'));
    const fake = join(dir, 'fake-espeak');
    writeFileSync(
      fake,
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/argv"\ncat > "${dir}/stdin"\nexec espeak-ng "$@" < "${dir}/stdin"\n`,
    );
    chmodSync(fake, 0o755);
    const clip = await new EspeakSynthesizer({ command: fake }).synthesize(
      'Nguyễn Văn An 001090012345',
      'vi',
    );
    expect(clip).not.toBeNull();
    const argv = readFileSync(join(dir, 'argv'), 'utf8');
    expect(argv).not.toMatch(/Nguyễn|001090012345|không/);
    expect(argv.split('\n')).toEqual(expect.arrayContaining(['-v', 'vi', '--stdout']));
    expect(readFileSync(join(dir, 'stdin'), 'utf8')).toContain('Nguyễn Văn An không không một');
  });

  it('a missing espeak-ng is a typed error', async () => {
    const err = await new EspeakSynthesizer({ command: '/nonexistent/espeak-ng' })
      .synthesize('Xin chào', 'vi')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechError);
    expect((err as SpeechError).code).toBe('speech-synthesizer-missing');
  });
});

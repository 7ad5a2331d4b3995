import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpeechError } from './errors';
import { APLAY, CommandPlayer, createPlayer, ESPEAK_DIRECT, findExecutable } from './player';
import type { SpeechClip } from './synthesizer';
import { encodeWav } from './wav';

const dir = mkdtempSync(join(tmpdir(), 'player-'));
function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

const clip: SpeechClip = {
  wav: encodeWav({ sampleRate: 22050, channels: 1, samples: new Int16Array(2205) }),
  lang: 'vi',
  voice: 'vi',
  rate: 150,
  text: 'xin chào',
};

describe('CommandPlayer', () => {
  it('pipes the WAV to the player on stdin', async () => {
    const out = join(dir, 'played.wav');
    const cmd = script('ok-player', `cat > "${out}"`);
    expect(await new CommandPlayer({ ...APLAY, command: cmd }).play(clip)).toBe('done');
    expect(readFileSync(out).equals(clip.wav)).toBe(true);
  });

  it('reports no audio device from aplay-style stderr', async () => {
    const cmd = script(
      'no-card',
      `cat >/dev/null; echo "aplay: main:831: audio open error: No such file or directory" >&2; exit 1`,
    );
    const err = await new CommandPlayer({ ...APLAY, command: cmd }).play(clip).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechError);
    expect((err as SpeechError).code).toBe('speech-no-audio-device');
  });

  it('reports no audio device even when the player exits 0 (espeak-ng direct)', async () => {
    const cmd = script(
      'espeak-no-card',
      `cat >/dev/null; echo "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default" >&2; exit 0`,
    );
    const err = await new CommandPlayer({ ...ESPEAK_DIRECT, command: cmd })
      .play(clip)
      .catch((e: unknown) => e);
    expect((err as SpeechError).code).toBe('speech-no-audio-device');
  });

  it('espeak-ng direct gets the text on stdin and the volume as amplitude', async () => {
    const cmd = script(
      'espeak-direct',
      `printf '%s\\n' "$@" > "${dir}/direct-argv"; cat > "${dir}/direct-stdin"`,
    );
    await new CommandPlayer({ ...ESPEAK_DIRECT, command: cmd }).play(clip, { gainDb: -20 });
    expect(readFileSync(join(dir, 'direct-stdin'), 'utf8')).toBe('xin chào');
    const argv = readFileSync(join(dir, 'direct-argv'), 'utf8').split('\n');
    expect(argv[argv.indexOf('-a') + 1]).toBe('10');
  });

  it('other failures are playback failures', async () => {
    const cmd = script('broken', `cat >/dev/null; echo "something else" >&2; exit 3`);
    const err = await new CommandPlayer({ ...APLAY, command: cmd }).play(clip).catch((e: unknown) => e);
    expect((err as SpeechError).code).toBe('speech-playback-failed');
  });

  it('a missing player binary is a missing device', async () => {
    const err = await new CommandPlayer({ ...APLAY, command: '/nonexistent/aplay' })
      .play(clip)
      .catch((e: unknown) => e);
    expect((err as SpeechError).code).toBe('speech-no-audio-device');
  });

  it('abort stops playback and resolves aborted', async () => {
    const cmd = script('slow', `cat >/dev/null; exec sleep 30`);
    const ac = new AbortController();
    const p = new CommandPlayer({ ...APLAY, command: cmd }).play(clip, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect(await p).toBe('aborted');
  });

  it('createPlayer picks from what is on PATH', () => {
    const bin = mkdtempSync(join(tmpdir(), 'bin-'));
    for (const n of ['paplay', 'espeak-ng']) {
      writeFileSync(join(bin, n), '#!/bin/sh\n');
      chmodSync(join(bin, n), 0o755);
    }
    expect(createPlayer({ pathEnv: bin }).name).toBe('paplay');
    expect(createPlayer({ pathEnv: bin, prefer: 'espeak-ng' }).name).toBe('espeak-ng');
    expect(findExecutable('aplay', bin)).toBeNull();
  });

  it('the real player on this machine either plays or reports a typed error', async () => {
    const outcome = await createPlayer()
      .play(clip)
      .catch((e: unknown) => e);
    if (outcome instanceof SpeechError)
      expect(['speech-no-audio-device', 'speech-playback-failed']).toContain(outcome.code);
    else expect(outcome).toBe('done');
  });
});

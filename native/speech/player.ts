/**
 * Plays a `SpeechClip` on the kiosk's audio output.
 *
 * `createPlayer()` picks the first of: `aplay` (alsa-utils), `paplay` (pulseaudio-utils / PipeWire), and
 * `espeak-ng` speaking the clip's text directly (its own audio back end). The WAV goes on stdin.
 *
 * A missing audio device (no sound card in CI, no PulseAudio server) throws `speech-no-audio-device`; any other
 * failure throws `speech-playback-failed`. espeak-ng exits 0 even when it cannot open a device, so the
 * decision is made on stderr for every player. Playback is cancelled through the AbortSignal.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SpeechError } from './errors';
import type { SpeechClip } from './synthesizer';

export type PlayOutcome = 'done' | 'aborted';

export interface PlayOptions {
  signal?: AbortSignal;
  /** Gain already applied to `clip.wav`; an espeak-direct player turns it into an amplitude. */
  gainDb?: number;
  /**
   * Whether the output was private (a headset) when the text was chosen: true, false, or null when not checked (no
   * personal data in it). Device players ignore it (ALSA routes the sound); a recording player writes it down.
   */
  privateOutput?: boolean | null;
}

export interface Player {
  readonly name: string;
  play(clip: SpeechClip, options?: PlayOptions): Promise<PlayOutcome>;
}

/** stderr of aplay / paplay / espeak-ng when there is no device or sound server. */
const NO_DEVICE_RE =
  /audio open error|Unknown PCM|cannot find card|no soundcards|Connection (?:failure|refused)|No PulseAudio|pa_context_connect|Host is down/i;

export interface CommandPlayerSpec {
  name: string;
  command: string;
  args: (clip: SpeechClip, gainDb: number) => string[];
  /** What goes on stdin. */
  input: (clip: SpeechClip) => Buffer | string;
}

export const APLAY: CommandPlayerSpec = {
  name: 'aplay',
  command: 'aplay',
  args: () => ['-q', '-'],
  input: (c) => c.wav,
};

export const PAPLAY: CommandPlayerSpec = {
  name: 'paplay',
  command: 'paplay',
  args: () => ['--client-name=kiosk-speech'],
  input: (c) => c.wav,
};

export const ESPEAK_DIRECT: CommandPlayerSpec = {
  name: 'espeak-ng',
  command: 'espeak-ng',
  args: (c, gainDb) => [
    '-v',
    c.voice,
    '-s',
    String(c.rate),
    '-a',
    String(Math.max(1, Math.round(100 * 10 ** (gainDb / 20)))),
    '-b',
    '1',
  ],
  input: (c) => c.text,
};

export class CommandPlayer implements Player {
  readonly name: string;
  constructor(private readonly spec: CommandPlayerSpec) {
    this.name = spec.name;
  }

  play(clip: SpeechClip, options: PlayOptions = {}): Promise<PlayOutcome> {
    const { signal } = options;
    if (signal?.aborted) return Promise.resolve('aborted');
    return new Promise((resolve, reject) => {
      const child = spawn(this.spec.command, this.spec.args(clip, options.gainDb ?? 0), {
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let stderr = '';
      let aborted = false;
      const onAbort = (): void => {
        aborted = true;
        child.kill('SIGTERM');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stderr.on('data', (c: Buffer) => {
        if (stderr.length < 8192) stderr += c.toString('utf8');
      });
      child.stdin.on('error', () => undefined);
      child.on('error', (err: NodeJS.ErrnoException) => {
        signal?.removeEventListener('abort', onAbort);
        reject(
          new SpeechError(
            err.code === 'ENOENT' ? 'speech-no-audio-device' : 'speech-playback-failed',
            `${this.spec.command} could not be started (${err.code ?? err.name})`,
            { cause: err },
          ),
        );
      });
      child.on('close', (code) => {
        signal?.removeEventListener('abort', onAbort);
        if (aborted) return resolve('aborted');
        if (NO_DEVICE_RE.test(stderr))
          return reject(
            new SpeechError('speech-no-audio-device', `${this.spec.command}: no audio output device`),
          );
        if (code !== 0)
          return reject(
            new SpeechError('speech-playback-failed', `${this.spec.command} exited with ${code}`),
          );
        resolve('done');
      });
      child.stdin.end(this.spec.input(clip));
    });
  }
}

/** A player that plays nothing (tests, or speech disabled by configuration). */
export class NullPlayer implements Player {
  readonly name = 'null';
  async play(_clip: SpeechClip, options: PlayOptions = {}): Promise<PlayOutcome> {
    return options.signal?.aborted ? 'aborted' : 'done';
  }
}

export function findExecutable(command: string, pathEnv = process.env.PATH ?? ''): string | null {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** The first available of aplay, paplay, espeak-ng (or `prefer` when given and present). */
export function createPlayer(
  options: { prefer?: 'aplay' | 'paplay' | 'espeak-ng'; pathEnv?: string } = {},
): Player {
  const specs = [APLAY, PAPLAY, ESPEAK_DIRECT];
  const ordered = options.prefer ? [...specs.filter((s) => s.name === options.prefer), ...specs] : specs;
  for (const spec of ordered) {
    if (findExecutable(spec.command, options.pathEnv)) return new CommandPlayer(spec);
  }
  // Nothing on PATH: the first play reports speech-no-audio-device.
  return new CommandPlayer(APLAY);
}

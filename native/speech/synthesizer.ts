/**
 * Text → WAV. `EspeakSynthesizer` runs Debian's `espeak-ng` (offline, voices `vi` and `en`):
 * `espeak-ng -v <voice> -s <rate> -a <amplitude> -b 1 --stdout`, the text on stdin, never in argv, so no
 * personal data shows in `ps` or in a crash report's command line.
 */
import { spawn } from 'node:child_process';
import { SpeechError } from './errors';
import { normalizeForSpeech, type SpeechLanguage } from './normalize';

export interface SynthesisOptions {
  /** Words per minute (espeak-ng `-s`, 80–450). Default 150: a little slower than espeak's 175, for elderly users. */
  rate?: number;
  /** espeak-ng `-a`, 0–200. Default 100 (peaks near full scale; the service only attenuates). */
  amplitude?: number;
  /** The value of a masked field: nothing is synthesized. */
  masked?: boolean;
  /** Skip `normalizeForSpeech` (the text is already normalized). */
  raw?: boolean;
  signal?: AbortSignal;
}

/** What a synthesizer produced: the WAV and what it was made from (an espeak-direct player re-speaks it). */
export interface SpeechClip {
  wav: Buffer;
  lang: SpeechLanguage;
  voice: string;
  rate: number;
  /** Normalized text. Kept in memory only for the espeak-direct fallback; never logged. */
  text: string;
}

export interface Synthesizer {
  /** `null` when there is nothing to say (empty, or masked). */
  synthesize(text: string, lang: SpeechLanguage, options?: SynthesisOptions): Promise<SpeechClip | null>;
}

export interface EspeakOptions {
  command?: string;
  voices?: Partial<Record<SpeechLanguage, string>>;
  rate?: number;
  timeoutMs?: number;
}

export const DEFAULT_VOICES: Record<SpeechLanguage, string> = { vi: 'vi', en: 'en' };
export const DEFAULT_RATE = 150;

export class EspeakSynthesizer implements Synthesizer {
  readonly command: string;
  private readonly voices: Record<SpeechLanguage, string>;
  private readonly rate: number;
  private readonly timeoutMs: number;

  constructor(options: EspeakOptions = {}) {
    this.command = options.command ?? 'espeak-ng';
    this.voices = { ...DEFAULT_VOICES, ...options.voices };
    this.rate = options.rate ?? DEFAULT_RATE;
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  async synthesize(
    text: string,
    lang: SpeechLanguage,
    options: SynthesisOptions = {},
  ): Promise<SpeechClip | null> {
    if (options.masked) return null;
    const spoken = options.raw ? text : normalizeForSpeech(text, lang);
    if (!spoken.trim()) return null;
    const voice = this.voices[lang];
    const rate = clamp(Math.round(options.rate ?? this.rate), 80, 450);
    const amplitude = clamp(Math.round(options.amplitude ?? 100), 0, 200);
    const args = ['-v', voice, '-s', String(rate), '-a', String(amplitude), '-b', '1', '--stdout'];
    const wav = await runCollect(this.command, args, spoken, this.timeoutMs, options.signal);
    return { wav, lang, voice, rate, text: spoken };
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function runCollect(
  command: string,
  args: string[],
  input: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, signal });
    const out: Buffer[] = [];
    let errBytes = 0;
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (errBytes += c.length));
    child.stdin.on('error', () => undefined);
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT')
        reject(
          new SpeechError(
            'speech-synthesizer-missing',
            `${command} is missing: install the Debian package espeak-ng`,
            { cause: err },
          ),
        );
      else
        reject(
          new SpeechError('speech-synthesis-failed', `${command} failed to run (${err.name})`, {
            cause: err,
          }),
        );
    });
    child.on('close', (code, sig) => {
      const wav = Buffer.concat(out);
      if (code === 0 && wav.length > 44) resolve(wav);
      else
        reject(
          new SpeechError(
            'speech-synthesis-failed',
            `${command} exited with ${code ?? sig} (${wav.length} bytes out, ${errBytes} bytes on stderr)`,
          ),
        );
    });
    child.stdin.end(input, 'utf8');
  });
}

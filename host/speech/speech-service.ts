/**
 * SpeechService: the kiosk's spoken guidance (EN 301 549 §5.1.3.14: speech output in the displayed language,
 * pause / repeat, volume over ≥ 18 dB reset after each user, masked entries never spoken).
 *
 * Queue semantics:
 * - `say(text, lang)` interrupts by default: what is playing and everything queued is cancelled and the new
 *   prompt is spoken (a new screen). `{ interrupt: false }` appends instead (a follow-up sentence).
 * - `pause()` stops the sound and remembers where; `resume()` continues from there (rewound 300 ms so the
 *   listener catches the word that was cut). `repeat()` speaks the last non-masked prompt again.
 * - `{ masked: true }` is dropped entirely: nothing is synthesized, nothing interrupted.
 *
 * Volume: 7 steps from -24 dB to 0 dB in 4 dB steps (24 dB span ≥ the 18 dB asked for), applied as a gain on
 * the WAV samples after synthesis — not through espeak-ng's `-a` amplitude and not through an ALSA mixer:
 * a sample gain is exact in dB whatever the voice, cannot clip (espeak-ng at `-a 100` peaks near full scale,
 * and every step is an attenuation), needs no mixer control name (which differs per sound card), and applies
 * equally to aplay and paplay. The installer sets the hardware level so that step 6 (0 dB) reaches ≥ 65 dB(A).
 * The espeak-ng-direct fallback player converts the same dB into its `-a` amplitude.
 *
 * No audio device (CI, unplugged speaker): `error` with `speech-no-audio-device` is emitted once, and the service
 * keeps working silently (say() resolves 'silent'); `resetForNewSession()` probes the device again.
 *
 * The spoken text is never logged, and never appears in an error message or on a command line.
 */
import { EventEmitter } from 'node:events';
import { SpeechError } from '../../native/speech/errors';
import type { SpeechLanguage } from '../../native/speech/normalize';
import { createPlayer, type Player } from '../../native/speech/player';
import { EspeakSynthesizer, type SpeechClip, type Synthesizer } from '../../native/speech/synthesizer';
import { hasAudioDevice } from './output';
import { applyGainDb, encodeWav, parseWav, sliceFrom, type PcmAudio } from '../../native/speech/wav';

export type SpeechState = 'speaking' | 'paused' | 'idle';
/** How a `say()` ended. */
export type SayOutcome = 'spoken' | 'cancelled' | 'skipped' | 'silent' | 'failed';

export const VOLUME_STEPS_DB: readonly number[] = [-24, -20, -16, -12, -8, -4, 0];
export const DEFAULT_VOLUME_STEP = 4;

export interface SayOptions {
  /** Cancel what is playing and queued first. Default true. */
  interrupt?: boolean;
  /** A masked entry: never spoken. */
  masked?: boolean;
  /** Where the text was meant for (PrivateSpeech's decision), handed to the player as it is. */
  privateOutput?: boolean | null;
}

export interface SpeechServiceOptions {
  synthesizer?: Synthesizer;
  player?: Player;
  /** Speech on at the start of each session (kiosk configuration). Default true. */
  enabledByDefault?: boolean;
  defaultVolumeStep?: number;
  /** Words per minute. */
  rate?: number;
  /** How far back resume() starts from the pause point. Default 300 ms. */
  resumeRewindMs?: number;
  now?: () => number;
  /**
   * Is there an audio output at all (checked at start and at each new session)? Default: an ALSA playback device
   * or a sound server socket (output.ts) when the real player is used; always true with an injected player.
   */
  probeAudioDevice?: () => boolean;
}

export interface SpeechServiceEvents {
  state: [state: SpeechState];
  error: [error: SpeechError];
  volume: [volume: { step: number; db: number }];
  /** The audio output was found missing (true never comes mid-session; a new session probes again). */
  audio: [available: boolean];
  /** Speech was turned on or off (the toggle, a tactile key, the next session's default). */
  enabled: [on: boolean];
}

interface Item {
  text: string;
  lang: SpeechLanguage;
  privateOutput?: boolean | null;
  resolve: (outcome: SayOutcome) => void;
  clip?: SpeechClip;
  audio?: PcmAudio;
  /** Where playback starts (after a pause). */
  offsetMs: number;
}

interface Current {
  item: Item;
  abort: AbortController;
  startedAt: number | null;
}

type AbortReason = 'pause' | 'cancel';

export class SpeechService extends EventEmitter<SpeechServiceEvents> {
  private readonly synthesizer: Synthesizer;
  private readonly player: Player;
  private readonly enabledByDefault: boolean;
  private readonly defaultVolumeStep: number;
  private readonly rate: number | undefined;
  private readonly rewindMs: number;
  private readonly now: () => number;

  private queue: Item[] = [];
  private current: Current | null = null;
  private pausedItem: Item | null = null;
  private pausing = false;
  private pumping = false;
  private stateValue: SpeechState = 'idle';
  private step: number;
  private enabledValue: boolean;
  private last: { text: string; lang: SpeechLanguage; privateOutput: boolean | null } | null = null;
  /** No audio device (or no synthesizer): keep working without sound until the next session. */
  private silent = false;
  private reported = new Set<string>();
  private readonly probeAudioDevice: () => boolean;
  /** The probe found no device (reported as speech-no-audio-device at the first say). */
  private noDeviceFound = false;

  constructor(options: SpeechServiceOptions = {}) {
    super();
    this.synthesizer = options.synthesizer ?? new EspeakSynthesizer();
    this.player = options.player ?? createPlayer();
    this.enabledByDefault = options.enabledByDefault ?? true;
    this.defaultVolumeStep = clampStep(options.defaultVolumeStep ?? DEFAULT_VOLUME_STEP);
    this.rate = options.rate;
    this.rewindMs = options.resumeRewindMs ?? 300;
    this.now = options.now ?? (() => performance.now());
    this.step = this.defaultVolumeStep;
    this.enabledValue = this.enabledByDefault;
    this.probeAudioDevice =
      options.probeAudioDevice ?? (options.player ? () => true : () => hasAudioDevice());
    this.silent = this.noDeviceFound = !this.probeAudioDevice();
  }

  /** False when there is no audio output (no device found, or playing failed for want of one): "no speaker". */
  get audioAvailable(): boolean {
    return !this.silent;
  }

  get state(): SpeechState {
    return this.stateValue;
  }
  get enabled(): boolean {
    return this.enabledValue;
  }
  get volumeStep(): number {
    return this.step;
  }
  get volumeDb(): number {
    return VOLUME_STEPS_DB[this.step] ?? 0;
  }
  get volumeStepCount(): number {
    return VOLUME_STEPS_DB.length;
  }

  say(text: string, lang: SpeechLanguage, options: SayOptions = {}): Promise<SayOutcome> {
    if (options.masked) return Promise.resolve('skipped');
    this.last = { text, lang, privateOutput: options.privateOutput ?? null };
    if (!this.enabledValue) return Promise.resolve('skipped');
    if (options.interrupt ?? true) this.cancelAll();
    return new Promise<SayOutcome>((resolve) => {
      this.queue.push({ text, lang, resolve, offsetMs: 0, privateOutput: options.privateOutput ?? null });
      void this.pump();
    });
  }

  /** Speaks the last prompt again (interrupting). */
  repeat(): Promise<SayOutcome> {
    if (!this.last) return Promise.resolve('skipped');
    return this.say(this.last.text, this.last.lang, {
      interrupt: true,
      privateOutput: this.last.privateOutput,
    });
  }

  pause(): void {
    if (this.stateValue !== 'speaking' || !this.current) return;
    this.pausing = true;
    this.current.abort.abort('pause' satisfies AbortReason);
    this.setState('paused');
  }

  resume(): void {
    if (!this.pausing) return;
    this.pausing = false;
    if (this.pausedItem) {
      this.queue.unshift(this.pausedItem);
      this.pausedItem = null;
    }
    if (this.queue.length) {
      this.setState('speaking');
      void this.pump();
    } else if (!this.pumping) this.setState('idle');
  }

  stop(): void {
    this.cancelAll();
    if (!this.pumping) this.setState('idle');
  }

  setEnabled(on: boolean): void {
    const changed = on !== this.enabledValue;
    this.enabledValue = on;
    if (!on) this.stop();
    if (changed) this.emit('enabled', on);
  }

  setVolumeStep(step: number): void {
    const next = clampStep(step);
    if (next === this.step) return;
    this.step = next;
    this.emit('volume', { step: this.step, db: this.volumeDb });
  }
  volumeUp(): void {
    this.setVolumeStep(this.step + 1);
  }
  volumeDown(): void {
    this.setVolumeStep(this.step - 1);
  }

  /** Between citizens: silence, forget the last prompt, default volume, enabled per configuration. */
  resetForNewSession(): void {
    this.stop();
    this.last = null;
    this.setVolumeStep(this.defaultVolumeStep);
    this.setEnabled(this.enabledByDefault);
    const silent = !this.probeAudioDevice();
    this.noDeviceFound = silent;
    if (silent !== this.silent) {
      this.silent = silent;
      this.emit('audio', !silent);
    }
  }

  // -------------------------------------------------------------------------------------------

  private cancelAll(): void {
    for (const item of this.queue.splice(0)) item.resolve('cancelled');
    if (this.pausedItem) {
      this.pausedItem.resolve('cancelled');
      this.pausedItem = null;
    }
    this.pausing = false;
    this.current?.abort.abort('cancel' satisfies AbortReason);
  }

  private markSilent(): void {
    if (this.silent) return;
    this.silent = true;
    this.emit('audio', false);
  }

  private setState(state: SpeechState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.emit('state', state);
  }

  private report(error: unknown): void {
    const e =
      error instanceof SpeechError
        ? error
        : new SpeechError('speech-playback-failed', `unexpected ${(error as Error)?.name ?? 'error'}`, {
            cause: error,
          });
    if (e.code === 'speech-no-audio-device' || e.code === 'speech-synthesizer-missing') {
      if (this.reported.has(e.code)) return;
      this.reported.add(e.code);
    }
    if (this.listenerCount('error') > 0) this.emit('error', e);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length && !this.pausing) {
        const item = this.queue.shift()!;
        const current: Current = { item, abort: new AbortController(), startedAt: null };
        this.current = current;
        this.setState('speaking');
        const outcome = await this.speak(current);
        this.current = null;
        if (outcome !== 'paused') item.resolve(outcome);
      }
    } finally {
      this.pumping = false;
      this.setState(this.pausing ? 'paused' : 'idle');
    }
  }

  private aborted(current: Current): SayOutcome | 'paused' {
    if (current.abort.signal.reason !== 'pause') return 'cancelled';
    const { item } = current;
    if (current.startedAt !== null)
      item.offsetMs = Math.max(0, item.offsetMs + (this.now() - current.startedAt) - this.rewindMs);
    // Resumed while the synthesis was still running: go on with the same item.
    if (this.pausing) this.pausedItem = item;
    else this.queue.unshift(item);
    return 'paused';
  }

  private async speak(current: Current): Promise<SayOutcome | 'paused'> {
    const { item } = current;
    const { signal } = current.abort;
    if (this.silent) {
      if (this.noDeviceFound)
        this.report(new SpeechError('speech-no-audio-device', 'no audio output device found'));
      return 'silent';
    }
    if (!item.clip || !item.audio) {
      let clip: SpeechClip | null;
      try {
        clip = await this.synthesizer.synthesize(item.text, item.lang, this.rate ? { rate: this.rate } : {});
        if (clip) {
          item.audio = parseWav(clip.wav);
          item.clip = clip;
        }
      } catch (e) {
        if (signal.aborted) return this.aborted(current);
        this.report(e);
        if (e instanceof SpeechError && e.code === 'speech-synthesizer-missing') {
          this.markSilent();
          return 'silent';
        }
        return 'failed';
      }
      if (signal.aborted) return this.aborted(current);
      if (!clip) return 'skipped';
    }
    const { clip, audio: source } = item;
    if (!clip || !source) return 'skipped';
    const gainDb = this.volumeDb;
    const audio = applyGainDb(sliceFrom(source, item.offsetMs), gainDb);
    if (audio.samples.length === 0) return 'spoken';
    current.startedAt = this.now();
    try {
      const outcome = await this.player.play(
        { ...clip, wav: encodeWav(audio) },
        { signal, gainDb, privateOutput: item.privateOutput ?? null },
      );
      if (outcome === 'aborted' || signal.aborted) return this.aborted(current);
      return 'spoken';
    } catch (e) {
      if (signal.aborted) return this.aborted(current);
      this.report(e);
      if (e instanceof SpeechError && e.code === 'speech-no-audio-device') {
        this.markSilent();
        return 'silent';
      }
      return 'failed';
    }
  }
}

function clampStep(step: number): number {
  return Math.min(VOLUME_STEPS_DB.length - 1, Math.max(0, Math.round(step)));
}

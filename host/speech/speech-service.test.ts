import { describe, expect, it } from 'vitest';
import { SpeechError } from '../../native/speech/errors';
import type { PlayOptions, PlayOutcome, Player } from '../../native/speech/player';
import type { SpeechClip, Synthesizer } from '../../native/speech/synthesizer';
import { durationMs, encodeWav, parseWav, rmsDbfs } from '../../native/speech/wav';
import { DEFAULT_VOLUME_STEP, SpeechService, VOLUME_STEPS_DB, type SpeechState } from './speech-service';

/** 1 s of a constant-level signal per utterance; records what it was asked to say. */
class FakeSynth implements Synthesizer {
  readonly said: string[] = [];
  async synthesize(text: string, lang: 'vi' | 'en'): Promise<SpeechClip | null> {
    this.said.push(text);
    const samples = new Int16Array(22050).fill(8000);
    return {
      wav: encodeWav({ sampleRate: 22050, channels: 1, samples }),
      lang,
      voice: lang,
      rate: 150,
      text,
    };
  }
}

interface Playing {
  clip: SpeechClip;
  gainDb: number;
  privateOutput: boolean | null | undefined;
  finish: () => void;
  aborted: boolean;
}

/** Plays until the test calls finish(), or until aborted. */
class FakePlayer implements Player {
  readonly name = 'fake';
  readonly plays: Playing[] = [];
  fail: SpeechError | null = null;
  play(clip: SpeechClip, options: PlayOptions = {}): Promise<PlayOutcome> {
    if (this.fail) return Promise.reject(this.fail);
    return new Promise((resolve) => {
      const p: Playing = {
        clip,
        gainDb: options.gainDb ?? 0,
        privateOutput: options.privateOutput,
        finish: () => resolve('done'),
        aborted: false,
      };
      options.signal?.addEventListener('abort', () => {
        p.aborted = true;
        resolve('aborted');
      });
      this.plays.push(p);
    });
  }
  get last(): Playing {
    return this.plays[this.plays.length - 1]!;
  }
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function setup(options: { now?: () => number; enabledByDefault?: boolean } = {}) {
  const synth = new FakeSynth();
  const player = new FakePlayer();
  const service = new SpeechService({ synthesizer: synth, player, ...options });
  const states: SpeechState[] = [];
  const errors: string[] = [];
  service.on('state', (s) => states.push(s));
  service.on('error', (e) => errors.push(e.code));
  return { synth, player, service, states, errors };
}

describe('SpeechService', () => {
  it('speaks a prompt and goes back to idle', async () => {
    const { service, player, synth, states } = setup();
    const done = service.say('Xin chào', 'vi');
    await tick();
    expect(service.state).toBe('speaking');
    expect(synth.said).toEqual(['Xin chào']);
    player.last.finish();
    expect(await done).toBe('spoken');
    expect(states).toEqual(['speaking', 'idle']);
  });

  it('a new prompt interrupts the one playing and drops the queue', async () => {
    const { service, player, synth } = setup();
    const first = service.say('Màn hình một', 'vi');
    const queued = service.say('Câu tiếp theo', 'vi', { interrupt: false });
    await tick();
    const second = service.say('Màn hình hai', 'vi');
    expect(await first).toBe('cancelled');
    expect(await queued).toBe('cancelled');
    await tick();
    expect(player.plays[0]!.aborted).toBe(true);
    expect(player.last.clip.text).toBe('Màn hình hai');
    player.last.finish();
    expect(await second).toBe('spoken');
    expect(synth.said).toEqual(['Màn hình một', 'Màn hình hai']);
  });

  it('interrupt: false queues after the current prompt', async () => {
    const { service, player } = setup();
    const a = service.say('Một', 'vi');
    const b = service.say('Hai', 'vi', { interrupt: false });
    await tick();
    player.last.finish();
    expect(await a).toBe('spoken');
    await tick();
    expect(player.last.clip.text).toBe('Hai');
    player.last.finish();
    expect(await b).toBe('spoken');
  });

  it('repeat() speaks the last prompt again', async () => {
    const { service, player } = setup();
    const a = service.say('Vui lòng chọn dịch vụ', 'vi');
    await tick();
    player.last.finish();
    await a;
    const again = service.repeat();
    await tick();
    expect(player.plays).toHaveLength(2);
    expect(player.last.clip.text).toBe('Vui lòng chọn dịch vụ');
    player.last.finish();
    expect(await again).toBe('spoken');
  });

  it('masked text is never synthesized, never interrupts, and is not what repeat() says', async () => {
    const { service, player, synth } = setup();
    const prompt = service.say('Nhập mã PIN', 'vi');
    await tick();
    expect(await service.say('1234', 'vi', { masked: true })).toBe('skipped');
    expect(synth.said).toEqual(['Nhập mã PIN']);
    expect(player.last.aborted).toBe(false);
    player.last.finish();
    await prompt;
    void service.repeat();
    await tick();
    expect(player.last.clip.text).toBe('Nhập mã PIN');
  });

  it('pause() stops the sound and resume() continues from where it stopped (rewound 300 ms)', async () => {
    let t = 0;
    const { service, player, states } = setup({ now: () => t });
    const done = service.say('Một câu dài', 'vi');
    await tick();
    t = 700;
    service.pause();
    expect(service.state).toBe('paused');
    await tick();
    expect(player.plays[0]!.aborted).toBe(true);
    service.resume();
    await tick();
    expect(service.state).toBe('speaking');
    expect(player.plays).toHaveLength(2);
    // 1000 ms clip, paused at 700 ms, rewound 300 ms → 600 ms left.
    expect(durationMs(parseWav(player.last.clip.wav))).toBeCloseTo(600, 0);
    player.last.finish();
    expect(await done).toBe('spoken');
    expect(states).toEqual(['speaking', 'paused', 'speaking', 'idle']);
  });

  it('pause then resume while the prompt is still being synthesized plays it once, from the start', async () => {
    let release: () => void = () => undefined;
    const synth = new FakeSynth();
    const slow: Synthesizer = {
      synthesize: async (text, lang) => {
        await new Promise<void>((r) => (release = r));
        return synth.synthesize(text, lang);
      },
    };
    const player = new FakePlayer();
    const service = new SpeechService({ synthesizer: slow, player });
    const done = service.say('Đang chuẩn bị', 'vi');
    await tick();
    service.pause();
    expect(service.state).toBe('paused');
    service.resume();
    release();
    await tick();
    expect(player.plays).toHaveLength(1);
    expect(durationMs(parseWav(player.last.clip.wav))).toBeCloseTo(1000, 0);
    player.last.finish();
    expect(await done).toBe('spoken');
    expect(service.state).toBe('idle');
  });

  it('stop() cancels everything', async () => {
    const { service } = setup();
    const a = service.say('Một', 'vi');
    await tick();
    service.stop();
    expect(await a).toBe('cancelled');
    await tick();
    expect(service.state).toBe('idle');
  });

  it('volume: 7 steps spanning 24 dB, applied as a gain on the samples', async () => {
    const { service, player } = setup();
    expect(VOLUME_STEPS_DB).toHaveLength(7);
    expect(VOLUME_STEPS_DB[VOLUME_STEPS_DB.length - 1]! - VOLUME_STEPS_DB[0]!).toBeGreaterThanOrEqual(18);
    service.setVolumeStep(0);
    void service.say('nhỏ', 'vi');
    await tick();
    const quiet = rmsDbfs(parseWav(player.last.clip.wav));
    expect(player.last.gainDb).toBe(-24);
    player.last.finish();
    await tick();
    for (let i = 0; i < 10; i++) service.volumeUp();
    expect(service.volumeStep).toBe(6);
    void service.say('to', 'vi');
    await tick();
    const loud = rmsDbfs(parseWav(player.last.clip.wav));
    expect(loud - quiet).toBeCloseTo(24, 0);
  });

  it('disabled: nothing is spoken; resetForNewSession restores defaults and forgets the last prompt', async () => {
    const { service, player } = setup();
    service.setVolumeStep(6);
    service.setEnabled(false);
    expect(await service.say('Xin chào', 'vi')).toBe('skipped');
    expect(player.plays).toHaveLength(0);
    service.resetForNewSession();
    expect(service.enabled).toBe(true);
    expect(service.volumeStep).toBe(DEFAULT_VOLUME_STEP);
    expect(await service.repeat()).toBe('skipped');
  });

  it('turning speech on or off is announced (the toggle on the page follows), once per change', () => {
    const { service } = setup();
    const changes: boolean[] = [];
    service.on('enabled', (on) => changes.push(on));
    service.setEnabled(false);
    service.setEnabled(false);
    service.setEnabled(true);
    service.setEnabled(false);
    service.resetForNewSession(); // back to the configured default (on)
    expect(changes).toEqual([false, true, false, true]);
  });

  it('the output PrivateSpeech chose reaches the player, and repeat() keeps it', async () => {
    const { service, player } = setup();
    void service.say('Họ tên Nguyễn Văn A', 'vi', { privateOutput: true });
    await tick();
    await tick();
    expect(player.last.privateOutput).toBe(true);
    player.last.finish();
    await tick();
    void service.repeat();
    await tick();
    await tick();
    expect(player.plays).toHaveLength(2);
    expect(player.last.privateOutput).toBe(true);
  });

  it('resetForNewSession honours the configured default (speech off)', () => {
    const { service } = setup({ enabledByDefault: false });
    service.setEnabled(true);
    service.resetForNewSession();
    expect(service.enabled).toBe(false);
  });

  it('no audio device: reported once, then silent, never throwing', async () => {
    const { service, player, errors } = setup();
    player.fail = new SpeechError('speech-no-audio-device', 'no device');
    expect(await service.say('Một', 'vi')).toBe('silent');
    expect(await service.say('Hai', 'vi')).toBe('silent');
    service.resetForNewSession();
    expect(await service.say('Ba', 'vi')).toBe('silent');
    expect(errors).toEqual(['speech-no-audio-device']);
    expect(service.state).toBe('idle');
  });

  it('a playback failure is reported and the next prompt still plays', async () => {
    const { service, player, errors } = setup();
    player.fail = new SpeechError('speech-playback-failed', 'boom');
    expect(await service.say('Một', 'vi')).toBe('failed');
    player.fail = null;
    const b = service.say('Hai', 'vi');
    await tick();
    player.last.finish();
    expect(await b).toBe('spoken');
    expect(errors).toEqual(['speech-playback-failed']);
  });
});

describe('SpeechService audio output check', () => {
  it('no device found: "no speaker", say() is silent and reported once; a new session probes again', async () => {
    let device = false;
    const synthesized: string[] = [];
    const service = new SpeechService({
      synthesizer: {
        synthesize: async (text: string) => {
          synthesized.push(text);
          return null;
        },
      } as unknown as Synthesizer,
      player: { name: 'fake', play: async () => 'done' },
      probeAudioDevice: () => device,
    });
    const errors: string[] = [];
    const audio: boolean[] = [];
    service.on('error', (e) => errors.push(e.code));
    service.on('audio', (a) => audio.push(a));
    expect(service.audioAvailable).toBe(false);
    expect(await service.say('Xin chào.', 'vi')).toBe('silent');
    expect(await service.say('Xin chào.', 'vi')).toBe('silent');
    expect(errors).toEqual(['speech-no-audio-device']);
    expect(synthesized).toEqual([]);
    device = true; // a headset plugged in before the next citizen
    service.resetForNewSession();
    expect(service.audioAvailable).toBe(true);
    expect(audio).toEqual([true]);
    expect(await service.say('Xin chào.', 'vi')).toBe('skipped'); // the fake synthesizer makes no clip
    expect(synthesized).toEqual(['Xin chào.']);
  });
});

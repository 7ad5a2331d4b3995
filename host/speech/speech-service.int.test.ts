import { describe, expect, it } from 'vitest';
import type { PlayOptions, PlayOutcome, Player } from '../../native/speech/player';
import type { SpeechClip } from '../../native/speech/synthesizer';
import { parseWav, rmsDbfs } from '../../native/speech/wav';
import { SpeechService, VOLUME_STEPS_DB } from './speech-service';

class CapturingPlayer implements Player {
  readonly name = 'capture';
  readonly clips: SpeechClip[] = [];
  async play(clip: SpeechClip, _options?: PlayOptions): Promise<PlayOutcome> {
    this.clips.push(clip);
    return 'done';
  }
}

describe('SpeechService with real espeak-ng', () => {
  it('min and max volume steps differ by ≥ 18 dB RMS in the produced samples', async () => {
    const player = new CapturingPlayer();
    const service = new SpeechService({ player });
    const sentence = 'Vui lòng đặt thẻ căn cước lên đầu đọc.';
    service.setVolumeStep(0);
    expect(await service.say(sentence, 'vi')).toBe('spoken');
    service.setVolumeStep(VOLUME_STEPS_DB.length - 1);
    expect(await service.say(sentence, 'vi')).toBe('spoken');
    const [min, max] = player.clips.map((c) => rmsDbfs(parseWav(c.wav)));
    expect(max! - min!).toBeGreaterThanOrEqual(18);
    // Never louder than what espeak-ng produced: all steps attenuate, nothing clips.
    expect(max!).toBeLessThan(0);
  });

  it('speaks English prompts in the English voice', async () => {
    const player = new CapturingPlayer();
    const service = new SpeechService({ player });
    expect(await service.say('Please choose a service.', 'en')).toBe('spoken');
    expect(player.clips[0]!.voice).toBe('en');
  });

  it('with the real player of this machine: speaks, or reports no audio device once and goes on silently', async () => {
    const service = new SpeechService();
    const errors: string[] = [];
    service.on('error', (e) => errors.push(e.code));
    const first = await service.say('Xin chào.', 'vi');
    const second = await service.say('Hello.', 'en');
    if (first === 'silent') {
      expect(second).toBe('silent');
      expect(errors).toEqual(['speech-no-audio-device']);
    } else {
      expect([first, second]).toEqual(['spoken', 'spoken']);
      expect(errors).toEqual([]);
    }
    expect(service.state).toBe('idle');
  });
});

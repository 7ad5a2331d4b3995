/** Configuration of spoken guidance (`speech`, host/speech). */
import { z } from 'zod';
import { SpeechKeysConfig } from '../../common/speech-keys';

export const SpeechConfig = z.object({
  enabled: z.boolean().default(true),
  rate: z.number().int().min(80).max(260).default(150),
  /**
   * Is the output private? 'auto': only while the sound card reports a plugged headphone/headset jack;
   * 'headset': the only output is a handset/headset; 'loudspeaker': never. Personal data is spoken only
   * through a private output (host/speech/output.ts).
   */
  privateOutput: z.enum(['auto', 'headset', 'loudspeaker']).default('auto'),
  /**
   * The tactile path's physical keys (common/speech-keys.ts): per action (help, read, repeat, previous, next,
   * activate, volumeDown, volumeUp) one `KeyboardEvent.code` or a list — F-keys, numeric-keypad operators and
   * Enter, media keys only. Left out: the defaults (F1–F3, F6–F10; keypad * / − + Enter).
   */
  keys: SpeechKeysConfig.prefault({}),
  /**
   * Where speech goes: `device` (the sound card); `record` (demo mode only, for tests): nothing is played,
   * each utterance is appended to `file` as a JSON line with the output it would use (host/speech/record-output.ts).
   */
  output: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('device') }),
      z.object({ kind: z.literal('record'), file: z.string().min(1) }),
    ])
    .default({ kind: 'device' }),
});

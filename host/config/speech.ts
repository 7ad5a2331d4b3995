/** Configuration of spoken guidance (`speech`, host/speech). */
import { z } from 'zod';

export const SpeechConfig = z.object({
  enabled: z.boolean().default(true),
  rate: z.number().int().min(80).max(260).default(150),
  /**
   * Is the output private? 'auto': only while the sound card reports a plugged headphone/headset jack;
   * 'headset': the only output is a handset/headset; 'loudspeaker': never. Personal data is spoken only
   * through a private output (host/speech/output.ts).
   */
  privateOutput: z.enum(['auto', 'headset', 'loudspeaker']).default('auto'),
});

/**
 * The gate every speech request passes on the host (create-host `speech.say`): marked personal parts and the
 * session's own personal values reach the synthesizer only when the output is private (a headset); otherwise
 * they become a neutral phrase. See privacy-filter.ts (the filter) and output.ts (headset detection).
 */
import type { SpeechLanguage } from '../../native/speech/normalize';
import { isPrivateOutput, type OutputProbeOptions } from './output';
import { filterSpeech, personalValues, type SpeechPart } from './privacy-filter';

export interface PrivateSpeechOptions extends OutputProbeOptions {
  /** The current session's personal data (SessionManager `active?.personal`), or nothing between sessions. */
  personal: () => unknown;
  /** Injected headset check (tests); default isPrivateOutput with the options above. */
  isPrivate?: () => Promise<boolean>;
}

export class PrivateSpeech {
  constructor(private readonly o: PrivateSpeechOptions) {}

  /** Whether the output is private right now (the jack is re-read on each request that needs it). */
  privateOutput(): Promise<boolean> {
    return this.o.isPrivate ? this.o.isPrivate() : isPrivateOutput(this.o);
  }

  /** The text to hand to the synthesizer for these parts. */
  async text(parts: readonly SpeechPart[], lang: SpeechLanguage): Promise<string> {
    const known = personalValues(this.o.personal());
    const plain = filterSpeech(parts, { lang, privateOutput: false, known });
    const full = filterSpeech(parts, { lang, privateOutput: true });
    // Nothing personal in it: no need to ask the sound card.
    if (plain === full) return full;
    return (await this.privateOutput()) ? full : plain;
  }
}

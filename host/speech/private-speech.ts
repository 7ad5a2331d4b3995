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
    return (await this.decide(parts, lang)).text;
  }

  /**
   * The text and the output it is meant for: `privateOutput` true (a headset) or false (the loudspeaker), or null
   * when nothing personal is in it and finding out would mean asking the sound card (`auto`).
   */
  async decide(
    parts: readonly SpeechPart[],
    lang: SpeechLanguage,
  ): Promise<{ text: string; privateOutput: boolean | null }> {
    const known = personalValues(this.o.personal());
    const plain = filterSpeech(parts, { lang, privateOutput: false, known });
    const full = filterSpeech(parts, { lang, privateOutput: true });
    // Nothing personal in it: no need to ask the sound card (a fixed setting answers without asking).
    if (plain === full) {
      const setting = this.o.setting ?? 'auto';
      return { text: full, privateOutput: setting === 'auto' ? null : setting === 'headset' };
    }
    const privateOutput = await this.privateOutput();
    return { text: privateOutput ? full : plain, privateOutput };
  }
}

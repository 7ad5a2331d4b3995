/**
 * Demo mode and tests only (config `speech.output: { kind: "record", file }`): instead of synthesizing and playing,
 * each utterance the SpeechService would play is appended to `file` as one JSON line —
 * `{ "output": "loudspeaker" | "private" | "unchecked", "lang": "vi", "text": "…" }` — so an end-to-end test can
 * check from the host itself what reached which output (issue #18 item 3). `output` is PrivateSpeech's decision:
 * "unchecked" when nothing personal was in the text and the jack was not asked (`privateOutput: "auto"`).
 *
 * The text is the one handed to the synthesizer (before espeak's normalisation), so ID numbers and codes stay
 * comparable. The file may hold what a headset heard (the fictional citizens' data): production refuses this
 * output (host/config productionProblems) and the .deb does not contain this module (scripts/dist/bundle.ts
 * DEMO_STUBS).
 */
import { appendFileSync, closeSync, openSync } from 'node:fs';
import type { SpeechLanguage } from '../../native/speech/normalize';
import type { Player, PlayOptions, PlayOutcome } from '../../native/speech/player';
import type { SpeechClip, Synthesizer } from '../../native/speech/synthesizer';
import { encodeWav } from '../../native/speech/wav';

export interface RecordedUtterance {
  output: 'loudspeaker' | 'private' | 'unchecked';
  lang: SpeechLanguage;
  text: string;
}

/** 10 ms of silence: the service plays something (an empty clip would count as spoken without playing). */
const SILENCE = encodeWav({ sampleRate: 22050, channels: 1, samples: new Int16Array(220) });

/** Makes a silent clip that carries the text as it was given. */
class RecordSynthesizer implements Synthesizer {
  async synthesize(text: string, lang: SpeechLanguage): Promise<SpeechClip | null> {
    const t = text.normalize('NFC').trim();
    return t ? { wav: SILENCE, lang, voice: 'record', rate: 0, text: t } : null;
  }
}

/** Appends each played clip's text and output to the record file (created 0600). */
class RecordPlayer implements Player {
  readonly name = 'record';
  constructor(private readonly file: string) {
    closeSync(openSync(file, 'a', 0o600));
  }

  async play(clip: SpeechClip, options: PlayOptions = {}): Promise<PlayOutcome> {
    if (options.signal?.aborted) return 'aborted';
    const p = options.privateOutput;
    const line: RecordedUtterance = {
      output: p === true ? 'private' : p === false ? 'loudspeaker' : 'unchecked',
      lang: clip.lang,
      text: clip.text,
    };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    return 'done';
  }
}

/** The synthesizer and player a recording SpeechService uses. */
export function recordingSpeech(file: string): { synthesizer: Synthesizer; player: Player } {
  return { synthesizer: new RecordSynthesizer(), player: new RecordPlayer(file) };
}

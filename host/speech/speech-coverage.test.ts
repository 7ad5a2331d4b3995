/**
 * Speech coverage of the error sentences (issue #18): every translated error sentence (renderer/i18n/errors/*.json,
 * vi and en), shown in an error summary or alert, reaches the synthesizer through the host's privacy gate
 * unchanged — the filter never eats a sentence — while a fictional citizen's name, ID number and a dossier code
 * put beside it do not, on the loudspeaker. Screens, steps, queue numbers and results: tests/e2e/speech.spec.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpeechClip, Synthesizer } from '../../native/speech/synthesizer';
import { PrivateSpeech } from './private-speech';
import { NEUTRAL_PHRASE } from './privacy-filter';
import { SpeechService } from './speech-service';

const errorsDir = join(__dirname, '../../renderer/i18n/errors');
const sentences = readdirSync(errorsDir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const file = JSON.parse(readFileSync(join(errorsDir, f), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    return (['vi', 'en'] as const).flatMap((lang) =>
      Object.entries(file[lang] ?? {}).map(([code, text]) => ({ file: f, code, lang, text })),
    );
  });

const citizen = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/citizens/can-cuoc-2024.json'), 'utf8'),
) as { fullName: string; idNumber: string };
const session = new Map<string, unknown>([['identity', citizen]]);
const dossierCode = '000.00.31.H31-261201-0007';

/** Records what would be synthesized (the host API boundary, after the gate). */
function recordingService(): { service: SpeechService; said: string[] } {
  const said: string[] = [];
  const synthesizer: Synthesizer = {
    synthesize: async (text) => {
      said.push(text);
      return null as unknown as SpeechClip;
    },
  } as Synthesizer;
  const service = new SpeechService({ synthesizer, player: { name: 'record', play: async () => 'done' } });
  return { service, said };
}

describe('speech coverage: error sentences', () => {
  it('has the sentences to check', () => {
    expect(sentences.length).toBeGreaterThan(100);
  });

  it('every error sentence is spoken, unchanged, on the loudspeaker', async () => {
    const gate = new PrivateSpeech({ personal: () => session, isPrivate: async () => false });
    const { service, said } = recordingService();
    const changed: string[] = [];
    for (const s of sentences) {
      const text = await gate.text([{ text: s.text }], s.lang);
      if (text !== s.text.replace(/\s+/g, ' ').trim()) changed.push(`${s.file} ${s.lang} ${s.code}: ${text}`);
      await service.say(text, s.lang);
    }
    expect(changed).toEqual([]);
    expect(said.length).toBe(sentences.length);
  });

  it('no name, ID number or dossier code beside them reaches the loudspeaker; all of it reaches a headset', async () => {
    const loud = new PrivateSpeech({ personal: () => session, isPrivate: async () => false });
    const headset = new PrivateSpeech({ personal: () => session, isPrivate: async () => true });
    for (const s of sentences) {
      const parts = [
        { text: s.text },
        { text: `${citizen.fullName}, ${citizen.idNumber}` },
        { text: dossierCode, personal: true },
      ];
      const out = await loud.text(parts, s.lang);
      expect(out).not.toContain(citizen.fullName);
      expect(out).not.toContain(citizen.idNumber);
      expect(out).not.toContain(dossierCode);
      expect(out).toContain(NEUTRAL_PHRASE[s.lang]);
      expect(await headset.text(parts, s.lang)).toContain(citizen.fullName);
    }
  });
});

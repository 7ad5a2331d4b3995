import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPEECH_ERROR_CODES } from './errors';

describe('speech sentences for citizens', () => {
  it('every speech error code has an NFC sentence in vi and en, and nothing else', () => {
    const s = JSON.parse(
      readFileSync(new URL('../../renderer/i18n/errors/speech.json', import.meta.url), 'utf8'),
    ) as Record<'vi' | 'en', Record<string, string>>;
    for (const lang of ['vi', 'en'] as const) {
      expect(Object.keys(s[lang]).sort()).toEqual([...SPEECH_ERROR_CODES].sort());
      for (const code of SPEECH_ERROR_CODES) expect(s[lang][code]!.normalize('NFC')).toBe(s[lang][code]);
    }
  });
});

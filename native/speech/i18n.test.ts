import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRINTER_ERROR_CODES } from '../printer/errors';
import { SPEECH_ERROR_CODES } from './errors';

function sentences(area: string): { vi: Record<string, string>; en: Record<string, string> } {
  return JSON.parse(
    readFileSync(new URL(`../../renderer/i18n/errors/${area}.json`, import.meta.url), 'utf8'),
  );
}

describe('citizen sentences', () => {
  it.each([
    ['speech', SPEECH_ERROR_CODES],
    ['printer', PRINTER_ERROR_CODES],
  ] as const)('every %s error code has an NFC sentence in vi and en', (area, codes) => {
    const s = sentences(area);
    for (const code of codes) {
      for (const lang of ['vi', 'en'] as const) {
        const text = s[lang][code];
        expect(text, `${lang} ${code}`).toBeTruthy();
        expect(text!.normalize('NFC')).toBe(text);
      }
    }
    expect(Object.keys(s.vi).sort()).toEqual([...codes].sort());
    expect(Object.keys(s.en).sort()).toEqual([...codes].sort());
  });
});

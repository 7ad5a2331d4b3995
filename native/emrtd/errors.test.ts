import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHIP_ERROR_CODES } from './errors';
import { PCSC_ERROR_CODES } from '../pcsc/errors';

const messages = JSON.parse(
  readFileSync(new URL('../../renderer/i18n/errors/chip.json', import.meta.url), 'utf8'),
) as {
  vi: Record<string, string>;
  en: Record<string, string>;
};

describe('chip.json', () => {
  it('has a Vietnamese and an English sentence for every chip and PC/SC error code, in NFC', () => {
    for (const code of [...CHIP_ERROR_CODES, ...PCSC_ERROR_CODES]) {
      expect(messages.vi[code], code).toBeTruthy();
      expect(messages.en[code], code).toBeTruthy();
      expect(messages.vi[code]).toBe(messages.vi[code]!.normalize('NFC'));
    }
  });
});

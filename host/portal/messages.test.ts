import { describe, expect, it } from 'vitest';
import attachments from '../../renderer/i18n/errors/attachments.json';
import portal from '../../renderer/i18n/errors/portal.json';
import store from '../../renderer/i18n/errors/store.json';
import { ATTACHMENT_ERROR_CODES } from '../attachments/errors';
import { RECEIPT_ERROR_CODES } from '../receipt/errors';
import { STORE_ERROR_CODES } from '../store/errors';
import { PORTAL_ERROR_CODES } from './errors';

describe('citizen-facing messages', () => {
  const cases: [string, readonly string[], { vi: Record<string, string>; en: Record<string, string> }][] = [
    ['portal.json', PORTAL_ERROR_CODES, portal],
    ['attachments.json', ATTACHMENT_ERROR_CODES, attachments],
    ['store.json', [...STORE_ERROR_CODES, ...RECEIPT_ERROR_CODES], store],
  ];
  for (const [file, codes, messages] of cases) {
    it(`${file} has an NFC sentence in both languages for every code, and nothing else`, () => {
      for (const lang of ['vi', 'en'] as const) {
        expect(Object.keys(messages[lang]).sort()).toEqual([...codes].sort());
        for (const text of Object.values(messages[lang])) {
          expect(text.length).toBeGreaterThan(20);
          expect(text).toBe(text.normalize('NFC'));
        }
      }
    });
  }
});

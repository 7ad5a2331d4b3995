import { describe, expect, it } from 'vitest';
import sentences from '../../renderer/i18n/errors/qr.json';
import { QR_PAYLOAD_ERROR_CODES, QR_SCANNER_ERROR_CODES, QrPayloadError } from './errors';

describe('QR error codes', () => {
  it('every payload and scanner code has a sentence in Vietnamese and English (NFC)', () => {
    for (const code of [...QR_PAYLOAD_ERROR_CODES, ...QR_SCANNER_ERROR_CODES]) {
      const vi = (sentences.vi as Record<string, string>)[code];
      const en = (sentences.en as Record<string, string>)[code];
      expect([code, typeof vi, typeof en]).toEqual([code, 'string', 'string']);
      expect(vi).toBe(vi?.normalize('NFC'));
      expect(vi?.length).toBeGreaterThan(10);
    }
  });
  it('errors carry a stable code and are Errors', () => {
    const e = new QrPayloadError('qr-date', 'bad date');
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.name, e.message]).toEqual(['qr-date', 'QrPayloadError', 'bad date']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReceiptError } from '../receipt/errors';
import { parseLookupInput } from '../receipt/receipt-data';
import { formatPortalTime, parsePortalTime } from './dates';
import { formatDossierCode, parseDossierCode } from './dossier-code';
import { PortalError } from './errors';
import { parseFaults } from './mock/faults';
import { createVietQr, readVietQr } from './payment';
import { DOSSIER_STATUSES, statusLabel } from './status';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

describe('portal times (yyyyMMddHHmmss, Asia/Ho_Chi_Minh)', () => {
  it('format in UTC+7 and round-trip', () => {
    expect(formatPortalTime(Date.UTC(2026, 10, 23, 17, 5, 9))).toBe('20261124000509');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }), (ms) => {
        const s = Math.floor(ms / 1000) * 1000;
        expect(parsePortalTime(formatPortalTime(s))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });
  it('fuzz: any text parses to a number or null, never throws', () => {
    expect(parsePortalTime('20261332000000')).toBeNull();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{14}$/)), (t) => {
        const r = parsePortalTime(t);
        expect(r === null || Number.isFinite(r)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('dossier codes', () => {
  it('parse the documented example', () => {
    expect(parseDossierCode('000.00.01.H22-251123-0001')).toEqual({
      agency: '000.00.01.H22',
      day: '251123',
      sequence: 1,
    });
    expect(formatDossierCode('000.00.01.H22', '261123', 12)).toBe('000.00.01.H22-261123-0012');
  });
  it('fuzz: round-trip valid codes; anything else throws only PortalError', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}$/),
        fc.integer({ min: 1, max: 99_999 }),
        (agency, seq) => {
          const code = formatDossierCode(agency, '261123', seq);
          expect(parseDossierCode(code)).toEqual({ agency, day: '261123', sequence: seq });
        },
      ),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (t) => {
        try {
          parseDossierCode(t);
        } catch (e) {
          expect(e).toBeInstanceOf(PortalError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('lookup input (typed or scanned)', () => {
  it('fuzz: returns a code or reference, or throws only ReceiptError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.constant('{"MaHoSo":1}')), (t) => {
        try {
          const r = parseLookupInput(t);
          expect('dossierCode' in r || 'localRef' in r).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ReceiptError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('mock fault settings', () => {
  it('fuzz: any body gives bounded, well-typed faults', () => {
    fc.assert(
      fc.property(fc.anything(), (b) => {
        const f = parseFaults(b);
        for (const k of [
          'errorRate',
          'timeoutRate',
          'dropAfterStoreRate',
          'duplicateRate',
          'expireSessionRate',
          'rejectRate',
        ] as const) {
          expect(f[k] >= 0 && f[k] <= 1).toBe(true);
        }
        expect(f.latencyMs >= 0 && f.latencyMs <= 60_000).toBe(true);
        expect(typeof f.down).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('statuses', () => {
  it('label all ten statuses in both languages', () => {
    expect(Object.keys(DOSSIER_STATUSES).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(statusLabel(6, 'vi')).toBe('Yêu cầu thực hiện nghĩa vụ tài chính');
    expect(statusLabel(10, 'en')).toBe('Result handed over');
  });
});

describe('createVietQr', () => {
  it('builds a dynamic VietQR with amount and reference that reads back', () => {
    const qr = createVietQr({
      bankBin: '970436',
      accountNo: '0011000000001',
      amountVnd: 15000,
      reference: 'HS2611230001',
    });
    expect(qr).toMatch(/^000201010212/);
    expect(readVietQr(qr!)).toEqual({
      bankBin: '970436',
      accountNo: '0011000000001',
      amountVnd: 15000,
      reference: 'HS2611230001',
    });
  });
  it('returns null when nothing is owed (exempt or free)', () => {
    expect(createVietQr({ bankBin: '970436', accountNo: '1', amountVnd: 0, reference: 'X' })).toBeNull();
  });
  it('refuses bad input with payment-invalid', () => {
    for (const bad of [
      { amountVnd: -1 },
      { amountVnd: 1.5 },
      { bankBin: '97' },
      { reference: 'Lệ phí có dấu' },
      { accountNo: '' },
    ]) {
      expect(() =>
        createVietQr({ bankBin: '970436', accountNo: '1', amountVnd: 1000, reference: 'X', ...bad }),
      ).toThrow(expect.objectContaining({ code: 'payment-invalid' }));
    }
  });
});

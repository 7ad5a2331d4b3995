import { describe, expect, it } from 'vitest';
import { dossierDocuments } from '../../attachments/attachment-service';
import { addressCommunes } from '../../dossier/routing';
import { identityVerifiedFlag } from '../identity-flag';
import { defaultMockData } from '../mock/server';
import { loadAgencyTable, resolveReceivingAgency } from './receiving-agency';

const table = loadAgencyTable();
const resolve = (procedureCode: string, communeCodes: (string | null)[], kiosk: string | null = '99901') =>
  resolveReceivingAgency(table, { procedureCode, communeCodes, kioskCommuneCode: kiosk });

describe('receiving agency per dossier', () => {
  it('police, justice, tax, social insurance and land procedures go to different agencies', () => {
    const codes = ['1.004194', '1.001193', '3.000333', '1.008498', '1.001939', '1.013833'].map(
      (p) => resolve(p, []).code,
    );
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('a commune-level procedure goes to the agency of the address concerned, else the kiosk’s commune', () => {
    expect(resolve('1.004194', ['99902', '99901']).code).toBe('000.30.02.H22');
    expect(resolve('1.004194', [null, '99902']).code).toBe('000.30.02.H22');
    // An address in another province: filed at the kiosk's commune (NĐ 118/2025, anywhere in the province).
    expect(resolve('1.004194', ['00004']).code).toBe('000.30.01.H22');
    expect(resolve('1.001193', ['99902']).code).toBe('000.20.02.H22');
  });

  it('province-level procedures ignore the commune', () => {
    expect(resolve('3.000333', ['99902']).code).toBe('000.00.15.H22');
  });

  it('a procedure missing from the table, or no commune to go by, is refused (never a default agency)', () => {
    expect(() => resolve('9.999999', [])).toThrow(expect.objectContaining({ code: 'portal-no-agency' }));
    const strict = { ...table, kioskCommuneCode: undefined };
    expect(() =>
      resolveReceivingAgency(strict, {
        procedureCode: '1.004194',
        communeCodes: ['00004'],
        kioskCommuneCode: null,
      }),
    ).toThrow(expect.objectContaining({ code: 'portal-no-agency' }));
  });

  it('the demo table agrees with the mock system: every agency it picks accepts the procedure', () => {
    const mock = defaultMockData();
    for (const rule of table.procedures)
      for (const code of rule.codes)
        for (const commune of ['99901', '99902']) {
          const a = resolve(code, [commune]);
          const m = mock.agencies.find((x) => x.MaDonVi === a.code);
          expect([code, commune, m?.MaTTHC.includes(code)]).toEqual([code, commune, true]);
        }
  });
});

describe('dossier fields from the session', () => {
  it('finds the communes of address answers nested in forms', () => {
    expect(
      addressCommunes({
        ct01: { residenceAddress: { provinceCode: '01', communeCode: '00004', detail: 'Số 1' }, n: 1 },
        other: [{ provinceCode: '79', communeCode: '26734', detail: 'x' }],
      }),
    ).toEqual(['00004', '26734']);
  });

  it('e-forms go as the form component, the rest is to bring when no file was added', () => {
    expect(
      dossierDocuments(
        [
          { id: 'ct01', name: { vi: 'Tờ khai CT01' }, required: true, formId: 'ct01' },
          { id: 'lawful-residence', name: { vi: 'Giấy tờ chỗ ở' }, required: true },
          { id: 'optional', name: { vi: 'Khác' }, required: false },
        ],
        undefined,
        'temporary-residence',
      ),
    ).toEqual([
      { title: 'Tờ khai CT01', code: 'ct01', delivery: 'form' },
      { title: 'Giấy tờ chỗ ở', code: 'lawful-residence', delivery: 'at-counter' },
    ]);
  });

  it('identity is "verified" only when passive AND active (or chip) authentication passed', () => {
    expect(identityVerifiedFlag({ passive: 'valid', active: 'valid' })).toBe(true);
    expect(identityVerifiedFlag({ passive: 'valid', active: 'unsupported' })).toBe(false);
    expect(identityVerifiedFlag({ passive: 'unknown-csca', active: 'valid' })).toBe(false);
    // Chip Authentication proves the chip as well as Active Authentication does.
    expect(
      identityVerifiedFlag({ passive: 'valid', active: 'unsupported', chipAuthentication: 'valid' }),
    ).toBe(true);
    expect(identityVerifiedFlag(undefined)).toBe(false);
  });
});

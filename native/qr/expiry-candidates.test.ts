import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateExpiryDates, expiryMilestoneAge, NO_EXPIRY_MRZ } from './expiry-candidates';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

describe('candidateExpiryDates — public MRZ samples (cccd-chip-and-qr.md §2)', () => {
  it('DOB 930105, card issued 2021-04-10 (age 28) → expires at 40: 330105', () => {
    const c = candidateExpiryDates({ dateOfBirth: '1993-01-05', issueDate: '2021-04-10' });
    expect(c[0]).toBe('330105');
    expect(c[1]).toBe(NO_EXPIRY_MRZ);
  });
  it('DOB 820724, card issued 2021-06-15 (age 38, within 2 years of 40) → valid to 60: 420724', () => {
    const c = candidateExpiryDates({ dateOfBirth: '1982-07-24', issueDate: '2021-06-15' });
    expect(c[0]).toBe('420724');
    expect(c[1]).toBe(NO_EXPIRY_MRZ);
    expect(c).toContain('220724');
  });
  it('DOB 510818, card issued 2021-03-01 (age 69) → no expiry: 991231', () => {
    const c = candidateExpiryDates({ dateOfBirth: '1951-08-18', issueDate: '2021-03-01' });
    expect(c[0]).toBe(NO_EXPIRY_MRZ);
  });
});

describe('candidateExpiryDates — rules', () => {
  it('Law 26/2023 adds the age-14 milestone for cards issued from 2024-07-01', () => {
    expect(candidateExpiryDates({ dateOfBirth: '2015-03-10', issueDate: '2024-09-01' })[0]).toBe('290310');
    // The same child under the 2014 law milestones would be valid to 25.
    expect(expiryMilestoneAge('2015-03-10', '2024-06-30')).toBe(25);
  });
  it('Law 2014: a 16-year-old gets a card valid to 25', () => {
    expect(candidateExpiryDates({ dateOfBirth: '2005-06-01', issueDate: '2021-08-20' })[0]).toBe('300601');
  });
  it('the 2-year window before a milestone is inclusive of its first day', () => {
    expect(candidateExpiryDates({ dateOfBirth: '2000-05-05', issueDate: '2023-05-04' })[0]).toBe('250505');
    expect(candidateExpiryDates({ dateOfBirth: '2000-05-05', issueDate: '2023-05-05' })[0]).toBe('400505');
  });
  it('issued within 2 years before 60 → no expiry', () => {
    expect(candidateExpiryDates({ dateOfBirth: '1963-10-02', issueDate: '2022-01-15' })[0]).toBe(
      NO_EXPIRY_MRZ,
    );
    expect(expiryMilestoneAge('1963-10-02', '2021-10-01')).toBe(60);
  });
  it('orders the rest: 991231, then later milestones nearest first, then earlier ones', () => {
    expect(candidateExpiryDates({ dateOfBirth: '1993-01-05', issueDate: '2021-04-10' })).toEqual([
      '330105',
      '991231',
      '530105',
      '180105',
      '070105',
    ]);
  });
  it('29 February births in a common milestone year give every plausible spelling', () => {
    const c = candidateExpiryDates({ dateOfBirth: '2000-02-29', issueDate: '2016-01-01' });
    expect(c.slice(0, 4)).toEqual(['250228', '250301', '250229', NO_EXPIRY_MRZ]);
    // Leap milestone year: the plain date.
    expect(candidateExpiryDates({ dateOfBirth: '1992-02-29', issueDate: '2021-01-01' })[0]).toBe('320229');
  });
  it('unknown issue date: the next milestone after today first', () => {
    expect(candidateExpiryDates({ dateOfBirth: '1993-01-05', issueDate: null, today: '2026-11-23' })).toEqual(
      ['330105', '991231', '530105', '180105', '070105'],
    );
    expect(candidateExpiryDates({ dateOfBirth: '1951-08-18', issueDate: null, today: '2026-11-23' })[0]).toBe(
      NO_EXPIRY_MRZ,
    );
  });
  it('a partial date of birth gives only 991231', () => {
    expect(candidateExpiryDates({ dateOfBirth: '1950', issueDate: '2021-01-01' })).toEqual([NO_EXPIRY_MRZ]);
  });
});

describe('candidateExpiryDates — properties (fuzz)', () => {
  const day = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  it('fuzz: no duplicates, always 991231, every entry YYMMDD, first entry ends with the birth day-month', () => {
    fc.assert(
      fc.property(day, fc.option(day, { nil: null }), (dateOfBirth, issueDate) => {
        const c = candidateExpiryDates({ dateOfBirth, issueDate, today: '2026-11-23' });
        expect(new Set(c).size).toBe(c.length);
        expect(c).toContain(NO_EXPIRY_MRZ);
        for (const v of c) expect(v).toMatch(/^\d{6}$/);
        const first = c[0] ?? '';
        if (first !== NO_EXPIRY_MRZ && !dateOfBirth.endsWith('02-29')) {
          expect(first.slice(2)).toBe(dateOfBirth.slice(5, 7) + dateOfBirth.slice(8, 10));
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { householdHealthInsurance, householdShare } from './contributions';

// Luật BHYT Art. 13: 1st member 4.5 % of the base salary; 2nd/3rd/4th 70/60/50 % of the 1st; 5th on 40 %.
// Worked with an example base salary of 2,000,000 đ (the real one is configuration): 1st = 90,000.
describe('household health insurance (service 17)', () => {
  it.each([
    [1, [90000], 90000],
    [2, [90000, 63000], 153000],
    [3, [90000, 63000, 54000], 207000],
    [4, [90000, 63000, 54000, 45000], 252000],
    [5, [90000, 63000, 54000, 45000, 36000], 288000],
    [6, [90000, 63000, 54000, 45000, 36000, 36000], 324000],
  ])('%i member(s): %j a month, %i in total', (members, perMember, monthly) => {
    const r = householdHealthInsurance({ baseSalaryVnd: 2_000_000, members, months: 1 });
    expect(r.perMember).toEqual(perMember);
    expect(r.monthlyVnd).toBe(monthly);
    expect(householdHealthInsurance({ baseSalaryVnd: 2_000_000, members, months: 12 }).totalVnd).toBe(
      monthly * 12,
    );
  });

  it('never charges a later member more than an earlier one, nor the household less than 1st × 40 % each', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 100_000, max: 10_000_000 }),
        (n, base) => {
          const r = householdHealthInsurance({ baseSalaryVnd: base, members: n, months: 1 });
          for (let i = 1; i < n; i++) expect(r.perMember[i]!).toBeLessThanOrEqual(r.perMember[i - 1]!);
          expect(r.monthlyVnd).toBeGreaterThanOrEqual(
            Math.round(base * 0.045) + (n - 1) * Math.round(base * 0.045 * 0.4) - n,
          );
          expect(householdShare(n)).toBeGreaterThan(0);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 10_000) },
    );
  });

  it('refuses an empty household or period', () => {
    expect(() => householdHealthInsurance({ baseSalaryVnd: 1, members: 0, months: 1 })).toThrow(RangeError);
    expect(() => householdHealthInsurance({ baseSalaryVnd: 1, members: 1, months: 0 })).toThrow(RangeError);
  });
});

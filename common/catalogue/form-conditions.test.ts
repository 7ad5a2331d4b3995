import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, type Condition, Condition as ConditionSchema, evaluate } from './form-conditions';

const ctx = (answers: Record<string, unknown>, dateOfBirth = '1990-03-15') => ({
  answers,
  identity: { dateOfBirth, sex: 'female', spouseName: 'Phan Văn Toàn' },
  today: '2026-11-30',
});

describe('conditions', () => {
  it('parses every form of the language', () => {
    const all: Condition[] = [
      { all: [{ answer: 'a', eq: 'x' }, { not: { answer: 'b', in: ['1', '2'] } }] },
      { any: [{ age: { lt: 14 } }, { chip: 'spouseName', present: true }] },
      { answer: 'toDate', gte: { answer: 'fromDate' } },
      { answer: 'd', lte: 'today' },
      { field: 'isHead', equals: true },
    ];
    for (const c of all) expect(ConditionSchema.safeParse(c).success, JSON.stringify(c)).toBe(true);
    expect(ConditionSchema.safeParse({ answer: 'a', like: 'x' }).success).toBe(false);
  });

  it('compares answers with values, lists, other answers and today', () => {
    expect(evaluate({ answer: 'rel', eq: 'me' }, ctx({ rel: 'me' }))).toBe(true);
    expect(evaluate({ answer: 'rel', ne: 'me' }, ctx({ rel: 'me' }))).toBe(false);
    expect(evaluate({ answer: 'rel', in: ['cha', 'me'] }, ctx({ rel: 'cha' }))).toBe(true);
    expect(
      evaluate({ answer: 'to', gte: { answer: 'from' } }, ctx({ from: '2026-01-02', to: '2026-01-01' })),
    ).toBe(false);
    expect(
      evaluate({ answer: 'to', gte: { answer: 'from' } }, ctx({ from: '2026-01-02', to: '2026-01-02' })),
    ).toBe(true);
    expect(evaluate({ answer: 'd', lte: 'today' }, ctx({ d: '2026-12-01' }))).toBe(false);
    expect(evaluate({ answer: 'n', gt: 2 }, ctx({ n: 3 }))).toBe(true);
  });

  it('cannot tell before the answers exist (three-valued)', () => {
    expect(evaluate({ answer: 'rel', eq: 'me' }, ctx({}))).toBeUndefined();
    expect(evaluate({ not: { answer: 'rel', eq: 'me' } }, ctx({}))).toBeUndefined();
    expect(
      evaluate(
        {
          all: [
            { answer: 'a', eq: 1 },
            { answer: 'b', eq: 2 },
          ],
        },
        ctx({ a: 2 }),
      ),
    ).toBe(false);
    expect(
      evaluate(
        {
          any: [
            { answer: 'a', eq: 1 },
            { answer: 'b', eq: 2 },
          ],
        },
        ctx({ a: 1 }),
      ),
    ).toBe(true);
    expect(evaluate({ answer: 'rel', present: false }, ctx({}))).toBe(true);
    expect(evaluate({ field: 'isHead', equals: true }, ctx({ isHead: true }))).toBe(true);
  });

  it('computes ages at the filing date, from the chip or from an answer', () => {
    expect(ageOn('2008-11-30', '2026-11-30')).toBe(18);
    expect(ageOn('2008-12-01', '2026-11-30')).toBe(17);
    expect(ageOn('2008', '2026-11-30')).toBe(17); // a year alone counts from its last day
    expect(evaluate({ age: { gte: 18 } }, ctx({}, '2008-11-30'))).toBe(true);
    expect(evaluate({ age: { lt: 14 } }, ctx({}, '2013-01-01'))).toBe(true);
    expect(evaluate({ age: { gte: 20 }, of: 'dob' }, ctx({ dob: '2007-01-01' }))).toBe(false);
    expect(evaluate({ chip: 'spouseName', present: true }, ctx({}))).toBe(true);
    expect(evaluate({ chip: 'sex', eq: 'male' }, ctx({}))).toBe(false);
  });

  it('agrees with arithmetic on ages (fuzzed)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2026-11-30'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const age = ageOn(iso, '2026-11-30')!;
          const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
          const birthdayPassed = m < 11 || (m === 11 && day <= 30);
          return age === 2026 - y - (birthdayPassed ? 0 : 1);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 10_000) },
    );
  });

  it('never throws on arbitrary answers (fuzzed)', () => {
    const cond: Condition = {
      all: [
        {
          any: [
            { answer: 'a', eq: 'x' },
            { answer: 'b', gte: { answer: 'c' } },
          ],
        },
        { not: { age: { gte: 18 }, of: 'c' } },
      ],
    };
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.jsonValue()), (answers) => {
        const r = evaluate(cond, { answers });
        return r === true || r === false || r === undefined;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 10_000) },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communes, provinces } from '../../catalogue/admin-units';
import { foldTelex, matchPlaces, pickerOptions } from './place-search';

const hanoi = communes('01').map((c) => ({ code: c.code, name: c.name }));

describe('matchPlaces', () => {
  it('finds a commune typed with or without accents, and as raw Telex keystrokes', () => {
    for (const q of ['Giảng Võ', 'giang vo', 'GIANG VO', 'giangr vox']) {
      const [first] = matchPlaces(hanoi, q);
      expect(first?.name, q).toMatch(/Giảng Võ$/);
    }
  });

  it('puts the kiosk’s own commune first among the matches', () => {
    const all = matchPlaces(hanoi, 'phuong', null, 200);
    expect(all.length).toBeGreaterThan(2);
    const home = all[all.length - 1]!;
    expect(matchPlaces(hanoi, 'phuong', home.code)[0]).toBe(home);
  });

  it('finds provinces too (34 after the 2025 merger)', () => {
    const list = provinces().map((p) => ({ code: p.code, name: p.name }));
    expect(matchPlaces(list, 'ha noi')[0]?.code).toBe('01');
    expect(matchPlaces(list, 'hoof chis minh')[0]?.name).toMatch(/Hồ Chí Minh/);
  });

  it('folds Telex keystrokes', () => {
    expect(foldTelex('nguyeenx vawn ddoongj')).toBe('nguyen van dong');
    expect(foldTelex('hanoij')).toBe('hanoi');
  });

  it('never throws, returns only given places, at most the limit, for any typing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.integer({ min: 1, max: 20 }), (q, limit) => {
        const out = matchPlaces(hanoi, q, hanoi[3]!.code, limit);
        expect(out.length).toBeLessThanOrEqual(limit);
        for (const p of out) expect(hanoi).toContain(p);
        if (out.some((p) => p.code === hanoi[3]!.code)) expect(out[0]!.code).toBe(hanoi[3]!.code);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('pickerOptions', () => {
  const list = provinces().map((p) => ({ code: p.code, name: p.name }));

  it('lists all 34 provinces untyped, the kiosk’s own first, so nobody has to type', () => {
    const all = pickerOptions(list, '', '38', { all: true, limit: 34 });
    expect(all).toHaveLength(34);
    expect(all[0]?.code).toBe('38');
    expect(new Set(all.map((p) => p.code)).size).toBe(34);
  });

  it('narrows to the matches when something is typed (accents optional, Telex folded)', () => {
    expect(pickerOptions(list, 'ha noi', null, { all: true, limit: 34 })[0]?.code).toBe('01');
    expect(pickerOptions(list, 'hoof chis', null, { all: true, limit: 34 })[0]?.name).toMatch(/Hồ Chí Minh/);
    expect(pickerOptions(list, 'zzzz', null, { all: true, limit: 34 })).toEqual([]);
  });

  it('offers only the kiosk’s own commune untyped until the whole list is asked for', () => {
    const home = hanoi[7]!;
    expect(pickerOptions(hanoi, '  ', home.code, { all: false, limit: 8 })).toEqual([home]);
    expect(pickerOptions(hanoi, '', null, { all: false, limit: 8 })).toEqual([]);
    const all = pickerOptions(hanoi, '', home.code, { all: true, limit: 8 });
    expect(all).toHaveLength(hanoi.length);
    expect(all[0]).toBe(home);
    expect(pickerOptions(hanoi, 'giang vo', home.code, { all: false, limit: 8 })[0]?.name).toMatch(
      /Giảng Võ$/,
    );
  });

  it('returns each given place at most once, only given places, for any typing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.boolean(), (q, all) => {
        const out = pickerOptions(hanoi, q, hanoi[3]!.code, { all, limit: 8 });
        expect(new Set(out.map((p) => p.code)).size).toBe(out.length);
        for (const p of out) expect(hanoi).toContain(p);
      }),
      { numRuns: 10_000 },
    );
  });
});

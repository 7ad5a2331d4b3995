import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communes, provinces } from '../../catalogue/admin-units';
import { foldTelex, matchPlaces } from './place-search';

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

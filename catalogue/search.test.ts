import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, homeScreen, MOST_USED, searchServices } from './search';
import { loadCatalogue } from './index';

const first = (q: string): number | undefined => searchServices(q)[0]?.service.number;

describe('searchServices', () => {
  it('finds temporary residence (4) with and without diacritics', () => {
    expect(first('dang ky tam tru')).toBe(4);
    expect(first('Đăng ký tạm trú')).toBe(4);
    expect(first('tạm trú')).toBe(4);
    expect(first('TAM TRU')).toBe(4);
  });

  it('tolerates a one-letter typo', () => {
    expect(first('tam tu')).toBe(4); // missing letter inside a short phrase
    expect(first('tamj tru')).toBe(4); // Telex leftover
    expect(first('dang ky tam trus')).toBe(4);
    expect(first('ho chiue')).toBe(12); // transposition
    expect(first('ly lich tu phapp')).toBe(22);
  });

  it('understands colloquial names and abbreviations', () => {
    expect(first('hộ khẩu')).toBe(3);
    expect(first('CMND')).toBe(1);
    expect(first('khai sinh')).toBe(9);
    expect(first('sổ đỏ')).toBe(19);
    expect(first('bằng lái')).toBe(20);
    expect(first('phạt nguội')).toBe(8);
    expect(first('passport')).toBe(12);
    expect(first('1.004194')).toBe(4);
  });

  it('returns nothing for nothing', () => {
    expect(searchServices('')).toEqual([]);
    expect(searchServices('   ')).toEqual([]);
    expect(searchServices('qqqqzzzz')).toEqual([]);
  });
});

describe('damerauLevenshtein', () => {
  it('counts edits, transpositions as one', () => {
    expect(damerauLevenshtein('tru', 'tru')).toBe(0);
    expect(damerauLevenshtein('chieu', 'chiue')).toBe(1);
    expect(damerauLevenshtein('tamtru', 'tamtu')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('abc', 'abcdef', 1)).toBe(2);
  });
});

describe('homeScreen', () => {
  it('lists the most used services, then every category with services', () => {
    const home = homeScreen();
    expect(home.mostUsed.map((s) => s.id)).toEqual(MOST_USED);
    const listed = home.categories.flatMap((c) => c.services.map((s) => s.number)).sort((a, b) => a - b);
    expect(listed).toEqual(loadCatalogue().services.map((s) => s.number));
    expect(home.categories[0]).toMatchObject({ id: 'identity', label: { vi: 'Căn cước, giấy tờ tùy thân' } });
  });
});

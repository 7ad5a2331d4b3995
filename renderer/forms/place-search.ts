/**
 * Finding a province or commune by a few typed letters on the kiosk: accents optional ("giang vo" finds
 * "Phường Giảng Võ"), and raw Telex keystrokes typed with the input method off ("giangr vox") fold to the same
 * letters. Names starting with the words typed come first, then names containing them; the kiosk's own
 * unit always first among the matches.
 */
import { foldForSearch } from '../../common/text/vietnamese';

export interface Place {
  code: string;
  name: string;
}

/**
 * Raw Telex to plain letters: doubled vowels and `dd` to one letter, `w` (ă ơ ư) dropped after a/o/u, a tone
 * key (s f r x j) at the end of a word dropped (no Vietnamese syllable ends in them). Input already folded.
 */
export function foldTelex(folded: string): string {
  return folded
    .split(' ')
    .map((w) =>
      w
        .replace(/([aeo])\1/g, '$1')
        .replace(/dd/g, 'd')
        .replace(/([aou])w/g, '$1')
        .replace(/^w/, 'u')
        .replace(/(?<=[a-z]{2})[sfrxj]$/, ''),
    )
    .join(' ');
}

function matchesAt(name: string, q: string): 'start' | 'inside' | null {
  if (!q) return null;
  if (name.startsWith(q) || name.includes(` ${q}`)) return 'start';
  return name.includes(q) ? 'inside' : null;
}

/** The places matching `query` (at most `limit`), best first; nothing for an empty query. */
export function matchPlaces<P extends Place>(
  places: readonly P[],
  query: string,
  homeCode?: string | null,
  limit = 6,
): P[] {
  const plain = foldForSearch(query);
  if (!plain) return [];
  const telex = foldTelex(plain);
  const rank = (p: P): number => {
    const name = foldForSearch(p.name);
    const hits = [matchesAt(name, plain), matchesAt(name, telex)];
    const best = hits.includes('start') ? 1 : hits.includes('inside') ? 2 : 0;
    return best === 0 ? 0 : best + (p.code === homeCode ? 0 : 2);
  };
  return places
    .map((p, i) => ({ p, i, r: rank(p) }))
    .filter((x) => x.r > 0)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.p);
}

/**
 * What a place picker lists: the matches when something is typed; otherwise the kiosk's own unit, followed by
 * every unit when `all` (the 34 provinces are always listed, so no typing is needed; a province's communes on
 * request).
 */
export function pickerOptions<P extends Place>(
  places: readonly P[],
  query: string,
  homeCode: string | null | undefined,
  opts: { all: boolean; limit: number },
): P[] {
  if (foldForSearch(query)) return matchPlaces(places, query, homeCode, opts.limit);
  const home = places.filter((p) => p.code === homeCode);
  return opts.all ? [...home, ...places.filter((p) => p.code !== homeCode)] : home;
}

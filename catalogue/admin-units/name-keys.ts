/** Keys under which unit names are compared: tone-placement-insensitive, diacritic-free, without the unit word. */
import { foldForSearch, nfc } from '../../common/text/vietnamese';

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Tone-placement-insensitive key ("Hoà" = "Hòa", "Thuỷ" = "Thủy"), apostrophes unified, lower case.
 * Vowel shapes (â, ă, ơ, ư, ê, ô, đ) and the tone itself still count.
 */
export function toneKey(text: string): string {
  return nfc(text)
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => {
      const d = word.normalize('NFD');
      const tones = (d.match(TONES) ?? []).join('');
      return d.replace(TONES, '').normalize('NFC') + tones;
    })
    .join(' ');
}

/** Diacritic-free key (fallback when the card's spelling differs in a mark). */
export function looseKey(text: string): string {
  return foldForSearch(text).replace(/[’‘`´]/g, "'");
}

export type Level = 'province' | 'district' | 'ward';

/** Folds each code point on its own so that positions in the folded text match the original. */
function foldSameLength(text: string): { chars: string[]; folded: string } {
  const chars = [...text];
  const folded = chars
    .map((ch) => {
      const f = ch
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .replace(/[đĐ]/g, 'd')
        .toLowerCase();
      return f.length === 1 ? f : ch.toLowerCase();
    })
    .join('');
  return { chars, folded };
}

/** Unit words as printed on cards, and their abbreviations. */
const UNIT_RE =
  /^(?:(thanh pho truc thuoc trung uong|thanh pho|tinh|thi xa|thi tran|huyen|quan|phuong|xa|dac khu)(?:\s+|\.\s*)|(tp|tx|tt)(?:\.\s*|\s+)|(h|x)\.\s*|(q|p)(?:\.\s*|\s*(?=\d)))/;
const UNIT_LEVELS: Record<string, Level[]> = {
  'thanh pho truc thuoc trung uong': ['province'],
  'thanh pho': ['province', 'district'],
  tp: ['province', 'district'],
  tinh: ['province'],
  'thi xa': ['district'],
  tx: ['district'],
  huyen: ['district'],
  h: ['district'],
  quan: ['district'],
  q: ['district'],
  'thi tran': ['ward'],
  tt: ['ward'],
  phuong: ['ward'],
  p: ['ward'],
  xa: ['ward'],
  x: ['ward'],
  'dac khu': ['ward'],
};

export interface Keys {
  /** diacritic-free name */
  bare: string;
  /** tone-placement-insensitive name */
  key: string;
}
export type NamedKey = Keys & { unit?: string | null };

/** One part of an address (between commas), ready to be matched against unit names. */
export interface Part {
  raw: string;
  /** keys without the unit word, then (if a unit word was cut) of the whole text: "Tịnh Biên" is not "Tỉnh Biên" */
  keys: Keys[];
  levels: Level[] | null;
  /** the unit word written ("thi tran", "xa"…), canonical */
  unit: string | null;
}

/** "05" and "5" are the same ward number. */
function normaliseNumber(s: string): string {
  return /^0*\d+$/.test(s) ? String(Number(s)) : s;
}

export function keysOf(text: string): Keys {
  const t = text.replace(/\s*[-–]\s*/g, ' ');
  return { bare: normaliseNumber(looseKey(t)), key: normaliseNumber(toneKey(t)) };
}

const UNIT_CANONICAL: Record<string, string> = {
  tp: 'thanh pho',
  tx: 'thi xa',
  tt: 'thi tran',
  h: 'huyen',
  q: 'quan',
  p: 'phuong',
  x: 'xa',
};

/** Cuts the unit word (or its abbreviation) off the front of a name: which levels it allows, and the word. */
export function stripUnit(text: string): { name: string; levels: Level[] | null; unit: string | null } {
  const clean = nfc(text).trim();
  const { chars, folded } = foldSameLength(clean);
  const m = UNIT_RE.exec(folded);
  if (!m || m[0].length >= folded.length) return { name: clean, levels: null, unit: null };
  const word = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
  return {
    name: chars.slice(m[0].length).join('').trim(),
    levels: UNIT_LEVELS[word] ?? null,
    unit: UNIT_CANONICAL[word] ?? word,
  };
}

/** Keys of a unit's official full name (always starts with its unit word). */
export function nameKeys(fullName: string): Keys & { unit: string | null } {
  const { name, unit } = stripUnit(fullName);
  return { ...keysOf(name), unit };
}

/**
 * Vietnamese syllable structure: onset + vowel nucleus + coda, the spell check that tells a
 * Vietnamese syllable (or the beginning of one) from a foreign word, and tone placement.
 *
 * The spell check is deliberately a PREFIX check: it answers "can this still become a Vietnamese
 * syllable if the person keeps typing?", because Telex and VNI let people add marks late
 * ("vietej" → "việt"). A plain vowel is therefore compatible with any shaped vowel of the same base.
 */
import { baseKey, isVowel, parseChar, type Letter, type Tone } from './letters';

export type ToneStyle = 'modern' | 'classic';

export interface Split {
  readonly onset: readonly Letter[];
  readonly nucleus: readonly Letter[];
  readonly coda: readonly Letter[];
  /** Letters after the coda: a non-empty rest means the word is not one syllable. */
  readonly rest: readonly Letter[];
  /** Index of the first nucleus letter in the word. */
  readonly nucleusStart: number;
}

/**
 * Splits a word into onset, nucleus and coda. `qu` and `gi` are onsets: in "quốc" the nucleus is
 * "ô", in "giữ" it is "ư"; but in "gìn" (no other vowel after "gi") the `i` is the nucleus.
 */
export function splitSyllable(letters: readonly Letter[]): Split {
  let onsetEnd = 0;
  while (onsetEnd < letters.length && !isVowel(letters[onsetEnd]!)) onsetEnd++;
  const next = letters[onsetEnd];
  const after = letters[onsetEnd + 1];
  if (onsetEnd === 1 && baseKey(letters[0]!) === 'q' && next?.base === 'u' && next.shape === 'none') {
    onsetEnd++;
  } else if (
    onsetEnd === 1 &&
    baseKey(letters[0]!) === 'g' &&
    next?.base === 'i' &&
    next.shape === 'none' &&
    after !== undefined &&
    isVowel(after)
  ) {
    onsetEnd++;
  }
  let nucleusEnd = onsetEnd;
  while (nucleusEnd < letters.length && isVowel(letters[nucleusEnd]!)) nucleusEnd++;
  let codaEnd = nucleusEnd;
  while (codaEnd < letters.length && !isVowel(letters[codaEnd]!)) codaEnd++;
  return {
    onset: letters.slice(0, onsetEnd),
    nucleus: letters.slice(onsetEnd, nucleusEnd),
    coda: letters.slice(nucleusEnd, codaEnd),
    rest: letters.slice(codaEnd),
    nucleusStart: onsetEnd,
  };
}

const ONSETS = new Set(
  ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh'].concat([
    'p',
    'ph',
    'qu',
    'r',
    's',
    't',
    'th',
    'tr',
    'v',
    'x',
  ]),
);
// `k` closes syllables of place names from the Central Highlands (Đắk Lắk, Đắk Nông, Ngọk Hồi).
const CODAS = new Set(['', 'c', 'ch', 'k', 'm', 'n', 'ng', 'nh', 'p', 't']);
const STOP_CODAS = new Set(['c', 'ch', 'k', 'p', 't']);
const ALPHABET = new Set([...'abcdeghiklmnopqrstuvxy', 'đ']);

interface Pattern {
  readonly letters: readonly Letter[];
  readonly takesCoda: boolean;
}

function pattern(text: string, takesCoda: boolean): Pattern {
  return { letters: [...text].map((c) => parseChar(c)!.letter), takesCoda };
}

/** Vowel nuclei of standard Vietnamese. Open-only nuclei end in a semivowel (i/y/o/u) or are ia/ua/ưa/uơ. */
const NUCLEI: readonly Pattern[] = [
  ...'aăâeêioôơuưy'.split('').map((v) => pattern(v, true)),
  ...['oa', 'oă', 'oe', 'oo', 'uâ', 'uê', 'uô', 'uy', 'ươ', 'iê', 'yê', 'uyê'].map((v) => pattern(v, true)),
  ...['ai', 'ao', 'au', 'âu', 'ay', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'uơ'].map(
    (v) => pattern(v, false),
  ),
  ...['ưa', 'ưi', 'ưu', 'iêu', 'yêu', 'oai', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyu', 'ươi', 'ươu'].map(
    (v) => pattern(v, false),
  ),
];

/** A typed vowel fits a pattern vowel when the bases agree and the typed one has the same shape or none yet. */
function fits(typed: Letter, wanted: Letter): boolean {
  return typed.base === wanted.base && (typed.shape === wanted.shape || typed.shape === 'none');
}

function nucleusPossible(nucleus: readonly Letter[], hasCoda: boolean): boolean {
  return NUCLEI.some((p) => {
    if (hasCoda ? !p.takesCoda || p.letters.length !== nucleus.length : p.letters.length < nucleus.length) {
      return false;
    }
    return nucleus.every((l, i) => fits(l, p.letters[i]!));
  });
}

const join = (letters: readonly Letter[]): string => letters.map(baseKey).join('');

/**
 * True when the letters with this tone are a Vietnamese syllable or the beginning of one.
 * Checks the alphabet, onset, nucleus, coda, the c/q, g/gh, ng/ngh spelling rules, the codas
 * ch/nh/ng after the right vowels, and that stop codas (c, ch, p, t) only take sắc or nặng.
 */
export function isPossibleSyllable(letters: readonly Letter[], tone: Tone): boolean {
  if (letters.length === 0) return tone === 'none';
  if (!letters.every((l) => ALPHABET.has(baseKey(l)))) return false;
  const { onset, nucleus, coda, rest } = splitSyllable(letters);
  if (rest.length > 0) return false;
  const onsetText = join(onset);
  if (nucleus.length === 0) return (ONSETS.has(onsetText) || onsetText === 'q') && tone === 'none';
  if (!ONSETS.has(onsetText)) return false;
  const first = nucleus[0]!;
  const front = first.base === 'e' || first.base === 'i' || first.base === 'y';
  // `k` also comes before a/o/u in proper names (Bắc Kạn, Kon Tum, Krông), so only gh and ngh are checked.
  if ((onsetText === 'gh' || onsetText === 'ngh') && !front) return false;
  if ((onsetText === 'c' || onsetText === 'ng' || onsetText === 'g') && front) {
    // "gì", "gìn": g + i is allowed (the `i` is the nucleus when nothing vowel follows it).
    if (!(onsetText === 'g' && first.base === 'i' && nucleus.length === 1)) return false;
  }
  if (onsetText === 'qu' && first.base === 'u') return false;
  if (!nucleusPossible(nucleus, coda.length > 0)) return false;
  const codaText = join(coda);
  if (!CODAS.has(codaText)) return false;
  const last = nucleus[nucleus.length - 1]!;
  if ((codaText === 'ch' || codaText === 'nh') && !['a', 'e', 'i', 'y'].includes(last.base)) return false;
  if (codaText === 'ng' && (last.base === 'i' || last.base === 'y')) return false;
  if (STOP_CODAS.has(codaText) && tone !== 'none' && tone !== 'sac' && tone !== 'nang') return false;
  return true;
}

const MODERN_PAIRS = new Set(['oa', 'oe', 'uy']);

/**
 * Index (in `letters`) of the vowel that carries the tone, or -1 when there is no vowel.
 *
 * 1. A vowel with a shape mark (ă â ê ô ơ ư) takes the tone; in ươ it is ơ (the last shaped one).
 * 2. Three vowels: the middle one (oái, khuỷu, ngoẹo), except uyê (on ê, even before the ê is typed).
 * 3. Two vowels followed by a coda: the second one (hoàn, toán, huých).
 * 4. Two vowels at the end: the first one (mùa, kìa, hai), except oa/oe/uy, which take it on the
 *    second vowel in the modern style (hoà, khoẻ, thuỷ) and on the first in the classic style
 *    (hòa, khỏe, thủy).
 * `qu` and `gi` belong to the onset (quý, giữ), see `splitSyllable`.
 */
export function tonePosition(letters: readonly Letter[], style: ToneStyle): number {
  let { nucleus, nucleusStart: start, coda } = splitSyllable(letters);
  if (nucleus.length === 0) {
    // Not a syllable shape (e.g. only consonants): fall back to the first run of vowels, if any.
    start = letters.findIndex(isVowel);
    if (start < 0) return -1;
    let end = start;
    while (end < letters.length && isVowel(letters[end]!)) end++;
    nucleus = letters.slice(start, end);
    coda = letters.slice(end, end + 1);
  }
  if (nucleus.length === 1) return start;
  for (let i = nucleus.length - 1; i >= 0; i--) {
    const shape = nucleus[i]!.shape;
    if (shape === 'hat' || shape === 'breve' || shape === 'horn') return start + i;
  }
  // uyê is the one group of three whose tone is not on the middle vowel (nguyễn, khuyến).
  if (nucleus.map((l) => l.base).join('') === 'uye') return start + 2;
  if (nucleus.length >= 3) return start + 1;
  if (coda.length > 0) return start + 1;
  const pair = nucleus.map((l) => l.base).join('');
  if (MODERN_PAIRS.has(pair) && style === 'modern') return start + 1;
  return start;
}

/**
 * The letter model of the input-method engine: a Vietnamese letter is a base (a–z), a shape mark
 * (circumflex, breve, horn, or the bar of đ) and a case. Tones belong to the syllable, not to a
 * letter: they are placed on one vowel only when the word is rendered (see `syllable.ts`).
 */

export type Tone = 'none' | 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';
export type Shape = 'none' | 'hat' | 'breve' | 'horn' | 'bar';

export interface Letter {
  /** Lower-case ASCII base letter, `a`–`z`. */
  readonly base: string;
  readonly shape: Shape;
  readonly upper: boolean;
  /** Set when the letter is an `ư` produced by a lone Telex `w` (undoing it gives back `w`). */
  readonly fromW?: boolean;
}

export const TONES: readonly Tone[] = ['none', 'sac', 'huyen', 'hoi', 'nga', 'nang'];

const TONE_MARK: Record<Tone, string> = {
  none: '',
  sac: '\u0301',
  huyen: '\u0300',
  hoi: '\u0309',
  nga: '\u0303',
  nang: '\u0323',
};
const MARK_TONE = new Map<string, Tone>(
  (Object.entries(TONE_MARK) as [Tone, string][]).filter(([t]) => t !== 'none').map(([t, m]) => [m, t]),
);

const SHAPE_MARK: Record<Exclude<Shape, 'bar'>, string> = {
  none: '',
  hat: '\u0302',
  breve: '\u0306',
  horn: '\u031B',
};
const MARK_SHAPE = new Map<string, Shape>([
  ['\u0302', 'hat'],
  ['\u0306', 'breve'],
  ['\u031B', 'horn'],
]);

export const VOWELS: ReadonlySet<string> = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** Which shape marks each base letter may carry. */
const ALLOWED_SHAPES: Readonly<Record<string, readonly Shape[]>> = {
  a: ['hat', 'breve'],
  e: ['hat'],
  o: ['hat', 'horn'],
  u: ['horn'],
  d: ['bar'],
};

export function canTakeShape(base: string, shape: Shape): boolean {
  return shape === 'none' || (ALLOWED_SHAPES[base]?.includes(shape) ?? false);
}

export function isVowel(letter: Letter): boolean {
  return VOWELS.has(letter.base);
}

/** The base for spelling rules: `đ` for barred d, otherwise the ASCII base. */
export function baseKey(letter: Letter): string {
  return letter.base === 'd' && letter.shape === 'bar' ? 'đ' : letter.base;
}

/** One letter as NFC text, with `tone` when it is the syllable's tone-bearing vowel. */
export function renderLetter(letter: Letter, tone: Tone): string {
  let text: string;
  if (letter.shape === 'bar') text = 'đ';
  else text = letter.base + SHAPE_MARK[letter.shape];
  text = (text + TONE_MARK[tone]).normalize('NFC');
  return letter.upper ? text.toUpperCase() : text;
}

export interface ParsedChar {
  readonly letter: Letter;
  readonly tone: Tone;
}

/**
 * Reads one character (any normalisation form) as a Vietnamese letter, or `null` when it is not one
 * (digits, punctuation, letters of other alphabets, marks a Vietnamese letter cannot carry).
 */
export function parseChar(char: string): ParsedChar | null {
  if (char === 'đ' || char === 'Đ')
    return { letter: { base: 'd', shape: 'bar', upper: char === 'Đ' }, tone: 'none' };
  const decomposed = [...char.normalize('NFD')];
  const head = decomposed[0];
  if (head === undefined) return null;
  const lower = head.toLowerCase();
  if (!/^[a-z]$/.test(lower)) return null;
  let shape: Shape = 'none';
  let tone: Tone = 'none';
  for (const mark of decomposed.slice(1)) {
    const s = MARK_SHAPE.get(mark);
    const t = MARK_TONE.get(mark);
    if (s !== undefined && shape === 'none') shape = s;
    else if (t !== undefined && tone === 'none') tone = t;
    else return null;
  }
  if (!canTakeShape(lower, shape)) return null;
  if (tone !== 'none' && !VOWELS.has(lower)) return null;
  return { letter: { base: lower, shape, upper: head !== lower }, tone };
}

/** A plain letter typed from a key (`a`, `A`, `ư`, `Đ`…). */
export function letterFromKey(key: string): ParsedChar | null {
  return [...key].length === 1 ? parseChar(key) : null;
}

/**
 * The shared core of the Telex and VNI engines: the state of the word being typed and the edit
 * operations a key can ask for (place a tone, add a circumflex, a horn, a breve, bar the d).
 * The methods (`telex.ts`, `vni.ts`) only map keys to these operations.
 */
import {
  canTakeShape,
  isVowel,
  letterFromKey,
  parseChar,
  renderLetter,
  type Letter,
  type Shape,
  type Tone,
} from './letters';
import { isPossibleSyllable, splitSyllable, tonePosition, type ToneStyle } from './syllable';

/** The word under the cursor. */
export interface Word {
  readonly letters: readonly Letter[];
  readonly tone: Tone;
  /** The keys as typed since the word began (shown instead when the word cannot be Vietnamese). */
  readonly raw: string;
  /**
   * Literal text once the word has left Vietnamese composition (a foreign word, or a modifier
   * undone by repeating it): every further key is appended as typed. `null` while composing.
   */
  readonly literal: string | null;
}

export const EMPTY_WORD: Word = { letters: [], tone: 'none', raw: '', literal: null };

/** An edit a key asks for. `hornOrBreve` is Telex `w`: ươ, ơ, ư or ă, whichever fits. */
export type Edit =
  | { readonly kind: 'tone'; readonly tone: Tone }
  | { readonly kind: 'hat'; readonly bases: readonly string[] }
  | { readonly kind: 'horn' }
  | { readonly kind: 'breve' }
  | { readonly kind: 'hornOrBreve' }
  | { readonly kind: 'bar' };

/** `applied`: the word changed; `undone`: the key repeated a mark, which was removed (key becomes literal); `none`: not applicable. */
export type EditResult =
  | { readonly kind: 'applied'; readonly word: Word }
  | { readonly kind: 'undone'; readonly word: Word }
  | { readonly kind: 'none' };

export function renderWord(word: Word, style: ToneStyle): string {
  if (word.literal !== null) return word.literal;
  const at = word.tone === 'none' ? -1 : tonePosition(word.letters, style);
  return word.letters.map((l, i) => renderLetter(l, i === at ? word.tone : 'none')).join('');
}

/** Rebuilds a word from text on screen (after a backspace), or `null` if the text is not made of letters. */
export function wordFromText(text: string, style: ToneStyle, composing: boolean): Word | null {
  const letters: Letter[] = [];
  let tone: Tone = 'none';
  for (const char of text) {
    const parsed = parseChar(char);
    if (parsed === null) return null;
    if (parsed.tone !== 'none') {
      if (tone !== 'none') return null;
      tone = parsed.tone;
    }
    letters.push(parsed.letter);
  }
  const word: Word = { letters, tone, raw: text, literal: null };
  if (renderWord(word, style) !== text) return null;
  if (composing && !isPossibleSyllable(letters, tone)) return { ...word, literal: text };
  return word;
}

function withShape(letter: Letter, shape: Shape): Letter {
  return { base: letter.base, shape, upper: letter.upper };
}

/** Nucleus positions (in the word) a horn goes on: both of u+o (ươ), else the first u or o. */
function hornTargets(letters: readonly Letter[], start: number, nucleus: readonly Letter[]): number[] {
  for (let i = 0; i + 1 < nucleus.length; i++) {
    if (nucleus[i]!.base === 'u' && nucleus[i + 1]!.base === 'o') return [start + i, start + i + 1];
  }
  const i = nucleus.findIndex((l) => l.base === 'u' || l.base === 'o');
  return i < 0 ? [] : [start + i];
}

interface ShapeChange {
  readonly at: readonly number[];
  readonly shape: Shape;
}

/** Where Telex `w` goes: ươ (uo), ă after o (oă: hoặc), else the first u/o (ư, ơ), else a (ă). */
function hornOrBreveChanges(
  letters: readonly Letter[],
  start: number,
  nucleus: readonly Letter[],
): ShapeChange[] {
  const pairs = hornTargets(letters, start, nucleus);
  if (pairs.length === 2) return [{ at: pairs, shape: 'horn' }];
  const oa = nucleus.findIndex((l, i) => l.base === 'o' && nucleus[i + 1]?.base === 'a');
  if (oa >= 0) return [{ at: [start + oa + 1], shape: 'breve' }];
  const first = nucleus.findIndex((l) => l.base === 'u' || l.base === 'o' || l.base === 'a');
  if (first < 0) return [];
  return [{ at: [start + first], shape: nucleus[first]!.base === 'a' ? 'breve' : 'horn' }];
}

function lastIndexWhere(nucleus: readonly Letter[], start: number, test: (l: Letter) => boolean): number[] {
  for (let i = nucleus.length - 1; i >= 0; i--) if (test(nucleus[i]!)) return [start + i];
  return [];
}

/** Applies a mark edit. Repeating a mark that is already there undoes it and makes the key literal. */
export function applyEdit(word: Word, edit: Edit, key: string, style: ToneStyle): EditResult {
  if (word.literal !== null) return { kind: 'none' };
  const { letters } = word;
  const { nucleus, nucleusStart, rest } = splitSyllable(letters);
  const hasVowel = nucleus.length > 0 && rest.length === 0;

  if (edit.kind === 'tone') {
    if (!hasVowel) return { kind: 'none' };
    if (edit.tone === 'none') {
      return word.tone === 'none' ? { kind: 'none' } : { kind: 'applied', word: { ...word, tone: 'none' } };
    }
    if (word.tone === edit.tone) return undo({ ...word, tone: 'none' }, key, style);
    return { kind: 'applied', word: { ...word, tone: edit.tone } };
  }

  if (edit.kind === 'bar') {
    const first = letters[0];
    if (first === undefined || first.base !== 'd') return { kind: 'none' };
    if (first.shape === 'bar')
      return undo({ ...word, letters: [withShape(first, 'none'), ...letters.slice(1)] }, key, style);
    return { kind: 'applied', word: { ...word, letters: [withShape(first, 'bar'), ...letters.slice(1)] } };
  }

  if (!hasVowel) return { kind: 'none' };
  let changes: ShapeChange[];
  switch (edit.kind) {
    case 'hat':
      changes = [
        { at: lastIndexWhere(nucleus, nucleusStart, (l) => edit.bases.includes(l.base)), shape: 'hat' },
      ];
      break;
    case 'breve':
      changes = [{ at: lastIndexWhere(nucleus, nucleusStart, (l) => l.base === 'a'), shape: 'breve' }];
      break;
    case 'horn':
      changes = [{ at: hornTargets(letters, nucleusStart, nucleus), shape: 'horn' }];
      break;
    case 'hornOrBreve':
      changes = hornOrBreveChanges(letters, nucleusStart, nucleus);
      break;
  }
  changes = changes.filter((c) => c.at.length > 0);
  if (changes.length === 0) return { kind: 'none' };
  const next = [...letters];
  let changed = false;
  for (const { at, shape } of changes) {
    for (const i of at) {
      const l = next[i]!;
      if (l.shape !== shape && canTakeShape(l.base, shape)) {
        next[i] = withShape(l, shape);
        changed = true;
      }
    }
  }
  if (changed) return { kind: 'applied', word: { ...word, letters: next } };
  // Every target already had the mark: repeating the key removes it ("aaa" → "aa", "uww" → "uw").
  const undoneShapes = new Set(changes.map((c) => c.shape));
  let keyLiteral = key;
  const undone = letters.map((l): Letter => {
    if (l.fromW === true && undoneShapes.has('horn')) {
      // A lone `w` that made `ư` gives back `w` in its place ("ww" → "w", "tww" → "tw").
      keyLiteral = '';
      return { base: 'w', shape: 'none', upper: l.upper };
    }
    return undoneShapes.has(l.shape) && isVowel(l) ? withShape(l, 'none') : l;
  });
  return undo({ ...word, letters: undone }, keyLiteral, style);
}

/**
 * The word after an undo, with the key typed as a plain letter. It stays in composition when it is
 * still Vietnamese ("xooo" → "xoo", so "xooongf" → "xoòng"), else it is literal from here on.
 */
function undo(word: Word, key: string, style: ToneStyle): EditResult {
  const parsed = key === '' ? null : letterFromKey(key);
  if (parsed !== null && parsed.tone === 'none' && word.letters.every((l) => l.base !== 'w')) {
    const letters = [...word.letters, parsed.letter];
    if (isPossibleSyllable(letters, word.tone)) return { kind: 'undone', word: { ...word, letters } };
  }
  return { kind: 'undone', word: { ...word, literal: renderWord(word, style) + key } };
}

/** Adds a letter as typed (no mark edit). */
export function appendLetter(word: Word, letter: Letter, tone: Tone): Word {
  return {
    ...word,
    letters: [...word.letters, letter],
    tone: tone !== 'none' ? tone : word.tone,
  };
}

/**
 * "ưo" is not a Vietnamese vowel group: once something follows the `o` (a letter or a tone), it
 * can only be "ươ" ("buwoir" → "bưởi", "uwong" → "ương").
 */
export function completeHorn(word: Word): Word {
  const { nucleus, nucleusStart } = splitSyllable(word.letters);
  const i = nucleus.findIndex((l, k) => l.base === 'u' && l.shape === 'horn' && nucleus[k + 1]?.base === 'o');
  if (i < 0) return word;
  const at = nucleusStart + i + 1;
  const o = word.letters[at]!;
  if (o.shape !== 'none') return word;
  if (at === word.letters.length - 1 && word.tone === 'none') return word;
  const letters = [...word.letters];
  letters[at] = withShape(o, 'horn');
  return { ...word, letters };
}

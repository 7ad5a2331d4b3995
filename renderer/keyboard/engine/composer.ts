/**
 * The composer: the whole field value, with the word under the cursor kept as letters + tone so
 * that later keys can still change it. Text is always typed and erased at the end of the field.
 */
import { CodedError } from '../../../common/errors';
import {
  appendLetter,
  applyEdit,
  completeHorn,
  EMPTY_WORD,
  renderWord,
  wordFromText,
  type Edit,
  type Word,
} from './core';
import { letterFromKey, type Tone } from './letters';
import { isPossibleSyllable, splitSyllable, type ToneStyle } from './syllable';
import { telexEdit } from './telex';
import { vniEdit } from './vni';

export type InputMethod = 'telex' | 'vni' | 'off';
export const INPUT_METHODS: readonly InputMethod[] = ['telex', 'vni', 'off'];

export interface ComposerOptions {
  /** `modern` (default): hoà, khoẻ, thuỷ. `classic`: hòa, khỏe, thủy. */
  readonly toneStyle?: ToneStyle;
}

export interface Composer {
  readonly method: InputMethod;
  readonly toneStyle: ToneStyle;
  /** The whole field value, NFC. */
  readonly text: string;
  /** Types a key: one character, or several (each is typed in turn). */
  type(key: string): void;
  /** Erases the last character on screen; the word before it becomes editable again. */
  backspace(): void;
  /** Ends the current word: later keys start a new word. */
  commit(): void;
  /** Tone row: puts (or, when it is already there, removes) a tone on the current word, whatever the method. */
  tone(tone: Tone): void;
  /** Replaces the field value (a change made outside the keyboard); the last word stays editable. */
  reset(text?: string): void;
  /** Switches method; the current word is committed first. */
  setMethod(method: InputMethod): void;
}

/** A programming error in the use of the keyboard engine (never shown to a citizen). */
export class KeyboardEngineError extends CodedError<'keyboard.unknown-method'> {
  override readonly name = 'KeyboardEngineError';
}

const TRAILING_LETTERS = /\p{L}+$/u;

class ComposerImpl implements Composer {
  private before = '';
  private word: Word = EMPTY_WORD;
  method: InputMethod;
  readonly toneStyle: ToneStyle;

  constructor(method: InputMethod, toneStyle: ToneStyle) {
    this.method = method;
    this.toneStyle = toneStyle;
  }

  get text(): string {
    return (this.before + renderWord(this.word, this.toneStyle)).normalize('NFC');
  }

  type(key: string): void {
    for (const char of key) this.typeChar(char);
  }

  private get composing(): boolean {
    return this.method !== 'off';
  }

  private wordActive(): boolean {
    return this.word.letters.length > 0 || this.word.literal !== null;
  }

  private typeChar(char: string): void {
    const word = this.word;
    if (this.method === 'vni' && /^[0-9]$/.test(char) && this.wordActive()) {
      if (word.literal !== null) return this.appendLiteral(char);
      const result = applyEdit(word, vniEdit(char)!, char, this.toneStyle);
      if (result.kind === 'none') return this.separator(char);
      return this.accept(result.word, char, result.kind === 'applied');
    }
    const parsed = letterFromKey(char);
    if (parsed === null) return this.separator(char);
    if (word.literal !== null) return this.appendLiteral(char);
    if (parsed.tone !== 'none' && word.tone !== 'none') {
      // A second toned vowel cannot belong to the same syllable: keep it as typed.
      return this.accept({ ...word, literal: renderWord(word, this.toneStyle) + char }, char, false);
    }
    const plainKey = parsed.letter.shape === 'none' && parsed.tone === 'none';
    const edit: Edit | undefined = this.method === 'telex' && plainKey ? telexEdit(char) : undefined;
    if (edit !== undefined) {
      const result = applyEdit(word, edit, char, this.toneStyle);
      if (result.kind !== 'none') return this.accept(result.word, char, result.kind === 'applied');
      if (edit.kind === 'hornOrBreve') {
        const { nucleus, rest } = splitSyllable(word.letters);
        if (nucleus.length === 0 && rest.length === 0) {
          const u = { base: 'u', shape: 'horn' as const, upper: parsed.letter.upper, fromW: true };
          return this.accept(appendLetter(word, u, 'none'), char, true);
        }
      }
    }
    return this.accept(appendLetter(word, parsed.letter, parsed.tone), char, true);
  }

  /**
   * Takes the new word. When `check` and the word can no longer be Vietnamese, a mark key is tried
   * as a plain letter instead ("ngoeo": the second `o` is a letter, not ô), and failing that the
   * keys are shown as typed.
   */
  private accept(next: Word, char: string, check: boolean): void {
    const raw = next.raw + char;
    if (!check || !this.composing || next.literal !== null) {
      this.word = { ...next, raw };
      return;
    }
    const fixed = completeHorn(next);
    if (isPossibleSyllable(fixed.letters, fixed.tone)) {
      this.word = { ...fixed, raw };
      return;
    }
    const parsed = letterFromKey(char);
    const previous = this.word;
    if (parsed !== null && previous.literal === null && next.letters.length <= previous.letters.length + 1) {
      const plain = completeHorn(appendLetter(previous, parsed.letter, parsed.tone));
      if (
        plain.letters.length === previous.letters.length + 1 &&
        isPossibleSyllable(plain.letters, plain.tone)
      ) {
        this.word = { ...plain, raw };
        return;
      }
    }
    this.word = { ...next, raw, literal: raw };
  }

  private appendLiteral(char: string): void {
    const literal = (this.word.literal ?? renderWord(this.word, this.toneStyle)) + char;
    this.word = { ...this.word, raw: this.word.raw + char, literal };
  }

  private separator(char: string): void {
    this.commit();
    this.before = (this.before + char).normalize('NFC');
  }

  commit(): void {
    this.before += renderWord(this.word, this.toneStyle);
    this.word = EMPTY_WORD;
  }

  backspace(): void {
    if (this.wordActive()) {
      const chars = [...renderWord(this.word, this.toneStyle)];
      chars.pop();
      this.word = EMPTY_WORD;
      this.before += chars.join('');
    } else {
      const chars = [...this.before];
      chars.pop();
      this.before = chars.join('');
    }
    this.reopenLastWord();
  }

  /** Makes the letters at the end of the text the current word again, if they round-trip. */
  private reopenLastWord(): void {
    const match = TRAILING_LETTERS.exec(this.before);
    if (match === null) return;
    const word = wordFromText(match[0], this.toneStyle, this.composing);
    if (word === null) return;
    this.before = this.before.slice(0, this.before.length - match[0].length);
    this.word = word;
  }

  tone(tone: Tone): void {
    const word = this.word;
    if (word.literal !== null) return;
    const { nucleus, rest } = splitSyllable(word.letters);
    if (nucleus.length === 0 || rest.length > 0) return;
    const next: Word = { ...word, tone: word.tone === tone ? 'none' : tone };
    this.word = { ...next, raw: renderWord(next, this.toneStyle) };
  }

  reset(text = ''): void {
    this.before = text.normalize('NFC');
    this.word = EMPTY_WORD;
    this.reopenLastWord();
  }

  setMethod(method: InputMethod): void {
    assertMethod(method);
    this.commit();
    this.method = method;
  }
}

function assertMethod(method: string): asserts method is InputMethod {
  if (!(INPUT_METHODS as readonly string[]).includes(method)) {
    throw new KeyboardEngineError(
      'keyboard.unknown-method',
      `Unknown input method "${method}" (expected telex, vni or off)`,
    );
  }
}

/** Creates a composer for one field. */
export function createComposer(method: InputMethod, options: ComposerOptions = {}): Composer {
  assertMethod(method);
  return new ComposerImpl(method, options.toneStyle ?? 'modern');
}

/** Types `keys` (a `\b` is a backspace) into a field holding `initial`; returns the field value. */
export function applyKeys(
  method: InputMethod,
  keys: string,
  initial = '',
  options: ComposerOptions = {},
): string {
  const composer = createComposer(method, options);
  composer.reset(initial);
  for (const char of keys) {
    if (char === '\b') composer.backspace();
    else composer.type(char);
  }
  return composer.text;
}

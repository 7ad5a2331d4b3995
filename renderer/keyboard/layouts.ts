/**
 * Keyboard layouts as data. Each key has a stable `id` (rendered as `data-key`, used by the
 * Playwright tests) and a kind that says what pressing it does. Letters and digits use themselves
 * as id (`a`, `7`), see README.md for the full list.
 */
import type { Tone } from './engine';

export type KeyboardLayout = 'text' | 'numeric' | 'email' | 'phone' | 'plate';

export type KeySpec =
  | { readonly id: string; readonly kind: 'char'; readonly text: string; readonly wide?: number }
  | { readonly id: 'space'; readonly kind: 'space'; readonly wide?: number }
  | { readonly id: 'backspace'; readonly kind: 'backspace'; readonly wide?: number }
  | { readonly id: 'shift'; readonly kind: 'shift'; readonly wide?: number }
  | { readonly id: 'done'; readonly kind: 'done'; readonly wide?: number }
  | { readonly id: string; readonly kind: 'tone'; readonly tone: Tone; readonly wide?: number }
  | { readonly id: string; readonly kind: 'methods'; readonly wide?: number };

export interface LayoutRow {
  readonly id: string;
  readonly keys: readonly KeySpec[];
}

const chars = (text: string): KeySpec[] => [...text].map((c) => ({ id: c, kind: 'char', text: c }));
const SPACE: KeySpec = { id: 'space', kind: 'space', wide: 5 };
const BACKSPACE: KeySpec = { id: 'backspace', kind: 'backspace', wide: 1.5 };
const SHIFT: KeySpec = { id: 'shift', kind: 'shift', wide: 1.5 };
const DONE: KeySpec = { id: 'done', kind: 'done', wide: 2 };

/** Letters with marks, for people who do not know Telex or VNI: tap "ư", then a tone below. */
export const QUICK_VOWELS = 'ăâđêôơư';
export const TONE_KEYS: readonly { readonly tone: Tone; readonly sample: string }[] = [
  { tone: 'sac', sample: 'á' },
  { tone: 'huyen', sample: 'à' },
  { tone: 'hoi', sample: 'ả' },
  { tone: 'nga', sample: 'ã' },
  { tone: 'nang', sample: 'ạ' },
];

const QWERTY: readonly LayoutRow[] = [
  { id: 'row-1', keys: chars('qwertyuiop') },
  { id: 'row-2', keys: chars('asdfghjkl') },
  { id: 'row-3', keys: [SHIFT, ...chars('zxcvbnm'), BACKSPACE] },
];

export interface LayoutOptions {
  /** The rows of quick vowels and tones (text layout). Default true. */
  readonly simpleRows?: boolean;
  /** Extra keys of the numeric pad, left of 0 (for example `/` for dates). */
  readonly extraKeys?: readonly string[];
}

export function layoutRows(layout: KeyboardLayout, options: LayoutOptions = {}): readonly LayoutRow[] {
  switch (layout) {
    case 'text':
      return [
        ...(options.simpleRows === false
          ? []
          : [
              { id: 'quick-vowels', keys: chars(QUICK_VOWELS) },
              {
                id: 'tones',
                keys: TONE_KEYS.map(({ tone }): KeySpec => ({ id: `tone-${tone}`, kind: 'tone', tone })),
              },
            ]),
        { id: 'digits', keys: chars('1234567890') },
        ...QWERTY,
        { id: 'bottom', keys: [{ id: 'methods', kind: 'methods', wide: 3 }, SPACE, DONE] },
      ];
    case 'email':
      return [
        { id: 'digits', keys: chars('1234567890') },
        ...QWERTY,
        {
          id: 'bottom',
          keys: [
            ...chars('@.-_'),
            { id: 'dotcom', kind: 'char', text: '.com', wide: 1.5 },
            { ...SPACE, wide: 2 },
            DONE,
          ],
        },
      ];
    case 'plate':
      // Number plates and penalty-decision numbers (common/vehicle): capital letters only (no shift, no
      // marks but Đ for "QĐ"), digits, and the separators printed on plates and decisions.
      return [
        { id: 'digits', keys: chars('1234567890') },
        { id: 'row-1', keys: chars('QWERTYUIOP') },
        { id: 'row-2', keys: chars('ASDFGHJKLĐ') },
        { id: 'row-3', keys: [...chars('ZXCVBNM'), BACKSPACE] },
        { id: 'bottom', keys: [...chars('-./'), { ...SPACE, wide: 2 }, DONE] },
      ];
    case 'phone':
      return [
        { id: 'row-1', keys: chars('123') },
        { id: 'row-2', keys: chars('456') },
        { id: 'row-3', keys: chars('789') },
        { id: 'row-4', keys: [...chars('+0'), { ...BACKSPACE, wide: 1 }] },
        { id: 'bottom', keys: [{ ...DONE, wide: 3 }] },
      ];
    case 'numeric':
      return [
        { id: 'row-1', keys: chars('123') },
        { id: 'row-2', keys: chars('456') },
        { id: 'row-3', keys: chars('789') },
        {
          id: 'row-4',
          keys: [
            ...(options.extraKeys ?? []).map((k): KeySpec => ({ id: k, kind: 'char', text: k })),
            ...chars('0'),
            { ...BACKSPACE, wide: 1 },
          ],
        },
        { id: 'bottom', keys: [{ ...DONE, wide: 3 }] },
      ];
  }
}

/** The input method a layout types with: only the text layout composes Vietnamese. */
export function layoutComposes(layout: KeyboardLayout): boolean {
  return layout === 'text';
}

export type ShiftState = 'off' | 'once' | 'lock';

/** off → once → lock → off. */
export function nextShift(shift: ShiftState): ShiftState {
  return shift === 'off' ? 'once' : shift === 'once' ? 'lock' : 'off';
}

/** The text a character key types with the shift state (letters only change case). */
export function keyText(text: string, shift: ShiftState): string {
  return shift === 'off' ? text : text.toUpperCase();
}

/** The shift state after typing a character: a one-shot shift is used up by a letter. */
export function shiftAfter(text: string, shift: ShiftState): ShiftState {
  return shift === 'once' && /\p{L}/u.test(text) ? 'off' : shift;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpeechKeysConfig } from '../../common/speech-keys';
import { WedgeDetector } from '../identify/wedge-detector';
import en from '../i18n/screens/speech.json';
import {
  BURST_GAP_MS,
  DEFAULT_SPEECH_KEYS,
  isPrintableKey,
  keyAction,
  keyHelpLines,
  keyHelpParts,
  partOfBurst,
  SPEECH_KEY_ACTIONS,
  SpeechKeyReader,
  stepFocus,
  type KeyHelpWords,
} from './speech-keys';

describe('keyAction', () => {
  it('maps the default keypad and F-keys, by code', () => {
    expect(keyAction({ code: 'NumpadAdd', key: '+' })).toBe('next');
    expect(keyAction({ code: 'NumpadSubtract', key: '-' })).toBe('previous');
    expect(keyAction({ code: 'NumpadMultiply', key: '*' })).toBe('read');
    expect(keyAction({ code: 'NumpadDivide', key: '/' })).toBe('repeat');
    expect(keyAction({ code: 'NumpadEnter', key: 'Enter' })).toBe('activate');
    expect(keyAction({ code: 'F1', key: 'F1' })).toBe('help');
    expect(keyAction({ code: 'F7', key: 'F7' })).toBe('next');
    expect(keyAction({ code: 'F9', key: 'F9' })).toBe('volumeDown');
    expect(keyAction({ code: 'AudioVolumeUp', key: 'AudioVolumeUp' })).toBe('volumeUp');
  });

  it('leaves what a text field or a scanner types alone: the main keys, Enter, digits on the keypad', () => {
    for (const [code, key] of [
      ['Equal', '+'], // Shift+= on the main keys: how a scanner types "+"
      ['Digit8', '*'],
      ['Minus', '-'],
      ['Slash', '/'],
      ['Enter', 'Enter'], // a scanner's suffix and a form's submit
      ['Tab', 'Tab'],
      ['Numpad7', '7'], // digits stay digits (an ID number typed on the keypad)
      ['KeyA', 'a'],
      ['Space', ' '],
    ])
      expect(keyAction({ code: code!, key: key! }), code).toBeNull();
  });

  it('a key with a modifier is never a speech key (Alt + keypad is how some scanners type)', () => {
    for (const mod of ['ctrlKey', 'altKey', 'metaKey', 'shiftKey', 'isComposing'] as const)
      expect(keyAction({ code: 'NumpadAdd', key: '+', [mod]: true })).toBeNull();
  });

  it('follows the configured keys; an action with no keys is off', () => {
    const keys = SpeechKeysConfig.parse({ next: 'F4', read: [], help: ['F1', 'NumpadDecimal'] });
    expect(keyAction({ code: 'F4', key: 'F4' }, keys)).toBe('next');
    expect(keyAction({ code: 'NumpadAdd', key: '+' }, keys)).toBeNull();
    expect(keyAction({ code: 'NumpadMultiply', key: '*' }, keys)).toBeNull();
    expect(keyAction({ code: 'NumpadDecimal', key: '.' }, keys)).toBe('help');
    expect(keys.previous).toEqual(DEFAULT_SPEECH_KEYS.previous);
  });
});

describe('speech.keys configuration', () => {
  it('defaults to the documented keys, each key serving one action', () => {
    expect(SpeechKeysConfig.parse(undefined)).toEqual(DEFAULT_SPEECH_KEYS);
    const all = SPEECH_KEY_ACTIONS.flatMap((a) => DEFAULT_SPEECH_KEYS[a]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('refuses keys a text field or a scanner needs, and a key given to two actions', () => {
    for (const bad of [
      'KeyA',
      'Digit1',
      'Enter',
      'Tab',
      'Space',
      'Numpad5',
      'Backspace',
      'Equal',
      'f1',
      'F5',
      'F11',
      'F12',
    ])
      expect(SpeechKeysConfig.safeParse({ next: bad }).success, bad).toBe(false);
    expect(SpeechKeysConfig.safeParse({ next: 'F2' }).success).toBe(false); // F2 is read's
    expect(SpeechKeysConfig.safeParse({ next: 'F2', read: 'F13' }).success).toBe(true);
  });
});

describe('scanner bursts', () => {
  it('a key within a burst gap of a printable key is part of the burst', () => {
    expect(partOfBurst(null, 1000)).toBe(false);
    expect(partOfBurst(1000, 1000 + BURST_GAP_MS - 1)).toBe(true);
    expect(partOfBurst(1000, 1000 + BURST_GAP_MS)).toBe(false);
    expect(partOfBurst(1000, 1000 + 400)).toBe(false); // a person's next key
    expect(isPrintableKey('+')).toBe(true);
    expect(isPrintableKey('F7')).toBe(false);
    expect(isPrintableKey('Enter')).toBe(false);
  });

  it('a single keypad key passes the wedge detector (not eaten), a scanner burst never yields a speech action', () => {
    // One keypad key alone: the wedge detector lets it through.
    const d = new WedgeDetector();
    for (const [i, code] of (['NumpadAdd', 'NumpadMultiply', 'NumpadEnter'] as const).entries()) {
      const key = code === 'NumpadEnter' ? 'Enter' : code === 'NumpadAdd' ? '+' : '*';
      expect(d.feed({ key, time: 1000 + i * 400 }).swallow).toBe(false);
    }
    // Any burst a scanner types (≤ 35 ms apart, then Enter or keypad Enter), with its operators from the main
    // keys or — in keypad emulation — from the number pad: no key of it is read as a speech action.
    fc.assert(
      fc.property(
        fc.constantFrom(...'0123456789ABCDEFabcdef'),
        fc.string({ unit: fc.constantFrom(...'0123456789|ABCDEFabcdef+-*/.:'), maxLength: 120 }),
        fc.array(fc.integer({ min: 1, max: 35 }), { minLength: 122, maxLength: 122 }),
        fc.boolean(),
        (first, rest, gaps, keypad) => {
          const reader = new SpeechKeyReader();
          let t = 5000;
          const strokes = [...(first + rest)].map((ch) => ({ code: keyCode(ch, keypad), key: ch }));
          strokes.push(keypad ? { code: 'NumpadEnter', key: 'Enter' } : { code: 'Enter', key: 'Enter' });
          strokes.forEach((s, i) => {
            expect(reader.feed(s, t)).toBeNull();
            t += gaps[i]!;
          });
          // A keypad key pressed alone after the burst is a command again, and so is the next one soon after.
          expect(reader.feed({ code: 'NumpadAdd', key: '+' }, t + 500)).toBe('next');
          expect(reader.feed({ code: 'NumpadAdd', key: '+' }, t + 520)).toBe('next');
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

/** The code a US-layout wedge scanner sends for a character (operators from the number pad in keypad mode). */
function keyCode(ch: string, keypad: boolean): string {
  if (/[0-9]/.test(ch)) return keypad ? `Numpad${ch}` : `Digit${ch}`;
  if (/[a-z]/i.test(ch)) return `Key${ch.toUpperCase()}`;
  const pad: Record<string, string> = {
    '+': 'NumpadAdd',
    '-': 'NumpadSubtract',
    '*': 'NumpadMultiply',
    '/': 'NumpadDivide',
    '.': 'NumpadDecimal',
  };
  const main: Record<string, string> = {
    '+': 'Equal',
    '-': 'Minus',
    '*': 'Digit8',
    '/': 'Slash',
    '.': 'Period',
    ':': 'Semicolon',
    '|': 'Backslash',
  };
  return (keypad ? pad[ch] : undefined) ?? main[ch]!;
}

describe('stepFocus (reading order)', () => {
  const order = ['a', 'b', 'c'];
  it('next and previous from the current control, wrapping round at either end', () => {
    expect(stepFocus(order, 'a', 1)).toEqual({ target: 'b', index: 1, wrapped: false });
    expect(stepFocus(order, 'c', 1)).toEqual({ target: 'a', index: 0, wrapped: true });
    expect(stepFocus(order, 'a', -1)).toEqual({ target: 'c', index: 2, wrapped: true });
    expect(stepFocus(order, 'b', -1)).toEqual({ target: 'a', index: 0, wrapped: false });
  });
  it('from nowhere (or a control no longer in the order): next is the first, previous the last', () => {
    expect(stepFocus(order, null, 1)?.target).toBe('a');
    expect(stepFocus(order, 'gone', -1)?.target).toBe('c');
    expect(stepFocus([], null, 1)).toBeNull();
  });
  it('on a new screen next starts at the content (`start`), previous goes to the control before it', () => {
    const page = ['call', 'size', 'lang', 'back', 'yes', 'no'];
    expect(stepFocus(page, null, 1, 3)).toEqual({ target: 'back', index: 3, wrapped: false });
    expect(stepFocus(page, null, -1, 3)).toEqual({ target: 'lang', index: 2, wrapped: false });
    expect(stepFocus(page, null, -1, 0)?.target).toBe('no');
    expect(stepFocus(page, null, 1, 99)?.target).toBe('no');
    // With a current control, `start` does not matter.
    expect(stepFocus(page, 'yes', 1, 0)?.target).toBe('no');
  });
  it('n presses of next visit every control once and come back (fuzzed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (n, start) => {
        const items = Array.from({ length: n }, (_, i) => i);
        let at: number | null = start % n;
        const seen = new Set<number>();
        for (let i = 0; i < n; i++) {
          at = stepFocus(items, at, 1)!.target;
          seen.add(at);
        }
        expect(seen.size).toBe(n);
        expect(at).toBe(start % n);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('key help', () => {
  const words = (lang: 'vi' | 'en'): KeyHelpWords => {
    const k = en[lang].keys;
    return {
      intro: k.intro,
      or: k.or,
      actions: k.actions,
      keyName: (code) =>
        /^F\d+$/.test(code)
          ? k.names.fKey.replace('{{key}}', code)
          : ((k.names as Record<string, string>)[code] ?? code),
    };
  };
  it('names every configured action with its keys, in vi and en, NFC', () => {
    const vi = keyHelpParts(DEFAULT_SPEECH_KEYS, words('vi'));
    expect(vi[0]!.text).toMatch(/^Hướng dẫn dùng phím/);
    expect(vi.map((p) => p.text)).toContain('phím F7 hoặc phím cộng trên bàn phím số: sang mục tiếp theo.');
    expect(vi).toHaveLength(1 + SPEECH_KEY_ACTIONS.length);
    const enParts = keyHelpParts(DEFAULT_SPEECH_KEYS, words('en'));
    expect(enParts.map((p) => p.text)).toContain(
      'F8 or the Enter key on the number pad: press or choose the selected item.',
    );
    for (const p of [...vi, ...enParts]) {
      expect(p.text.normalize('NFC')).toBe(p.text);
      expect(p.personal).toBeUndefined();
    }
  });
  it('leaves out an action with no keys', () => {
    const keys = { ...DEFAULT_SPEECH_KEYS, volumeUp: [], volumeDown: [] };
    expect(keyHelpLines(keys, words('vi')).map((l) => l.action)).not.toContain('volumeUp');
    expect(keyHelpParts(keys, words('vi'))).toHaveLength(1 + SPEECH_KEY_ACTIONS.length - 2);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyKeys, createComposer, KeyboardEngineError, type InputMethod } from './composer';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

describe('composer object', () => {
  it('types, erases and commits a whole name with Telex', () => {
    const c = createComposer('telex');
    for (const k of 'Nguyeenx Thij Huwowng') c.type(k);
    expect(c.text).toBe('Nguyễn Thị Hương');
    c.backspace();
    expect(c.text).toBe('Nguyễn Thị Hươn');
    c.type('g');
    c.commit();
    c.type('s');
    expect(c.text).toBe('Nguyễn Thị Hươngs');
  });

  it('accepts a key string of several characters (each typed in turn)', () => {
    const c = createComposer('vni');
    c.type('Nguye64n');
    expect(c.text).toBe('Nguyễn');
  });

  it('commit() closes the word: a later tone key is a plain letter', () => {
    const c = createComposer('telex');
    c.type('hoa');
    c.commit();
    c.type('f');
    expect(c.text).toBe('hoaf');
  });

  it('method "off" types every key as it is', () => {
    expect(applyKeys('off', 'Nguyeenx 2024 dd aa')).toBe('Nguyeenx 2024 dd aa');
  });

  it('quick vowels (ư, ơ, đ, â…) can be typed directly in every method', () => {
    for (const m of ['telex', 'vni', 'off'] as const) {
      expect(applyKeys(m, 'Hương')).toBe('Hương');
      expect(applyKeys(m, 'đi')).toBe('đi');
      expect(applyKeys(m, 'Nguyên')).toBe('Nguyên');
    }
  });

  it('the tone row puts, moves and removes a tone on the current word, whatever the method', () => {
    for (const m of ['telex', 'vni', 'off'] as const) {
      const c = createComposer(m);
      c.type('Nguyê');
      c.tone('nga');
      expect(c.text).toBe('Nguyễ');
      c.type('n');
      expect(c.text).toBe('Nguyễn');
      c.tone('sac');
      expect(c.text).toBe('Nguyến');
      c.tone('sac');
      expect(c.text).toBe('Nguyên');
    }
  });

  it('the tone row does nothing when there is no vowel to carry the tone', () => {
    const c = createComposer('telex');
    c.type('Ng');
    c.tone('huyen');
    expect(c.text).toBe('Ng');
    c.type(' ');
    c.tone('huyen');
    expect(c.text).toBe('Ng ');
  });

  it('the tone row follows the tone style', () => {
    const modern = createComposer('off');
    modern.type('hoa');
    modern.tone('huyen');
    expect(modern.text).toBe('hoà');
    const classic = createComposer('off', { toneStyle: 'classic' });
    classic.type('hoa');
    classic.tone('huyen');
    expect(classic.text).toBe('hòa');
  });

  it('reset() replaces the value and keeps its last word editable', () => {
    const c = createComposer('telex');
    c.type('abc');
    c.reset('Nguyen');
    expect(c.text).toBe('Nguyen');
    c.type('x');
    expect(c.text).toBe('Nguyẽn');
    c.type('e');
    expect(c.text).toBe('Nguyễn');
    c.reset();
    expect(c.text).toBe('');
  });

  it('reset() normalises to NFC', () => {
    const c = createComposer('telex');
    c.reset('Nguye\u0302\u0303n');
    expect(c.text).toBe('Nguyễn');
    c.type(' Thij');
    expect(c.text).toBe('Nguyễn Thị');
  });

  it('setMethod() commits the word and switches method', () => {
    const c = createComposer('telex');
    c.type('Vieetj');
    c.setMethod('vni');
    expect(c.method).toBe('vni');
    c.type(' Nam1');
    expect(c.text).toBe('Việt Nám');
    c.setMethod('off');
    c.type(' aa');
    expect(c.text).toBe('Việt Nám aa');
  });

  it('rejects an unknown method with a typed error', () => {
    expect(() => createComposer('vietnamese' as InputMethod)).toThrow(KeyboardEngineError);
    try {
      createComposer('x' as InputMethod);
    } catch (e) {
      expect((e as KeyboardEngineError).code).toBe('keyboard.unknown-method');
    }
    expect(() => createComposer('telex').setMethod('y' as InputMethod)).toThrow(KeyboardEngineError);
  });

  it('backspace on an empty field does nothing', () => {
    const c = createComposer('vni');
    c.backspace();
    c.backspace();
    expect(c.text).toBe('');
  });

  it('backspace erases a separator and reopens the word before it', () => {
    const c = createComposer('telex');
    c.type('Ha Noi, ');
    c.backspace();
    c.backspace();
    expect(c.text).toBe('Ha Noi');
    c.type('j');
    expect(c.text).toBe('Ha Nọi');
    c.type('o');
    expect(c.text).toBe('Ha Nội');
  });
});

describe('composer fuzz', () => {
  const methods = fc.constantFrom<InputMethod>('telex', 'vni', 'off');
  const keyChars = fc.constantFrom(
    ...'aAbcdDeEfghiIjklmnoOpqrsStuUvwWxyzZ0123456789 .,-@/\b'.split(''),
    'ư',
    'ơ',
    'đ',
    'Ê',
    'ế',
    'ạ',
    'ñ',
    '\u0301',
  );
  const keys = fc.array(keyChars, { maxLength: 40 }).map((a) => a.join(''));

  it('never throws, always returns NFC text', () => {
    fc.assert(
      fc.property(methods, keys, fc.constantFrom('modern', 'classic'), (m, k, style) => {
        const out = applyKeys(m, k, '', { toneStyle: style as 'modern' | 'classic' });
        return out === out.normalize('NFC');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('as many backspaces as characters on screen empty the field', () => {
    fc.assert(
      fc.property(methods, keys, (m, k) => {
        const c = createComposer(m);
        c.type(k.split('\b').join(''));
        const n = [...c.text].length;
        for (let i = 0; i < n; i++) c.backspace();
        return c.text === '';
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('each backspace removes exactly the last character on screen', () => {
    fc.assert(
      fc.property(methods, keys, (m, k) => {
        const c = createComposer(m);
        c.type(k.split('\b').join(''));
        const before = c.text;
        c.backspace();
        return c.text === [...before].slice(0, -1).join('').normalize('NFC');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('method "off" keeps plain ASCII text exactly as typed', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDZ0123456789 .@-') }),
        (s) => {
          return applyKeys('off', s) === s;
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('text without Telex mark keys passes through Telex unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'bcghiklmnpqtuvy0123456789 .,') }), (s) => {
        return applyKeys('telex', s) === s;
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

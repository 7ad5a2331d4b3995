import { describe, expect, it } from 'vitest';
import { keyText, layoutComposes, layoutRows, nextShift, shiftAfter } from './layouts';

describe('layouts', () => {
  it('shift cycles off → once → lock → off; a letter uses up a one-shot shift', () => {
    expect(nextShift('off')).toBe('once');
    expect(nextShift('once')).toBe('lock');
    expect(nextShift('lock')).toBe('off');
    expect(shiftAfter('a', 'once')).toBe('off');
    expect(shiftAfter('ư', 'once')).toBe('off');
    expect(shiftAfter('1', 'once')).toBe('once');
    expect(shiftAfter('a', 'lock')).toBe('lock');
  });

  it('shift makes letters upper case, including letters with marks', () => {
    expect(keyText('a', 'once')).toBe('A');
    expect(keyText('ư', 'lock')).toBe('Ư');
    expect(keyText('đ', 'once')).toBe('Đ');
    expect(keyText('a', 'off')).toBe('a');
    expect(keyText('@', 'once')).toBe('@');
  });

  it('only the text layout composes', () => {
    expect(layoutComposes('text')).toBe(true);
    expect(layoutComposes('email')).toBe(false);
    expect(layoutComposes('numeric')).toBe(false);
    expect(layoutComposes('phone')).toBe(false);
    expect(layoutComposes('plate')).toBe(false);
  });

  it('the plate layout types capitals, digits, Đ (for "QĐ") and the separators of plates and decisions', () => {
    const keys = layoutRows('plate').flatMap((r) => r.keys);
    const chars = keys.flatMap((k) => (k.kind === 'char' ? [k.text] : []));
    expect(chars.join('')).toBe('1234567890QWERTYUIOPASDFGHJKLĐZXCVBNM-./');
    expect(keys.some((k) => k.kind === 'shift' || k.kind === 'tone' || k.kind === 'methods')).toBe(false);
    expect(keys.filter((k) => k.kind === 'done' || k.kind === 'backspace')).toHaveLength(2);
  });

  it('the text layout has the QWERTY rows in order', () => {
    const rows = layoutRows('text');
    const ids = (id: string): string =>
      rows
        .find((r) => r.id === id)!
        .keys.map((k) => k.id)
        .join(' ');
    expect(ids('row-1')).toBe('q w e r t y u i o p');
    expect(ids('row-2')).toBe('a s d f g h j k l');
    expect(ids('row-3')).toBe('shift z x c v b n m backspace');
    expect(ids('bottom')).toBe('methods space done');
    expect(ids('quick-vowels')).toBe('ă â đ ê ô ơ ư');
    expect(ids('tones')).toBe('tone-sac tone-huyen tone-hoi tone-nga tone-nang');
  });
});

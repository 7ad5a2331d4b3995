/**
 * Every syllable of every Vietnamese province, district and commune name: the spell check accepts
 * the Vietnamese ones, and typing them in Telex and in VNI gives them back exactly.
 */
import { describe, expect, it } from 'vitest';
import { applyKeys } from './composer';
import { wordFromText } from './core';
import { parseChar, type Tone } from './letters';
import type { ToneStyle } from './syllable';
import data from './testdata/place-syllables.json';

const TELEX_TONE: Record<Tone, string> = { none: '', sac: 's', huyen: 'f', hoi: 'r', nga: 'x', nang: 'j' };
const VNI_TONE: Record<Tone, string> = { none: '', sac: '1', huyen: '2', hoi: '3', nga: '4', nang: '5' };
const TELEX_SHAPE = { none: '', hat: '=', breve: 'w', horn: 'w', bar: 'd' } as const;
const VNI_SHAPE = { none: '', hat: '6', breve: '8', horn: '7', bar: '9' } as const;

/** Keys a person would type: each letter followed by its mark key, the tone key at the end. */
function encode(word: string, method: 'telex' | 'vni'): string {
  let keys = '';
  let tone: Tone = 'none';
  let previous = '';
  for (const char of word) {
    const parsed = parseChar(char)!;
    const base = parsed.letter.upper ? parsed.letter.base.toUpperCase() : parsed.letter.base;
    const shape = method === 'telex' ? TELEX_SHAPE[parsed.letter.shape] : VNI_SHAPE[parsed.letter.shape];
    // Telex "oo" is ô; a plain double o (xoong, boòng) is typed "ooo".
    const plainOO = method === 'telex' && previous === 'o' && parsed.letter.base === 'o' && shape === '';
    keys += base + (shape === '=' ? parsed.letter.base : shape) + (plainOO ? base : '');
    previous = shape === '' ? parsed.letter.base : '';
    if (parsed.tone !== 'none') tone = parsed.tone;
  }
  return keys + (method === 'telex' ? TELEX_TONE[tone] : VNI_TONE[tone]);
}

/** The style the word is written in (both when it has no oa/oe/uy tone), or null if it does not round-trip. */
function styleOf(word: string): ToneStyle | null {
  if (wordFromText(word, 'modern', true) !== null) return 'modern';
  if (wordFromText(word, 'classic', true) !== null) return 'classic';
  return null;
}

const vietnamese = data.syllables.filter((w) => {
  const style = styleOf(w);
  return style !== null && wordFromText(w, style, true)!.literal === null;
});

describe('place-name syllables', () => {
  it('the spell check accepts the Vietnamese syllables of place names', () => {
    expect(data.syllables.length).toBeGreaterThan(2000);
    // The rest are Central Highlands spellings of minority languages (Krông, Pleiku, H'Bông…).
    expect(vietnamese.length).toBeGreaterThanOrEqual(1780);
    for (const must of [
      'quỳnh',
      'đắk',
      'lắk',
      'kạn',
      'hoà',
      'hòa',
      'thuỷ',
      'thủy',
      'nguyễn',
      'khuê',
      'ngọk',
    ]) {
      expect(vietnamese).toContain(must);
    }
  });

  it.each(['telex', 'vni'] as const)(
    'typing each one in %s gives it back (lower, Title and UPPER case)',
    (method) => {
      const wrong: string[] = [];
      for (const word of vietnamese) {
        const style = styleOf(word)!;
        for (const form of [word, word[0]!.toUpperCase() + word.slice(1), word.toUpperCase()]) {
          const out = applyKeys(method, encode(form, method), '', { toneStyle: style });
          if (out !== form) wrong.push(`${encode(form, method)} → ${out} (want ${form})`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});

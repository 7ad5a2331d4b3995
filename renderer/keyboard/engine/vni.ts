/**
 * VNI: digits after the letters carry the marks.
 * 1 sắc · 2 huyền · 3 hỏi · 4 ngã · 5 nặng · 0 removes the tone ·
 * 6 â ê ô · 7 ơ ư (uo7 → ươ) · 8 ă · 9 đ.
 * A digit may come anywhere after its vowel ("viet65" → "việt"); repeating it undoes it ("a11" → "a1").
 */
import type { Edit } from './core';

const EDITS: Readonly<Record<string, Edit>> = {
  '1': { kind: 'tone', tone: 'sac' },
  '2': { kind: 'tone', tone: 'huyen' },
  '3': { kind: 'tone', tone: 'hoi' },
  '4': { kind: 'tone', tone: 'nga' },
  '5': { kind: 'tone', tone: 'nang' },
  '0': { kind: 'tone', tone: 'none' },
  '6': { kind: 'hat', bases: ['a', 'e', 'o'] },
  '7': { kind: 'horn' },
  '8': { kind: 'breve' },
  '9': { kind: 'bar' },
};

/** The edit a VNI key asks for, or `undefined` when the key is not a VNI mark digit. */
export function vniEdit(key: string): Edit | undefined {
  return EDITS[key];
}

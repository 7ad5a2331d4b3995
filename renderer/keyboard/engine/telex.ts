/**
 * Telex: the letters themselves carry the marks.
 * s sắc · f huyền · r hỏi · x ngã · j nặng · z removes the tone ·
 * aa â · ee ê · oo ô · aw ă · ow ơ · uw ư · uow ươ · w alone ư · dd đ.
 * A mark key may come anywhere after its vowel ("vietej" → "việt"); repeating it undoes it ("ass" → "as").
 */
import type { Edit } from './core';

const EDITS: Readonly<Record<string, Edit>> = {
  s: { kind: 'tone', tone: 'sac' },
  f: { kind: 'tone', tone: 'huyen' },
  r: { kind: 'tone', tone: 'hoi' },
  x: { kind: 'tone', tone: 'nga' },
  j: { kind: 'tone', tone: 'nang' },
  z: { kind: 'tone', tone: 'none' },
  a: { kind: 'hat', bases: ['a'] },
  e: { kind: 'hat', bases: ['e'] },
  o: { kind: 'hat', bases: ['o'] },
  w: { kind: 'hornOrBreve' },
  d: { kind: 'bar' },
};

/** The edit a Telex key asks for, or `undefined` for a plain letter. */
export function telexEdit(key: string): Edit | undefined {
  return EDITS[key.toLowerCase()];
}

/**
 * Post-2025 administrative units (34 provinces, communes, no districts) and the mapping of pre-2025
 * addresses to them. Pure data + functions: safe in the renderer and the host.
 */
import { splitAddress, toPart } from './address-parts';
import { remapNew } from './remap-new';
import { remapOld } from './remap-old';
import type { RemapResult } from './remap-result';

export { communeByCodeOrNull, communes, provinces } from './units';
export type { Commune, CommuneType, Province, ProvinceType } from './units';
export type { OldUnitMatch, RemapResult } from './remap-result';
export { toneKey } from './name-keys';

/**
 * Maps an address read from a card (pre-2025 three-level names, with or without unit words, common
 * abbreviations) to a current commune. `unique` when the old commune went whole into one new commune,
 * `ambiguous` (with candidates) when it was split or the address names several units, `not-found`
 * otherwise. Addresses already written in the new two-level form are recognised too.
 * `detail` is what precedes the matched units (house number, street, village).
 */
export function remapOldAddress(text: string): RemapResult {
  const parts = splitAddress(text).map(toPart);
  if (parts.length === 0) return { status: 'not-found' };
  // Free text after the province (a landmark, a note) must not defeat the remap: try without it.
  for (let drop = 0; drop <= Math.min(2, parts.length - 1); drop++) {
    const kept = parts.slice(0, parts.length - drop);
    const r = remapOld(kept) ?? remapNew(kept);
    if (r) return r;
  }
  return { status: 'not-found' };
}

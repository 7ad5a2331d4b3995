import { communeByCodeOrNull, type Commune } from './units';

export interface OldUnitMatch {
  ward?: string;
  district: string;
  province: string;
}

export type RemapResult =
  | { status: 'unique'; unit: Commune; old?: OldUnitMatch; detail: string }
  | { status: 'ambiguous'; candidates: Commune[]; old?: OldUnitMatch; detail: string }
  | { status: 'not-found' };

function communesOf(codes: Iterable<string>): Commune[] {
  const out: Commune[] = [];
  for (const c of new Set(codes)) {
    const unit = communeByCodeOrNull(c);
    if (unit) out.push(unit);
  }
  return out;
}

/** One current commune → `unique`, several → `ambiguous` (the citizen chooses), none → `not-found`. */
export function result(codes: string[], detail: string, old?: OldUnitMatch): RemapResult {
  const units = communesOf(codes);
  if (units.length === 0) return { status: 'not-found' };
  if (units.length === 1) return { status: 'unique', unit: units[0]!, detail, ...(old ? { old } : {}) };
  return { status: 'ambiguous', candidates: units, detail, ...(old ? { old } : {}) };
}

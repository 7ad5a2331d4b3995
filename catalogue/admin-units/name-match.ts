import type { Level, NamedKey, Part } from './name-keys';

/** Exact (tone key) matches if any, else diacritic-free matches. */
export function matchByName<T extends NamedKey>(items: readonly T[], part: Part, level: Level): T[] {
  if (part.levels && !part.levels.includes(level)) return [];
  for (const field of ['key', 'bare'] as const) {
    const found = items.filter((i) => part.keys.some((k) => k[field] === i[field]));
    if (found.length > 1 && part.unit) {
      // "Thị trấn Mường Tè" and "Xã Mường Tè" can be neighbours: the unit word decides
      const sameUnit = found.filter((i) => i.unit === part.unit);
      if (sameUnit.length) return sameUnit;
    }
    if (found.length) return found;
  }
  return [];
}

/** Same matching as `matchByName`, through hash maps (for the country-wide lists). */
export class NameIndex<T extends NamedKey> {
  private readonly byKey = new Map<string, T[]>();
  private readonly byBare = new Map<string, T[]>();
  constructor(items: readonly T[]) {
    for (const i of items) {
      for (const [map, k] of [
        [this.byKey, i.key],
        [this.byBare, i.bare],
      ] as const) {
        const list = map.get(k);
        if (list) list.push(i);
        else map.set(k, [i]);
      }
    }
  }
  match(part: Part, level: Level): T[] {
    if (part.levels && !part.levels.includes(level)) return [];
    for (const map of [this.byKey, this.byBare]) {
      const found = [
        ...new Set(part.keys.flatMap((k) => map.get(map === this.byKey ? k.key : k.bare) ?? [])),
      ];
      if (found.length > 1 && part.unit) {
        const sameUnit = found.filter((i) => i.unit === part.unit);
        if (sameUnit.length) return sameUnit;
      }
      if (found.length) return found;
    }
    return [];
  }
}

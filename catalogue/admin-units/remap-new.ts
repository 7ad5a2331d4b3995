import { detailOf } from './address-parts';
import { nameKeys, type Keys, type NamedKey, type Part } from './name-keys';
import { matchByName, NameIndex } from './name-match';
import { result, type RemapResult } from './remap-result';
import { communesByProvince, provinces, type Commune } from './units';

type CommuneKey = Keys & { unit: string | null; c: Commune };

let newProvinceKeys: (NamedKey & { code: string })[] | null = null;
let newCommuneKeys: Map<string, CommuneKey[]> | null = null;
let communeIndex: NameIndex<CommuneKey> | null = null;

function allCommunes(): NameIndex<CommuneKey> {
  communeIndex ??= new NameIndex(provinces().flatMap((p) => communeKeys(p.code)));
  return communeIndex;
}

function communeKeys(provinceCode: string): CommuneKey[] {
  newCommuneKeys ??= new Map(
    [...communesByProvince].map(([p, list]) => [p, list.map((c) => ({ c, ...nameKeys(c.fullName) }))]),
  );
  return newCommuneKeys.get(provinceCode) ?? [];
}

/** An address already in the new two-level form (commune, province); null when no commune is recognised. */
export function remapNew(parts: Part[]): RemapResult | null {
  newProvinceKeys ??= provinces().map((p) => ({ code: p.code, ...nameKeys(p.fullName) }));
  const last = parts[parts.length - 1]!;
  const provs = matchByName(newProvinceKeys, last, 'province');
  const cPart = parts[parts.length - (provs.length ? 2 : 1)];
  if (!cPart) return null;
  const matches = provs.length
    ? matchByName(
        provs.flatMap((p) => communeKeys(p.code)),
        cPart,
        'ward',
      )
    : allCommunes().match(cPart, 'ward');
  const found = matches.map((k) => k.c);
  if (!found.length) return null;
  return result(
    found.map((c) => c.code),
    detailOf(parts, provs.length ? 2 : 1),
  );
}

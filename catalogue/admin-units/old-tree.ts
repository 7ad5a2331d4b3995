/** The pre-2025 tree (63 provinces, districts, communes) from `data.json`, each unit with the current commune codes. */
import { nameKeys, type Keys } from './name-keys';
import { NameIndex } from './name-match';
import { data } from './units';

export interface OldWard {
  code: string;
  fullName: string;
  bare: string;
  key: string;
  unit: string | null;
  targets: string[];
}
export interface OldDistrict {
  code: string;
  fullName: string;
  bare: string;
  key: string;
  unit: string | null;
  wards: OldWard[];
  islandTargets: string[] | null;
}
export interface OldProvince {
  code: string;
  fullName: string;
  bare: string;
  key: string;
  unit: string | null;
  districts: OldDistrict[];
}

let oldIndex: OldProvince[] | null = null;
let districtIndex: NameIndex<Keys & { unit: string | null; p: OldProvince; d: OldDistrict }> | null = null;

/** Every old district of the country (when the address names no province). Built on first use. */
export function allDistricts(): NameIndex<Keys & { unit: string | null; p: OldProvince; d: OldDistrict }> {
  districtIndex ??= new NameIndex(
    oldTree().flatMap((p) => p.districts.map((d) => ({ key: d.key, bare: d.bare, unit: d.unit, p, d }))),
  );
  return districtIndex;
}

/** The old tree with the name keys of every unit. Built on first use. */
export function oldTree(): OldProvince[] {
  if (oldIndex) return oldIndex;
  oldIndex = data.oldProvinces.map(([code, fullName, districts]) => ({
    code,
    fullName,
    ...nameKeys(fullName),
    districts: districts.map(([dcode, dname, wards, island]) => ({
      code: dcode,
      fullName: dname,
      ...nameKeys(dname),
      islandTargets: island ? island.split(',') : null,
      wards: wards.map(([wcode, wname, targets]) => ({
        code: wcode,
        fullName: wname,
        ...nameKeys(wname),
        targets: targets.split(','),
      })),
    })),
  }));
  return oldIndex;
}

/** Compact row shapes of `data.json` (see build.ts). Arrays keep the file small. */

/** [code, name without unit word, type letter] */
export type NewCommuneRow = [code: string, name: string, type: string];
/** [code, name without unit word, type letter, communes] */
export type NewProvinceRow = [code: string, name: string, type: string, communes: NewCommuneRow[]];
/** [code, full name with unit word, new commune codes joined by ','] */
export type OldWardRow = [code: string, fullName: string, newCodes: string];
/** [code, full name, wards, new codes for island districts without communes?] */
export type OldDistrictRow = [code: string, fullName: string, wards: OldWardRow[], islandTargets?: string];
export type OldProvinceRow = [code: string, fullName: string, districts: OldDistrictRow[]];

export interface AdminUnitData {
  meta: Record<string, string>;
  provinces: NewProvinceRow[];
  oldProvinces: OldProvinceRow[];
}

/** The history layer: names older than the 01/03/2025 tree (history.json; see the README). */
import history from './history.json';
import { nameKeys, toneKey, type Keys, type Part } from './name-keys';
import { matchByName } from './name-match';
import { oldTree, type OldDistrict, type OldProvince } from './old-tree';

interface HistoryData {
  provinces: { old: string; current: string }[];
  districts: { province: string; old: string; current: string[] }[];
}
const hist = history as unknown as HistoryData;
let histProvinces: (Keys & { unit: string | null; current: string })[] | null = null;

/** Old province names (Tỉnh Thừa Thiên Huế) → the province of the 01/03/2025 tree. */
export function historyProvinces(part: Part): OldProvince[] {
  histProvinces ??= hist.provinces.map((h) => ({ ...nameKeys(h.old), current: h.current }));
  const names = new Set(matchByName(histProvinces, part, 'province').map((h) => h.current));
  return oldTree().filter((p) => names.has(p.fullName));
}

/** Old district names (the former city of Huế) → the districts that replaced it in the same province. */
export function historyDistricts(provinces: OldProvince[], part: Part): { p: OldProvince; d: OldDistrict }[] {
  const scope = provinces.length ? provinces : oldTree();
  const out: { p: OldProvince; d: OldDistrict }[] = [];
  for (const p of scope) {
    const rows = hist.districts
      .filter((h) => toneKey(h.province) === toneKey(p.fullName))
      .map((h) => ({ ...nameKeys(h.old), current: h.current }));
    for (const h of matchByName(rows, part, 'district'))
      for (const name of h.current) {
        const d = p.districts.find((x) => toneKey(x.fullName) === toneKey(name));
        if (d) out.push({ p, d });
      }
  }
  return out;
}

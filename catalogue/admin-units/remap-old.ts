import { detailOf } from './address-parts';
import { historyDistricts, historyProvinces } from './history-layer';
import type { Part } from './name-keys';
import { matchByName } from './name-match';
import { allDistricts, oldTree, type OldDistrict, type OldProvince, type OldWard } from './old-tree';
import { result, type RemapResult } from './remap-result';

/**
 * An address in the pre-2025 three-level form, matched from the right (province, district, commune) against the
 * old tree and the history layer; null when no district is recognised.
 */
export function remapOld(parts: Part[]): RemapResult | null {
  const tree = oldTree();
  const last = parts[parts.length - 1]!;
  let provinces = matchByName(tree, last, 'province');
  if (!provinces.length) provinces = historyProvinces(last);
  let used = provinces.length ? 1 : 0;

  // district: the next part from the right (anywhere in the country when no province was recognised)
  const dPart = parts[parts.length - 1 - used];
  if (!dPart) return null;
  let districts = provinces.length
    ? provinces.flatMap((p) => matchByName(p.districts, dPart, 'district').map((d) => ({ p, d })))
    : allDistricts().match(dPart, 'district');
  if (!districts.length) districts = historyDistricts(provinces, dPart);
  if (!districts.length) return null;
  used += 1;

  const wPart = parts[parts.length - 1 - used];
  const candidates: { p: OldProvince; d: OldDistrict; w: OldWard | null }[] = [];
  if (wPart) {
    for (const { p, d } of districts)
      for (const w of matchByName(d.wards, wPart, 'ward')) candidates.push({ p, d, w });
  }
  if (candidates.length) {
    used += 1;
    const codes = candidates.flatMap((c) => c.w!.targets);
    const first = candidates[0]!;
    const old =
      candidates.length === 1
        ? { ward: first.w!.fullName, district: first.d.fullName, province: first.p.fullName }
        : undefined;
    return result(codes, detailOf(parts, used), old);
  }
  // No commune named (or not found): an island district maps whole; otherwise every commune the district went into.
  const codes = districts.flatMap(({ d }) => d.islandTargets ?? d.wards.flatMap((w) => w.targets));
  const first = districts[0]!;
  const old = districts.length === 1 ? { district: first.d.fullName, province: first.p.fullName } : undefined;
  return result(codes, detailOf(parts, used), old);
}

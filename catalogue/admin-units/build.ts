/**
 * Derives the kiosk's compact admin-unit data from /work/shared/data/admin-units (see its README).
 * Run: `npx tsx catalogue/admin-units/build.ts [sourceDir]` — writes `catalogue/admin-units/data.json`.
 * Keeps only codes, names, the province of each commune and the old → new mapping.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdminUnitData, OldProvinceRow, NewProvinceRow } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = process.argv[2] ?? '/work/shared/data/admin-units';

interface SrcWard {
  code: string;
  name: string;
  fullName: string;
  type: string;
  provinceCode: string;
}
interface SrcProvince {
  code: string;
  name: string;
  fullName: string;
  type: string;
  wards: SrcWard[];
}
interface SrcOld {
  provinces: {
    code: string;
    fullName: string;
    districts: { code: string; fullName: string; wards: { code: string; fullName: string }[] }[];
  }[];
}
interface SrcMap {
  columns: string[];
  rows: (string | number)[][];
}

const TYPE_CODE: Record<string, string> = {
  phuong: 'P',
  xa: 'X',
  dac_khu: 'D',
  thanh_pho_tw: 'T',
  tinh: 'N',
};

function read<T>(name: string): T {
  return JSON.parse(readFileSync(join(sourceDir, name), 'utf8')) as T;
}

export function build(): AdminUnitData {
  const units = read<{ provinces: SrcProvince[] }>('units.json');
  const old = read<SrcOld>('old-units-before-2025-07-01.json');
  const map = read<SrcMap>('old-to-new.json');
  const col = (n: string): number => {
    const i = map.columns.indexOf(n);
    if (i < 0) throw new Error(`column ${n} missing`);
    return i;
  };
  const oldWard = col('old_ward_code');
  const oldDistrict = col('old_district_code');
  const newWard = col('new_ward_code');

  const byOldWard = new Map<string, string[]>();
  const byOldDistrict = new Map<string, string[]>(); // island districts with no communes
  for (const r of map.rows) {
    const w = String(r[oldWard] ?? '');
    const key = w || `d${String(r[oldDistrict])}`;
    const target = byOldWard.get(key) ?? [];
    const code = String(r[newWard]);
    if (!target.includes(code)) target.push(code);
    byOldWard.set(key, target);
    if (!w) byOldDistrict.set(String(r[oldDistrict]), target);
  }

  const provinces: NewProvinceRow[] = units.provinces.map((p) => [
    p.code,
    p.name,
    TYPE_CODE[p.type] ?? '?',
    p.wards.map((w) => [w.code, w.name, TYPE_CODE[w.type] ?? '?'] as [string, string, string]),
  ]);
  const oldProvinces: OldProvinceRow[] = old.provinces.map((p) => [
    p.code,
    p.fullName,
    p.districts.map((d) => [
      d.code,
      d.fullName,
      d.wards.map((w) => {
        const targets = byOldWard.get(w.code);
        if (!targets) throw new Error(`old ward ${w.code} has no mapping`);
        return [w.code, w.fullName, targets.join(',')] as [string, string, string];
      }),
      ...(byOldDistrict.has(d.code) ? [byOldDistrict.get(d.code)!.join(',')] : []),
    ]) as OldProvinceRow[2],
  ]);
  return {
    meta: {
      source:
        'derived from /work/shared/data/admin-units (units.json, old-units-before-2025-07-01.json, old-to-new.json) by catalogue/admin-units/build.ts',
      types: 'P phường, X xã, D đặc khu, T thành phố trực thuộc trung ương, N tỉnh',
      mapping:
        'old ward row: [code, fullName, newCommuneCodes comma-joined]; more than one code = the old commune was split',
    },
    provinces,
    oldProvinces,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const data = build();
  const out = join(here, 'data.json');
  writeFileSync(out, JSON.stringify(data) + '\n');
  console.log(`wrote ${out}`);
}

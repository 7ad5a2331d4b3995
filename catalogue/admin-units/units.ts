/** The post-2025 tree from `data.json`: 34 provinces and their communes, wards and special zones. */
import raw from './data.json';
import type { AdminUnitData } from './types';

export const data = raw as unknown as AdminUnitData;

export type ProvinceType = 'city' | 'province';
export type CommuneType = 'ward' | 'commune' | 'special-zone';

export interface Province {
  code: string;
  name: string;
  fullName: string;
  type: ProvinceType;
}
export interface Commune {
  code: string;
  name: string;
  fullName: string;
  type: CommuneType;
  provinceCode: string;
  provinceName: string;
}

const COMMUNE_WORD: Record<string, [string, CommuneType]> = {
  P: ['Phường', 'ward'],
  X: ['Xã', 'commune'],
  D: ['Đặc khu', 'special-zone'],
};

const provinceList: Province[] = data.provinces.map(([code, name, type]) => ({
  code,
  name,
  fullName: `${type === 'T' ? 'Thành phố' : 'Tỉnh'} ${name}`,
  type: type === 'T' ? 'city' : 'province',
}));
const communeByCode = new Map<string, Commune>();
export const communesByProvince = new Map<string, Commune[]>();
for (const [pcode, pname, , rows] of data.provinces) {
  const list = rows.map(([code, name, t]): Commune => {
    const [word, type] = COMMUNE_WORD[t] ?? ['Xã', 'commune'];
    return { code, name, fullName: `${word} ${name}`, type, provinceCode: pcode, provinceName: pname };
  });
  for (const c of list) communeByCode.set(c.code, c);
  communesByProvince.set(pcode, list);
}

/** The 34 provinces and centrally-run cities, in official code order. */
export function provinces(): readonly Province[] {
  return provinceList;
}

/** The communes, wards and special zones of a province (empty for an unknown code). */
export function communes(provinceCode: string): readonly Commune[] {
  return communesByProvince.get(provinceCode) ?? [];
}

export function communeByCodeOrNull(code: string): Commune | null {
  return communeByCode.get(code) ?? null;
}

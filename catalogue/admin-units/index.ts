/**
 * Post-2025 administrative units (34 provinces, communes, no districts) and the mapping of pre-2025
 * addresses to them. Pure data + functions: safe in the renderer and the host.
 */
import { foldForSearch, nfc } from '../../common/text/vietnamese';
import raw from './data.json';
import history from './history.json';
import type { AdminUnitData } from './types';

const data = raw as unknown as AdminUnitData;

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

export interface OldUnitMatch {
  ward?: string;
  district: string;
  province: string;
}

export type RemapResult =
  | { status: 'unique'; unit: Commune; old?: OldUnitMatch; detail: string }
  | { status: 'ambiguous'; candidates: Commune[]; old?: OldUnitMatch; detail: string }
  | { status: 'not-found' };

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
const communesByProvince = new Map<string, Commune[]>();
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

// ---------------------------------------------------------------------------------------------
// Name keys

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Tone-placement-insensitive key ("Hoà" = "Hòa", "Thuỷ" = "Thủy"), apostrophes unified, lower case.
 * Vowel shapes (â, ă, ơ, ư, ê, ô, đ) and the tone itself still count.
 */
export function toneKey(text: string): string {
  return nfc(text)
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => {
      const d = word.normalize('NFD');
      const tones = (d.match(TONES) ?? []).join('');
      return d.replace(TONES, '').normalize('NFC') + tones;
    })
    .join(' ');
}

/** Diacritic-free key (fallback when the card's spelling differs in a mark). */
function looseKey(text: string): string {
  return foldForSearch(text).replace(/[’‘`´]/g, "'");
}

type Level = 'province' | 'district' | 'ward';

/** Folds each code point on its own so that positions in the folded text match the original. */
function foldSameLength(text: string): { chars: string[]; folded: string } {
  const chars = [...text];
  const folded = chars
    .map((ch) => {
      const f = ch
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .replace(/[đĐ]/g, 'd')
        .toLowerCase();
      return f.length === 1 ? f : ch.toLowerCase();
    })
    .join('');
  return { chars, folded };
}

/** Unit words as printed on cards, and their abbreviations. */
const UNIT_RE =
  /^(?:(thanh pho truc thuoc trung uong|thanh pho|tinh|thi xa|thi tran|huyen|quan|phuong|xa|dac khu)(?:\s+|\.\s*)|(tp|tx|tt)(?:\.\s*|\s+)|(h|x)\.\s*|(q|p)(?:\.\s*|\s*(?=\d)))/;
const UNIT_LEVELS: Record<string, Level[]> = {
  'thanh pho truc thuoc trung uong': ['province'],
  'thanh pho': ['province', 'district'],
  tp: ['province', 'district'],
  tinh: ['province'],
  'thi xa': ['district'],
  tx: ['district'],
  huyen: ['district'],
  h: ['district'],
  quan: ['district'],
  q: ['district'],
  'thi tran': ['ward'],
  tt: ['ward'],
  phuong: ['ward'],
  p: ['ward'],
  xa: ['ward'],
  x: ['ward'],
  'dac khu': ['ward'],
};

interface Keys {
  /** diacritic-free name */
  bare: string;
  /** tone-placement-insensitive name */
  key: string;
}
interface Part {
  raw: string;
  /** keys without the unit word, then (if a unit word was cut) of the whole text: "Tịnh Biên" is not "Tỉnh Biên" */
  keys: Keys[];
  levels: Level[] | null;
  /** the unit word written ("thi tran", "xa"…), canonical */
  unit: string | null;
}

/** "05" and "5" are the same ward number. */
function normaliseNumber(s: string): string {
  return /^0*\d+$/.test(s) ? String(Number(s)) : s;
}

function keysOf(text: string): Keys {
  const t = text.replace(/\s*[-–]\s*/g, ' ');
  return { bare: normaliseNumber(looseKey(t)), key: normaliseNumber(toneKey(t)) };
}

const UNIT_CANONICAL: Record<string, string> = {
  tp: 'thanh pho',
  tx: 'thi xa',
  tt: 'thi tran',
  h: 'huyen',
  q: 'quan',
  p: 'phuong',
  x: 'xa',
};

function stripUnit(text: string): { name: string; levels: Level[] | null; unit: string | null } {
  const clean = nfc(text).trim();
  const { chars, folded } = foldSameLength(clean);
  const m = UNIT_RE.exec(folded);
  if (!m || m[0].length >= folded.length) return { name: clean, levels: null, unit: null };
  const word = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
  return {
    name: chars.slice(m[0].length).join('').trim(),
    levels: UNIT_LEVELS[word] ?? null,
    unit: UNIT_CANONICAL[word] ?? word,
  };
}

/** Keys of a unit's official full name (always starts with its unit word). */
function nameKeys(fullName: string): Keys & { unit: string | null } {
  const { name, unit } = stripUnit(fullName);
  return { ...keysOf(name), unit };
}

// ---------------------------------------------------------------------------------------------
// Old tree index

interface OldWard {
  code: string;
  fullName: string;
  bare: string;
  key: string;
  unit: string | null;
  targets: string[];
}
interface OldDistrict {
  code: string;
  fullName: string;
  bare: string;
  key: string;
  unit: string | null;
  wards: OldWard[];
  islandTargets: string[] | null;
}
interface OldProvince {
  code: string;
  fullName: string;
  bare: string;
  key: string;
  unit: string | null;
  districts: OldDistrict[];
}

let oldIndex: OldProvince[] | null = null;
let districtIndex: NameIndex<Keys & { unit: string | null; p: OldProvince; d: OldDistrict }> | null = null;
function allDistricts(): NameIndex<Keys & { unit: string | null; p: OldProvince; d: OldDistrict }> {
  districtIndex ??= new NameIndex(
    oldTree().flatMap((p) => p.districts.map((d) => ({ key: d.key, bare: d.bare, unit: d.unit, p, d }))),
  );
  return districtIndex;
}
function oldTree(): OldProvince[] {
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

type NamedKey = Keys & { unit?: string | null };

/** Exact (tone key) matches if any, else diacritic-free matches. */
function matchByName<T extends NamedKey>(items: readonly T[], part: Part, level: Level): T[] {
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
class NameIndex<T extends NamedKey> {
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

const PROVINCE_ALIASES = new Map<string, string>(
  Object.entries({
    hcm: 'Hồ Chí Minh',
    tphcm: 'Hồ Chí Minh',
    'tp hcm': 'Hồ Chí Minh',
    'tp.hcm': 'Hồ Chí Minh',
    'sai gon': 'Hồ Chí Minh',
    hn: 'Hà Nội',
    'tp hn': 'Hà Nội',
    'tt hue': 'Thừa Thiên Huế',
    'thua thien - hue': 'Thừa Thiên Huế',
  }),
);

function toPart(raw: string): Part {
  const alias =
    PROVINCE_ALIASES.get(
      looseKey(raw)
        .replace(/\s*\.\s*/g, '.')
        .replace(/\.(?=\S)/, ' '),
    ) ?? PROVINCE_ALIASES.get(looseKey(raw));
  if (alias) return { raw, keys: [keysOf(alias)], levels: ['province'], unit: null };
  const { name, levels, unit } = stripUnit(raw);
  const keys = [keysOf(name)];
  if (name !== nfc(raw).trim()) keys.push(keysOf(raw));
  return { raw, keys, levels, unit };
}

function communesOf(codes: Iterable<string>): Commune[] {
  const out: Commune[] = [];
  for (const c of new Set(codes)) {
    const unit = communeByCode.get(c);
    if (unit) out.push(unit);
  }
  return out;
}

function result(codes: string[], detail: string, old?: OldUnitMatch): RemapResult {
  const units = communesOf(codes);
  if (units.length === 0) return { status: 'not-found' };
  if (units.length === 1) return { status: 'unique', unit: units[0]!, detail, ...(old ? { old } : {}) };
  return { status: 'ambiguous', candidates: units, detail, ...(old ? { old } : {}) };
}

/** Splits an address into its comma-separated parts (also " - " and line breaks). */
function splitAddress(text: string): string[] {
  // a parenthetical is a note ("(gần chợ)"), never part of a unit name; one that holds commas is cut first
  return nfc(text)
    .replace(/\s*\([^()]*\)/g, '')
    .split(/,|\n|;/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .filter((p, i, all) => !(i === all.length - 1 && /^(viet nam|vietnam|vn)$/.test(foldForSearch(p))));
}

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

function detailOf(parts: Part[], count: number): string {
  return parts
    .slice(0, parts.length - count)
    .map((p) => p.raw)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// History layer: names older than the 01/03/2025 tree (history.json)

interface HistoryData {
  provinces: { old: string; current: string }[];
  districts: { province: string; old: string; current: string[] }[];
}
const hist = history as unknown as HistoryData;
let histProvinces: (Keys & { unit: string | null; current: string })[] | null = null;

/** Old province names (Tỉnh Thừa Thiên Huế) → the province of the 01/03/2025 tree. */
function historyProvinces(part: Part): OldProvince[] {
  histProvinces ??= hist.provinces.map((h) => ({ ...nameKeys(h.old), current: h.current }));
  const names = new Set(matchByName(histProvinces, part, 'province').map((h) => h.current));
  return oldTree().filter((p) => names.has(p.fullName));
}

/** Old district names (the former city of Huế) → the districts that replaced it in the same province. */
function historyDistricts(provinces: OldProvince[], part: Part): { p: OldProvince; d: OldDistrict }[] {
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

function remapOld(parts: Part[]): RemapResult | null {
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

interface NewProvinceKey extends NamedKey {
  code: string;
}
let newProvinceKeys: NewProvinceKey[] | null = null;
let newCommuneKeys: Map<string, (Keys & { unit: string | null; c: Commune })[]> | null = null;
let communeIndex: NameIndex<Keys & { unit: string | null; c: Commune }> | null = null;
function allCommunes(): NameIndex<Keys & { unit: string | null; c: Commune }> {
  communeIndex ??= new NameIndex(provinceList.flatMap((p) => communeKeys(p.code)));
  return communeIndex;
}
function communeKeys(provinceCode: string): (Keys & { unit: string | null; c: Commune })[] {
  newCommuneKeys ??= new Map(
    [...communesByProvince].map(([p, list]) => [p, list.map((c) => ({ c, ...nameKeys(c.fullName) }))]),
  );
  return newCommuneKeys.get(provinceCode) ?? [];
}
function remapNew(parts: Part[]): RemapResult | null {
  newProvinceKeys ??= provinceList.map((p) => ({ code: p.code, ...nameKeys(p.fullName) }));
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

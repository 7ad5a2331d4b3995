/** An address as the parts (between commas) that the remap matches from the right. */
import { foldForSearch, nfc } from '../../common/text/vietnamese';
import { keysOf, looseKey, stripUnit, type Part } from './name-keys';

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

export function toPart(raw: string): Part {
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

/** Splits an address into its comma-separated parts (also " - " and line breaks). */
export function splitAddress(text: string): string[] {
  // a parenthetical is a note ("(gần chợ)"), never part of a unit name; one that holds commas is cut first
  return nfc(text)
    .replace(/\s*\([^()]*\)/g, '')
    .split(/,|\n|;/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .filter((p, i, all) => !(i === all.length - 1 && /^(viet nam|vietnam|vn)$/.test(foldForSearch(p))));
}

/** What precedes the `count` matched units (house number, street, village). */
export function detailOf(parts: Part[], count: number): string {
  return parts
    .slice(0, parts.length - count)
    .map((p) => p.raw)
    .join(', ');
}

/**
 * Vietnamese number plates as the citizen types them: `30A-123.45`, `29-B1 123.45`, `59x2 12345`.
 *
 * What is checked is only the general shape plates share (no public source in the project gives the full
 * list of series letters per vehicle kind, TT 79/2024/TT-BCA not being collected): a two-digit locality code,
 * a series of one or two letters possibly followed by one digit, then four or five digits. Separators
 * (space, `-`, `.`) are ignored; letters are folded to upper case. The canonical form has no separators.
 */
export type PlateError = 'plate-empty' | 'plate-too-long' | 'plate-bad-characters' | 'plate-bad-shape';

export interface Plate {
  /** Without separators, upper case: `30A12345`, `29B112345`. */
  canonical: string;
  /** How it is printed on screen and on the receipt: `30A-123.45`, `29B1-123.45`, `30A-1234`. */
  display: string;
}

const SHAPE = /^(\d{2})([A-Z]{1,2}\d??)(\d{4,5})$/;
const PREFIX = /^\d{2}[A-Z]{1,2}\d?$/;

export function parsePlate(input: string): { ok: true; plate: Plate } | { ok: false; error: PlateError } {
  const raw = input.normalize('NFC').trim();
  if (raw.length === 0) return { ok: false, error: 'plate-empty' };
  if (raw.length > 16) return { ok: false, error: 'plate-too-long' };
  const compact = raw.replace(/[\s.-]/g, '').toUpperCase();
  if (!/^[0-9A-Z]+$/.test(compact)) return { ok: false, error: 'plate-bad-characters' };
  // Where the citizen put a space or dash before the number, it says where the series ends (`29-B1 1234`);
  // without one, the five-digit reading wins (`30A12345` is 30A-123.45, not 30A1-2345).
  const parts = raw
    .replace(/\./g, '')
    .toUpperCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  const last = parts.at(-1) ?? '';
  const prefix = parts.slice(0, -1).join('');
  let split: [string, string, string] | null = null;
  if (parts.length > 1 && /^\d{4,5}$/.test(last) && PREFIX.test(prefix))
    split = [prefix.slice(0, 2), prefix.slice(2), last];
  else {
    const m = SHAPE.exec(compact);
    if (m) split = [m[1]!, m[2]!, m[3]!];
  }
  if (!split) return { ok: false, error: 'plate-bad-shape' };
  const [locality, series, digits] = split;
  const number = digits.length === 5 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : digits;
  return { ok: true, plate: { canonical: compact, display: `${locality}${series}-${number}` } };
}

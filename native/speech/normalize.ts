/**
 * Text → what the synthesizer should read. Pure and deterministic.
 *
 * - NFC, white space collapsed.
 * - Dates `15/03/1990` (also `15-03-1990`, `15.03.1990`, ISO `1990-03-15`): vi "ngày 15 tháng 3 năm 1990",
 *   en "15 March 1990". Impossible dates are left alone (then read as identifiers/numbers).
 * - Dossier codes (`000.00.01.H22-261123-0001`) and other references mixing letters and digits around `.`/`-`
 *   (`KIOSK-261123-0A1B2C3D`): spelt group by group, letters by their names, digits one by one.
 * - Times `08:30` / `8h30` → vi "8 giờ 30 phút", en "8 30" ("8 oh 5", "17 o'clock").
 * - Identifiers: runs of ≥ 7 digits (ID numbers, phone numbers) or any run starting with 0 read digit by digit,
 *   in groups of 3 (10-digit phone numbers starting with 0: 4-3-3), a comma (a pause) between groups.
 * - vi amounts: `1.500.000` or runs of 5–6 digits become words ("một triệu năm trăm nghìn"): espeak-ng's
 *   Vietnamese number reading appends a spurious "không trăm" to round thousands (espeak-ng 1.51).
 *   en amounts `1,500,000` lose their commas (espeak-ng reads the number).
 * - `masked: true` → '' (the value of a masked field is never spoken).
 */
import { nfc } from '../../common/text/vietnamese';

export type SpeechLanguage = 'vi' | 'en';

export interface NormalizeOptions {
  masked?: boolean;
}

const DIGITS: Record<SpeechLanguage, readonly string[]> = {
  vi: ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
};

/** Vietnamese names of the letters, as they are spelt aloud. */
const LETTERS_VI: Record<string, string> = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  Đ: 'đê',
  E: 'e',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e-lờ',
  M: 'em-mờ',
  N: 'en-nờ',
  O: 'o',
  P: 'pê',
  Q: 'quy',
  R: 'e-rờ',
  S: 'ét-xì',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: 'vê kép',
  X: 'ích-xì',
  Y: 'i dài',
  Z: 'dét',
};

const LETTERS_EN: Record<string, string> = {
  A: 'A',
  B: 'B',
  C: 'C',
  D: 'D',
  E: 'E',
  F: 'F',
  G: 'G',
  H: 'aitch',
  I: 'I',
  J: 'J',
  K: 'K',
  L: 'L',
  M: 'M',
  N: 'N',
  O: 'O',
  P: 'P',
  Q: 'Q',
  R: 'R',
  S: 'S',
  T: 'T',
  U: 'U',
  V: 'V',
  W: 'double-u',
  X: 'X',
  Y: 'Y',
  Z: 'Z',
};

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function normalizeForSpeech(
  text: string,
  lang: SpeechLanguage,
  options: NormalizeOptions = {},
): string {
  if (options.masked) return '';
  let t = nfc(text).replace(/\s+/g, ' ').trim();
  if (!t) return '';
  t = t.replace(DOSSIER_RE, (code: string) => spellCode(code, lang));
  t = t.replace(REFERENCE_RE, (code: string) => spellCode(code, lang));
  t = t.replace(DMY_RE, (m: string, d: string, mo: string, y: string) => sayDate(m, +d, +mo, +y, lang));
  t = t.replace(ISO_RE, (m: string, y: string, mo: string, d: string) => sayDate(m, +d, +mo, +y, lang));
  // "ngày 15/03/1990" must not become "ngày ngày 15 …".
  if (lang === 'vi') t = t.replace(/\b(ngày) ngày (?=\d)/giu, '$1 ');
  t = t.replace(TIME_RE, (m: string, h: string, min: string) => sayTime(m, +h, +min, lang));
  t = t.replace(NUMBER_RE[lang], (run: string) => {
    if (/[.,]/.test(run)) {
      // A grouped amount: words in vi, plain digits in en (espeak-ng reads English numbers well).
      const n = Number(run.replace(/[.,]/g, ''));
      return lang === 'vi' ? readIntegerVi(n) : String(n);
    }
    if (run.length >= 7 || (run.length >= 2 && run.startsWith('0'))) return spellDigits(run, lang);
    if (lang === 'vi' && run.length >= 5) return readIntegerVi(Number(run));
    return run;
  });
  return t.replace(/\s+/g, ' ').trim();
}

const DOSSIER_RE = /(?<![0-9A-Za-z.])[0-9A-Z]{2,3}(?:\.[0-9A-Z]{2,3}){2,4}-\d{6}-\d{4,6}(?![0-9A-Za-z])/g;
/** Other references with a separator, a letter and a digit (`KIOSK-261123-0A1B2C3D`): spelt like dossier codes. */
const REFERENCE_RE =
  /(?<![0-9A-Za-zÀ-ỹ.-])(?=[0-9A-Z.-]*\d)(?=[0-9A-Z.-]*[A-Z])[0-9A-Z]+(?:[.-][0-9A-Z]+)+(?![0-9A-Za-zÀ-ỹ-])/g;
const TIME_RE = /(?<![\d:])(\d{1,2})[:h](\d{2})(?![\d:])/g;
const DMY_RE = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-]*\d)/g;
const ISO_RE = /(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;
/**
 * A grouped amount (`1.500.000` in vi, `1,500,000` in en), else a plain run of digits. One pass, so the digits of an
 * amount are never re-read as an identifier.
 */
const NUMBER_RE: Record<SpeechLanguage, RegExp> = {
  vi: /(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![.,]?\d)|\d+/g,
  en: /(?<![\d.,])\d{1,3}(?:,\d{3})+(?![.,]?\d)|\d+/g,
};

function validDate(d: number, m: number, y: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function sayDate(original: string, d: number, m: number, y: number, lang: SpeechLanguage): string {
  if (!validDate(d, m, y)) return original;
  return lang === 'vi' ? `ngày ${d} tháng ${m} năm ${y}` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

function sayTime(original: string, h: number, min: number, lang: SpeechLanguage): string {
  if (h > 23 || min > 59) return original;
  if (lang === 'vi') return min === 0 ? `${h} giờ` : `${h} giờ ${min} phút`;
  return min === 0 ? `${h} o'clock` : `${h} ${min < 10 ? `oh ${min}` : min}`;
}

/** Digit by digit, groups of 3 (a lone last digit joins the group before; 10-digit 0… numbers: 4-3-3). */
export function spellDigits(run: string, lang: SpeechLanguage): string {
  const sizes: number[] = [];
  if (run.length === 10 && run.startsWith('0')) sizes.push(4, 3, 3);
  else if (run.length <= 4) sizes.push(run.length);
  else {
    let left = run.length;
    while (left > 0) {
      const take = left === 4 ? 4 : Math.min(3, left);
      sizes.push(take);
      left -= take;
    }
  }
  const groups: string[] = [];
  let i = 0;
  for (const n of sizes) {
    groups.push([...run.slice(i, i + n)].map((c) => DIGITS[lang][Number(c)]).join(' '));
    i += n;
  }
  return groups.join(', ');
}

/** A code like `000.00.01.H22-261123-0001`, group by group. */
export function spellCode(code: string, lang: SpeechLanguage): string {
  const letters = lang === 'vi' ? LETTERS_VI : LETTERS_EN;
  return code
    .split(/[.-]/)
    .map((group) =>
      [...group]
        .map((c) => (/\d/.test(c) ? DIGITS[lang][Number(c)] : (letters[c.toUpperCase()] ?? c)))
        .join(' '),
    )
    .join(', ');
}

const SCALES_VI = ['', 'nghìn', 'triệu', 'tỷ'];

/** A non-negative integer below 10^12 in Vietnamese words ("một triệu năm trăm nghìn"). */
export function readIntegerVi(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) return String(n);
  if (n === 0) return 'không';
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 1000)) groups.push(v % 1000);
  const words: string[] = [];
  for (let g = groups.length - 1; g >= 0; g--) {
    const value = groups[g]!;
    if (value === 0) continue;
    words.push(readHundredsVi(value, g !== groups.length - 1));
    if (SCALES_VI[g]) words.push(SCALES_VI[g]!);
  }
  return words.join(' ');
}

function readHundredsVi(value: number, full: boolean): string {
  const D = DIGITS.vi;
  const h = Math.floor(value / 100);
  const t = Math.floor((value % 100) / 10);
  const u = value % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(D[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && out.length) out.push('linh');
  } else if (t === 1) out.push('mười');
  else out.push(D[t]!, 'mươi');
  if (u > 0) {
    if (u === 1 && t >= 2) out.push('mốt');
    else if (u === 5 && t >= 1) out.push('lăm');
    else out.push(D[u]!);
  }
  return out.join(' ');
}

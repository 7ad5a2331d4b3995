/**
 * Dates, times, money and numbers as the kiosk shows and prints them — one place, for the renderer and the host.
 * Times are Vietnam's (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving), whatever the machine's time zone;
 * dates are day first (dd/mm/yyyy) in both languages and the clock is 24-hour, as Vietnamese papers write them;
 * numbers and names of days follow the language (Intl with vi-VN or en-GB).
 */

export type FormatLanguage = 'vi' | 'en';
/** An instant: epoch milliseconds or a Date. */
export type Instant = number | Date;

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const LOCALES: Record<FormatLanguage, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * A formatter in Vietnam's time zone. Built per call, not cached: cheap enough for a screen, and a test's fake
 * clock (which replaces Intl too) cannot leave a stale one behind.
 */
function dateFormatter(lang: FormatLanguage, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: VIETNAM_TIME_ZONE, ...options });
}

/** The calendar and clock fields of an instant in Vietnam, zero-padded (`hour` 00–23). */
function fields(at: Instant): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = dateFormatter('en', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** The calendar day of an instant in Vietnam, ISO `YYYY-MM-DD`. */
export function isoDateInVietnam(at: Instant): string {
  const f = fields(at);
  return `${f.year}-${f.month}-${f.day}`;
}

/**
 * Today in Vietnam, ISO `YYYY-MM-DD` — between 00:00 and 07:00 in Vietnam this is already the next day of the
 * UTC date (`toISOString().slice(0, 10)` would give yesterday).
 */
export function todayInVietnam(now: Instant = Date.now()): string {
  return isoDateInVietnam(now);
}

/** The hour (0–23) of an instant on Vietnam's clock (e.g. a morning or afternoon session). */
export function hourInVietnam(at: Instant): number {
  return Number(fields(at).hour);
}

/**
 * A date as Vietnamese documents write it: `dd/mm/yyyy`. An ISO date may be partial, as on cards that know only
 * the month or the year of birth (`1990-05` → `05/1990`, `1990` → `1990`); an instant is taken in Vietnam.
 * Any other text is returned unchanged.
 */
export function formatDate(value: string | Instant): string {
  if (typeof value !== 'string') {
    const f = fields(value);
    return `${f.day}/${f.month}/${f.year}`;
  }
  const [y, m, d] = value.split('-');
  if (y && m && d) return `${d}/${m}/${y}`;
  if (y && m) return `${m}/${y}`;
  return value;
}

/** Date and time in Vietnam, day first, 24-hour clock, the same in both languages: `03/10/2026 07:42`. */
export function formatDateTime(at: Instant): string {
  const f = fields(at);
  return `${f.day}/${f.month}/${f.year} ${f.hour}:${f.minute}`;
}

/** The day of the week in Vietnam, in the language: `Thứ Tư`, `Wednesday`. */
export function formatWeekday(at: Instant, lang: FormatLanguage = 'vi'): string {
  return dateFormatter(lang, { weekday: 'long' }).format(new Date(at));
}

/** A number with the language's grouping and decimal marks: `1.234.567,5` (vi), `1,234,567.5` (en). */
export function formatNumber(n: number, lang: FormatLanguage = 'vi'): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}

/**
 * An amount of đồng as the kiosk shows it: `50.000 đ` (screens), or with the word, `50.000 đồng`, on printed
 * papers. Grouped as Vietnamese writes it unless another language is asked for (`50,000 đ`).
 */
export function formatMoney(
  amountVnd: number,
  opts: { lang?: FormatLanguage; unit?: 'đ' | 'đồng' } = {},
): string {
  return `${formatNumber(amountVnd, opts.lang ?? 'vi')} ${opts.unit ?? 'đ'}`;
}

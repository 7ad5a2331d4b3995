import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatWeekday,
  hourInVietnam,
  isoDateInVietnam,
  todayInVietnam,
} from './format';

/**
 * Expected values from an independent tool, GNU date with the tz database:
 * `TZ=Asia/Ho_Chi_Minh date -d 2026-11-30T17:00:00Z '+%Y-%m-%d %d/%m/%Y %H:%M %A'`.
 */
const VECTORS = [
  ['2026-11-30T16:59:59Z', '2026-11-30', '30/11/2026 23:59', 'Monday'],
  ['2026-11-30T17:00:00Z', '2026-12-01', '01/12/2026 00:00', 'Tuesday'],
  ['2026-12-01T00:30:00Z', '2026-12-01', '01/12/2026 07:30', 'Tuesday'],
  ['2026-12-31T17:00:00Z', '2027-01-01', '01/01/2027 00:00', 'Friday'],
  ['2027-02-28T23:59:00Z', '2027-03-01', '01/03/2027 06:59', 'Monday'],
] as const;

// (Before 13 June 1975 the south kept UTC+8: the tz database's Asia/Ho_Chi_Minh, hence 1976 onwards below.)
describe('todayInVietnam', () => {
  afterEach(() => vi.useRealTimers());

  it('between 00:00 and 07:00 in Vietnam it is already the next day of the UTC date', () => {
    vi.useFakeTimers();
    // 02:30 on 1 December in Hà Nội = 19:30 UTC on 30 November
    vi.setSystemTime(new Date('2026-11-30T19:30:00Z'));
    expect(new Date().toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(todayInVietnam()).toBe('2026-12-01');
    // 06:59:59 still the same day; 07:00 both agree
    vi.setSystemTime(new Date('2026-11-30T23:59:59Z'));
    expect(todayInVietnam()).toBe('2026-12-01');
    vi.setSystemTime(new Date('2026-12-01T00:00:00Z'));
    expect(todayInVietnam()).toBe('2026-12-01');
    // 23:59 in Vietnam on the last day of the year, then midnight: the new year
    vi.setSystemTime(new Date('2026-12-31T16:59:00Z'));
    expect(todayInVietnam()).toBe('2026-12-31');
    vi.setSystemTime(new Date('2026-12-31T17:00:00Z'));
    expect(todayInVietnam()).toBe('2027-01-01');
  });

  it('takes an instant too', () => {
    expect(todayInVietnam(new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
    expect(todayInVietnam(Date.parse('2026-11-23T16:59:00Z'))).toBe('2026-11-23');
  });

  it.each(VECTORS)('%s is %s, %s, a %s in Vietnam (GNU date)', (utc, iso, dateTime, weekday) => {
    const at = Date.parse(utc);
    expect(isoDateInVietnam(at)).toBe(iso);
    expect(formatDateTime(at)).toBe(dateTime);
    expect(formatDate(new Date(at))).toBe(dateTime.slice(0, 10));
    expect(formatWeekday(at, 'en')).toBe(weekday);
    expect(hourInVietnam(at)).toBe(Number(dateTime.slice(11, 13)));
  });

  it('agrees with UTC+7 arithmetic (Vietnam has no daylight saving) over 10^4 instants, 1976–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1976, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const shifted = new Date(ms + 7 * 3_600_000).toISOString();
        expect(isoDateInVietnam(ms)).toBe(shifted.slice(0, 10));
        expect(formatDateTime(ms)).toBe(
          `${shifted.slice(8, 10)}/${shifted.slice(5, 7)}/${shifted.slice(0, 4)} ${shifted.slice(11, 16)}`,
        );
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('formatDate', () => {
  it('writes ISO dates day first, partial ones as far as known', () => {
    expect(formatDate('1990-05-07')).toBe('07/05/1990');
    expect(formatDate('1990-05')).toBe('05/1990');
    expect(formatDate('1990')).toBe('1990');
    expect(formatDate('')).toBe('');
  });
});

describe('formatWeekday', () => {
  it('names the day in the language', () => {
    const at = Date.parse('2026-12-02T03:00:00Z');
    expect(formatWeekday(at, 'vi')).toBe('Thứ Tư');
    expect(formatWeekday(at)).toBe('Thứ Tư');
    expect(formatWeekday(at, 'en')).toBe('Wednesday');
  });
});

describe('formatNumber and formatMoney', () => {
  it('groups as each language does', () => {
    expect(formatNumber(1_234_567.5)).toBe('1.234.567,5');
    expect(formatNumber(1_234_567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(0)).toBe('0');
  });

  it('shows đồng as the screens ("50.000 đ") and the printed papers ("50.000 đồng") do', () => {
    expect(formatMoney(50_000)).toBe('50.000 đ');
    expect(formatMoney(4_800_000)).toBe('4.800.000 đ');
    expect(formatMoney(50_000, { lang: 'en' })).toBe('50,000 đ');
    expect(formatMoney(7_000, { unit: 'đồng' })).toBe('7.000 đồng');
    expect(formatMoney(500)).toBe('500 đ');
  });

  it('is NFC text with plain spaces (what the receipts and the e2e tests match)', () => {
    for (const s of [formatMoney(123_456, { unit: 'đồng' }), formatWeekday(0, 'vi'), formatDateTime(0)]) {
      expect(s).toBe(s.normalize('NFC'));
      expect(s).not.toMatch(/[\u00a0\u202f]/);
    }
  });
});

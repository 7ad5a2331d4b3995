/**
 * The working-day calendar of Vietnamese state agencies: weekends, public holidays, Tết and the bridges
 * and make-up Saturdays the government announces each year. The days themselves are data
 * (`holidays-vn.json`, or a province's own file with the same shape); this module only reads them.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import bundled from './holidays-vn.json';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const HolidayData = z.object({
  timeZone: z.literal('Asia/Ho_Chi_Minh'),
  /** ISO weekdays that are working days (1 Monday … 7 Sunday). */
  workweek: z.array(z.number().int().min(1).max(7)).min(1),
  /** Local time that splits the morning from the afternoon session. */
  halfDayCutoff: HhMm,
  /** When each session's results are handed out at the latest (the time printed into `NgayHenTra`). */
  officeHours: z.object({ morningEnd: HhMm, afternoonEnd: HhMm }),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      /** `official`: checked against the published notice; `verify`: derived from the law, not yet checked. */
      status: z.enum(['official', 'verify']),
      source: z.string().min(1),
      daysOff: z.array(z.object({ from: IsoDate, to: IsoDate, name: z.string().min(1) })),
      /** Weekend days worked to make up for a bridge. */
      makeUpWorkdays: z.array(z.object({ date: IsoDate, name: z.string().min(1) })),
    }),
  ),
});
export type HolidayData = z.infer<typeof HolidayData>;

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an epoch instant in Asia/Ho_Chi_Minh. */
export function vietnamDate(epochMs: number): string {
  return new Date(epochMs + OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of a local (Asia/Ho_Chi_Minh) date and "HH:MM". */
export function vietnamInstant(isoDate: string, hhmm = '00:00'): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, h, mi) - OFFSET_MS;
}

export function addDays(isoDate: string, n: number): string {
  return new Date(vietnamInstant(isoDate) + OFFSET_MS + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a date. */
export function isoWeekday(isoDate: string): number {
  const d = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export class WorkingCalendar {
  private readonly off = new Map<string, string>();
  private readonly makeUp = new Set<string>();
  private readonly workweek: ReadonlySet<number>;

  constructor(readonly data: HolidayData) {
    this.workweek = new Set(data.workweek);
    for (const year of Object.values(data.years)) {
      for (const r of year.daysOff)
        for (let d = r.from; d <= r.to; d = addDays(d, 1)) this.off.set(d, r.name);
      for (const m of year.makeUpWorkdays) this.makeUp.add(m.date);
    }
  }

  /** Whether the year's days off are in the data at all (outside: weekends only — never guess Tết). */
  covers(isoDate: string): boolean {
    return isoDate.slice(0, 4) in this.data.years;
  }

  /** Whether the year's data was checked against the official notice. */
  verified(isoDate: string): boolean {
    return this.data.years[isoDate.slice(0, 4)]?.status === 'official';
  }

  /** The holiday's name when the date is a day off (not for ordinary weekends). */
  holidayName(isoDate: string): string | null {
    return this.off.get(isoDate) ?? null;
  }

  isWorkingDay(isoDate: string): boolean {
    if (this.makeUp.has(isoDate)) return true;
    if (this.off.has(isoDate)) return false;
    return this.workweek.has(isoWeekday(isoDate));
  }

  /** The first working day on or after `isoDate`. */
  nextWorkingDay(isoDate: string): string {
    let d = isoDate;
    for (let i = 0; i < 400 && !this.isWorkingDay(d); i++) d = addDays(d, 1);
    return d;
  }
}

let cached: WorkingCalendar | null = null;

/** The bundled calendar, or a province's file of the same shape (config `calendar.holidaysFile`). */
export function loadWorkingCalendar(file?: string | null): WorkingCalendar {
  if (!file) {
    cached ??= new WorkingCalendar(HolidayData.parse(bundled));
    return cached;
  }
  return new WorkingCalendar(HolidayData.parse(JSON.parse(readFileSync(file, 'utf8'))));
}

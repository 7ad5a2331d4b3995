/**
 * When to promise a result: a procedure's time limit counted from the moment the dossier was filed, in
 * working days (Mon–Fri minus days off, the usual unit), calendar days ("ngày", e.g. LLTP) or office hours,
 * and promised as a date and a half-day (morning / afternoon), the way one-stop counters write it.
 *
 * Counting rule (half-day sessions, as provincial one-stop systems count):
 * - filed on a working day before the half-day cutoff → counting starts that afternoon;
 *   filed after it, or on a day off → it starts the next working morning;
 * - N working days = 2N sessions, the first one included; the result is due at the end of the last one.
 *   Filed Friday 15:00 with 3 working days → Monday, Tuesday, Wednesday → Wednesday afternoon.
 * - N calendar days ("ngày"): the same half-day N days later; when that is a day off, the next working day
 *   (Civil Code 2015 art. 148(5)).
 * - hours: ⌈h / 4⌉ sessions (a session is about four office hours).
 */
import { addDays, isoWeekday, vietnamDate, vietnamInstant, type WorkingCalendar } from './calendar';
import { formatDate } from '../../common/text/format';

export type TimeLimitUnit = 'working-day' | 'day' | 'hour';
export interface TimeLimit {
  value: number;
  unit: TimeLimitUnit;
}

export type HalfDay = 'morning' | 'afternoon';

export interface Appointment {
  /** The end of the promised session (e.g. 17:00 for an afternoon), epoch ms. */
  at: number;
  /** `YYYY-MM-DD`, Asia/Ho_Chi_Minh. */
  date: string;
  halfDay: HalfDay;
  /** Every day counted lies in a year whose days off are in the data. */
  covered: boolean;
  /** …and those years were checked against the official notices (status `official`). */
  verified: boolean;
}

interface Slot {
  date: string;
  half: HalfDay;
}

function localHhMm(epochMs: number): string {
  return new Date(epochMs + 7 * 3_600_000).toISOString().slice(11, 16);
}

function nextSlot(cal: WorkingCalendar, s: Slot): Slot {
  if (s.half === 'morning') return { date: s.date, half: 'afternoon' };
  return { date: cal.nextWorkingDay(addDays(s.date, 1)), half: 'morning' };
}

function firstSlot(cal: WorkingCalendar, receivedAt: number): Slot {
  const date = vietnamDate(receivedAt);
  if (!cal.isWorkingDay(date)) return { date: cal.nextWorkingDay(date), half: 'morning' };
  if (localHhMm(receivedAt) < cal.data.halfDayCutoff) return { date, half: 'afternoon' };
  return { date: cal.nextWorkingDay(addDays(date, 1)), half: 'morning' };
}

export function computeAppointment(receivedAt: number, limit: TimeLimit, cal: WorkingCalendar): Appointment {
  if (!Number.isFinite(limit.value) || limit.value < 0) throw new RangeError('time limit must be ≥ 0');
  const filedOn = vietnamDate(receivedAt);
  const filedHalf: HalfDay = localHhMm(receivedAt) < cal.data.halfDayCutoff ? 'morning' : 'afternoon';
  let end: Slot;
  if (limit.unit === 'day') {
    end = { date: cal.nextWorkingDay(addDays(filedOn, Math.ceil(limit.value))), half: filedHalf };
  } else {
    const sessions = limit.unit === 'hour' ? Math.ceil(limit.value / 4) : Math.ceil(limit.value * 2);
    if (sessions === 0) {
      end = cal.isWorkingDay(filedOn)
        ? { date: filedOn, half: filedHalf }
        : { date: cal.nextWorkingDay(filedOn), half: 'morning' };
    } else {
      end = firstSlot(cal, receivedAt);
      for (let i = 1; i < sessions; i++) end = nextSlot(cal, end);
    }
  }
  let covered = true;
  let verified = true;
  for (let y = Number(filedOn.slice(0, 4)); y <= Number(end.date.slice(0, 4)); y++) {
    covered &&= cal.covers(`${y}-01-01`);
    verified &&= cal.verified(`${y}-01-01`);
  }
  const { morningEnd, afternoonEnd } = cal.data.officeHours;
  return {
    at: vietnamInstant(end.date, end.half === 'morning' ? morningEnd : afternoonEnd),
    date: end.date,
    halfDay: end.half,
    covered,
    verified: covered && verified,
  };
}

const WEEKDAY_VI = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];
const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The session an appointment instant falls in (before 12:00 local → morning). */
export function halfDayOf(epochMs: number): HalfDay {
  return localHhMm(epochMs) < '12:00' ? 'morning' : 'afternoon';
}

/** "Buổi chiều thứ Tư, 02/12/2026" / "Wednesday 02/12/2026, afternoon": a date and a half-day, never a clock time. */
export function formatAppointment(epochMs: number, lang: 'vi' | 'en' = 'vi'): string {
  const date = vietnamDate(epochMs);
  const ddmmyyyy = formatDate(date);
  const wd = isoWeekday(date);
  const half = halfDayOf(epochMs);
  if (lang === 'en') return `${WEEKDAY_EN[wd]} ${ddmmyyyy}, ${half}`;
  const day = WEEKDAY_VI[wd]!;
  return `Buổi ${half === 'morning' ? 'sáng' : 'chiều'} ${day}, ${ddmmyyyy}`;
}

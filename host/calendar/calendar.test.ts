import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAppointment, formatAppointment } from './appointment';
import {
  HolidayData,
  WorkingCalendar,
  addDays,
  loadWorkingCalendar,
  vietnamDate,
  vietnamInstant,
} from './calendar';

const cal = loadWorkingCalendar();
const at = (date: string, hhmm: string) => vietnamInstant(date, hhmm);

describe('working calendar', () => {
  it('weekends are days off, weekdays are working days', () => {
    expect(cal.isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-11-30')).toBe(true); // Monday
    expect(cal.isWorkingDay('2026-11-27')).toBe(true); // Friday
  });

  it('Tết Đinh Mùi 2027: 29 Tết to the compensatory days are off, work resumes on Friday 12/02', () => {
    for (const d of [
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ])
      expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.holidayName('2027-02-08')).toBe('Tết Nguyên đán Đinh Mùi');
    expect(cal.isWorkingDay('2027-02-04')).toBe(true);
    expect(cal.isWorkingDay('2027-02-12')).toBe(true);
    expect(cal.nextWorkingDay('2027-02-05')).toBe('2027-02-12');
  });

  it('Quốc khánh 2026: 2/9 with 1/9 as its adjacent day off, 31/8 and 3/9 are working days', () => {
    expect(cal.isWorkingDay('2026-09-01')).toBe(false);
    expect(cal.isWorkingDay('2026-09-02')).toBe(false);
    expect(cal.isWorkingDay('2026-08-31')).toBe(true);
    expect(cal.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('a make-up Saturday is a working day, a bridge weekday is not', () => {
    const data = HolidayData.parse({
      ...loadWorkingCalendar().data,
      years: {
        '2030': {
          status: 'official',
          source: 'test',
          daysOff: [{ from: '2030-09-02', to: '2030-09-03', name: 'Quốc khánh' }],
          makeUpWorkdays: [{ date: '2030-09-07', name: 'làm bù' }],
        },
      },
    });
    const c = new WorkingCalendar(data);
    expect(c.isWorkingDay('2030-09-03')).toBe(false);
    expect(c.isWorkingDay('2030-09-07')).toBe(true);
    expect(c.verified('2030-09-07')).toBe(true);
  });

  it('the bundled years are marked for verification, not official', () => {
    expect(cal.covers('2027-06-01')).toBe(true);
    expect(cal.verified('2027-06-01')).toBe(false);
    expect(cal.covers('2031-06-01')).toBe(false);
  });
});

describe('appointments', () => {
  it('3 working days filed on a Friday afternoon: Monday, Tuesday, Wednesday → Wednesday afternoon', () => {
    const a = computeAppointment(at('2026-11-27', '15:10'), { value: 3, unit: 'working-day' }, cal);
    expect(a).toMatchObject({ date: '2026-12-02', halfDay: 'afternoon', covered: true, verified: false });
    expect(vietnamDate(a.at)).toBe('2026-12-02');
    expect(formatAppointment(a.at)).toBe('Buổi chiều thứ Tư, 02/12/2026');
    expect(formatAppointment(a.at, 'en')).toBe('Wednesday 02/12/2026, afternoon');
  });

  it('3 working days filed on a Friday morning → Wednesday morning', () => {
    const a = computeAppointment(at('2026-11-27', '09:00'), { value: 3, unit: 'working-day' }, cal);
    expect(a).toMatchObject({ date: '2026-12-02', halfDay: 'morning' });
    expect(formatAppointment(a.at)).toBe('Buổi sáng thứ Tư, 02/12/2026');
  });

  it('filed at the weekend, counting starts on Monday morning', () => {
    const a = computeAppointment(at('2026-11-28', '10:00'), { value: 3, unit: 'working-day' }, cal);
    expect(a).toMatchObject({ date: '2026-12-02', halfDay: 'afternoon' });
  });

  it('skips Tết 2027: filed Thursday 04/02 afternoon, 3 working days → Tuesday 16/02 afternoon', () => {
    const a = computeAppointment(at('2027-02-04', '14:00'), { value: 3, unit: 'working-day' }, cal);
    expect(a).toMatchObject({ date: '2027-02-16', halfDay: 'afternoon' });
  });

  it('skips 1/9 and 2/9: filed Monday 31/08/2026 afternoon, 1 working day → Thursday 03/09 afternoon', () => {
    const a = computeAppointment(at('2026-08-31', '14:00'), { value: 1, unit: 'working-day' }, cal);
    expect(a).toMatchObject({ date: '2026-09-03', halfDay: 'afternoon' });
  });

  it('calendar days ("ngày") run through weekends and end on the next working day when due on a day off', () => {
    // Friday 27/11 + 15 days = Saturday 12/12 → Monday 14/12, same half-day as filing.
    const a = computeAppointment(at('2026-11-27', '09:00'), { value: 15, unit: 'day' }, cal);
    expect(a).toMatchObject({ date: '2026-12-14', halfDay: 'morning' });
  });

  it('never promises a day off, and never earlier than the filing (property, 10^4 runs)', () => {
    const from = at('2026-01-01', '00:00');
    const to = at('2027-11-30', '00:00');
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: to }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('working-day' as const, 'day' as const, 'hour' as const),
        (t, n, unit) => {
          const a = computeAppointment(t, { value: n, unit }, cal);
          expect(cal.isWorkingDay(a.date)).toBe(true);
          expect(a.at).toBeGreaterThanOrEqual(t - 12 * 3_600_000);
          if (unit === 'working-day' && n > 0) {
            // Exactly n working days between the filing day (exclusive) and the appointment (inclusive).
            let count = 0;
            for (let d = addDays(vietnamDate(t), 1); d <= a.date; d = addDays(d, 1))
              if (cal.isWorkingDay(d)) count++;
            expect(count).toBe(n);
          }
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

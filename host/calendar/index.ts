export {
  WorkingCalendar,
  HolidayData,
  loadWorkingCalendar,
  vietnamDate,
  vietnamInstant,
  addDays,
  isoWeekday,
} from './calendar';
export {
  computeAppointment,
  formatAppointment,
  halfDayOf,
  type Appointment,
  type HalfDay,
  type TimeLimit,
  type TimeLimitUnit,
} from './appointment';

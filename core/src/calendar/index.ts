/** The working-day calendar: Vietnamese lunar dates, public holidays, official schedules, deadlines. */

export {
  DAY_MS,
  formatLocalDate,
  localDateTime,
  MINUTE_MS,
  parseLocalDate,
  toIsoVn,
} from './dates.ts';
export {
  COMPENSATORY_NAME,
  HOLIDAY_NAMES,
  type Holiday,
  nationalDayAdjacent,
  provisionalSchedule,
  RULE_SINCE,
  SWAPPED_NAME,
  statutoryHolidays,
} from './holidays.ts';
export { type LunarDate, leapMonthOf, lunarToSolar, solarToLunar } from './lunar.ts';
export { OFFICIAL_SCHEDULE_SOURCES, OFFICIAL_SCHEDULES } from './official-schedules.ts';
export { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, validateSchedule } from './schedules.ts';
export * from './types.ts';
export { createWorkingCalendar, type WorkingCalendarOptions } from './working-calendar.ts';
export { dayBudgetToMinutes } from './working-hours.ts';

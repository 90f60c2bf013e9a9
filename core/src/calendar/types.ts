/**
 * The contract of the working-day calendar. Instants are epoch milliseconds (UTC). Vietnam has
 * used UTC+7 without daylight saving since 1975, so local dates and times are computed with a
 * fixed offset (see `VN_OFFSET_MS`).
 */
export type Instant = number;

export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export type DayOffKind = 'holiday' | 'compensatory' | 'swapped';

/** A weekday (Mon–Fri) that is not worked. Dates are local `YYYY-MM-DD`. */
export interface DayOff {
  date: string;
  name: string;
  kind: DayOffKind;
}

/** A Saturday or Sunday that is worked (made-up day for a swapped day off). */
export interface WorkingWeekendDay {
  date: string;
  reason: string;
}

/** One year of the official schedule for civil servants, or the provisional rule's result. */
export interface YearSchedule {
  year: number;
  provisional: boolean;
  daysOff: DayOff[];
  workingWeekendDays: WorkingWeekendDay[];
}

/** A tenant's working hours: the same intervals on every working day. Times are local `HH:MM`. */
export interface WorkingHours {
  intervals: Array<{ start: string; end: string }>;
  /** ISO weekdays that are normally worked: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Hours that make one working day when a budget is given in fractional days (0.5 day = 4 h). */
  hoursPerDay: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  intervals: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  weekdays: [1, 2, 3, 4, 5],
  hoursPerDay: 8,
};

export interface WorkingTime {
  /** Whole working days between the two instants (floor of minutes / minutes in a working day). */
  days: number;
  /** Working hours between the two instants (may be fractional). */
  hours: number;
  /** Working minutes between the two instants; negative when `to` is before `from`. */
  minutes: number;
}

/**
 * Deadline arithmetic for one tenant. Every method is O(1) or O(log n) after construction:
 * tables are precomputed per day, never a day-by-day loop on the hot path.
 */
export interface WorkingCalendar {
  readonly hours: WorkingHours;
  /** Minutes in one working day (sum of the intervals; 450 by default). */
  readonly minutesPerDay: number;
  isWorkingDay(date: string): boolean;
  isWorkingTime(at: Instant): boolean;
  /** `at` itself when it is working time, else the start of the next working interval. */
  nextOpening(at: Instant): Instant;
  /** Same local time of day on the N-th working day after `nextOpening(start)`. N ≥ 0 integer. */
  addWorkingDays(start: Instant, days: number): Instant;
  /** Adds working minutes; a result exactly at the end of an interval stays there (11:30, 17:00). */
  addWorkingMinutes(start: Instant, minutes: number): Instant;
  /** Adds working hours (fractional allowed). */
  addWorkingHours(start: Instant, hours: number): Instant;
  /** Working minutes from `from` to `to` (negative if `to` < `from`). */
  workingMinutesBetween(from: Instant, to: Instant): number;
  workingTimeBetween(from: Instant, to: Instant): WorkingTime;
  /** Local date `YYYY-MM-DD` of an instant. */
  localDate(at: Instant): string;
  /** The schedule in force for a year (official, or provisional). */
  schedule(year: number): YearSchedule;
}

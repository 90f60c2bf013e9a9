/**
 * The table calendar. All deadline arithmetic goes through one number, W(t): the working
 * milliseconds from the start of the table (1900-01-01 00:00 +07:00) to the instant t. Per-day
 * arrays give W in O(1) — working days before each day (`cumulative`) and the day of the k-th
 * working day (`nthWorkingDay`) — so adding working time is "W(start) + budget, then invert W",
 * and counting is "W(to) − W(from)". Neither ever walks day by day.
 */
import { Invalid } from '../errors.ts';
import {
  DAY_MS,
  type DayNumber,
  dayNumberOf,
  daysFromCivil,
  formatLocalDate,
  isoWeekday,
  MINUTE_MS,
  startOfDayNumber,
} from './dates.ts';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  cachedProvisionalSchedule,
  copySchedule,
  isSupportedYear,
  officialSchedulesByYear,
  yearOutOfRange,
} from './schedules.ts';
import {
  DEFAULT_WORKING_HOURS,
  type Instant,
  type WorkingCalendar,
  type WorkingHours,
  type WorkingTime,
  type YearSchedule,
} from './types.ts';
import { compileWorkingHours } from './working-hours.ts';

export interface WorkingCalendarOptions {
  /** The tenant's working hours; `DEFAULT_WORKING_HOURS` when omitted. */
  hours?: WorkingHours;
  /**
   * Official schedules known at run time (e.g. from the database). Each replaces the shipped
   * schedule of its year; years with neither use the provisional rule.
   */
  schedules?: readonly YearSchedule[];
}

const FIRST_DAY: DayNumber = daysFromCivil(CALENDAR_FIRST_YEAR, 1, 1);
const LAST_DAY: DayNumber = daysFromCivil(CALENDAR_LAST_YEAR, 12, 31);
const DAY_COUNT = LAST_DAY - FIRST_DAY + 1;
const ORIGIN: Instant = startOfDayNumber(FIRST_DAY);

/** Parsed dates of a schedule, kept per object: provisional schedules are shared by all calendars. */
const parsedDays = new WeakMap<YearSchedule, { off: DayNumber[]; worked: DayNumber[] }>();

function scheduleDays(s: YearSchedule): { off: DayNumber[]; worked: DayNumber[] } {
  let days = parsedDays.get(s);
  if (days === undefined) {
    days = {
      off: s.daysOff.map((d) => dayNumberOf(d.date)),
      worked: s.workingWeekendDays.map((w) => dayNumberOf(w.date)),
    };
    parsedDays.set(s, days);
  }
  return days;
}

function outOfRange(field: string): Invalid {
  return new Invalid(
    [
      {
        field,
        messageVi: `Thời điểm nằm ngoài phạm vi lịch làm việc được hỗ trợ (${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}).`,
        messageEn: `The moment is outside the supported working calendar (${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}).`,
      },
    ],
    'calendar_out_of_range',
  );
}

function invalidAmount(field: string, value: number, what: string): Invalid {
  return new Invalid(
    [
      {
        field,
        messageVi: `Giá trị ${value} không hợp lệ.`,
        messageEn: `${value} is not a valid ${what}.`,
      },
    ],
    'invalid_amount',
  );
}

interface DayTables {
  /** 1 when the day (index from FIRST_DAY) is worked. */
  working: Uint8Array;
  /**
   * Working days strictly before day i: the first working day on or after day i is
   * `nthWorkingDay[cumulative[i]]`, and a working day i is the `cumulative[i]`-th one.
   */
  cumulative: Int32Array;
  nthWorkingDay: Int32Array;
}

function buildDayTables(worksOn: boolean[], scheduleOf: (year: number) => YearSchedule): DayTables {
  const working = new Uint8Array(DAY_COUNT);
  let weekday = isoWeekday(FIRST_DAY);
  for (let i = 0; i < DAY_COUNT; i++) {
    working[i] = worksOn[weekday] ? 1 : 0;
    weekday = weekday === 7 ? 1 : weekday + 1;
  }
  for (let year = CALENDAR_FIRST_YEAR; year <= CALENDAR_LAST_YEAR; year++) {
    const { off, worked } = scheduleDays(scheduleOf(year));
    for (const day of off) working[day - FIRST_DAY] = 0;
    for (const day of worked) working[day - FIRST_DAY] = 1;
  }
  const cumulative = new Int32Array(DAY_COUNT + 1);
  for (let i = 0; i < DAY_COUNT; i++) cumulative[i + 1] = cumulative[i]! + working[i]!;
  const nthWorkingDay = new Int32Array(cumulative[DAY_COUNT]!);
  for (let i = 0, k = 0; i < DAY_COUNT; i++) if (working[i] === 1) nthWorkingDay[k++] = i;
  return { working, cumulative, nthWorkingDay };
}

/**
 * Built tables by what they depend on (weekdays and official schedules, not the hours), most
 * recently used last. Tables are never mutated, so calendars share them: a service that creates
 * a calendar per request (or per test) pays the few milliseconds of building once. Bounded,
 * because each table is about 1 MB and schedules edited at run time produce new keys.
 */
const tableCache = new Map<string, DayTables>();
const TABLE_CACHE_SIZE = 8;

function dayTablesFor(worksOn: boolean[], official: Map<number, YearSchedule>): DayTables {
  const years = [...official.keys()].sort((a, b) => a - b);
  const key = JSON.stringify([worksOn, years.map((y) => official.get(y))]);
  let tables = tableCache.get(key);
  if (tables === undefined) {
    tables = buildDayTables(worksOn, (year) => official.get(year) ?? cachedProvisionalSchedule(year));
    if (tableCache.size >= TABLE_CACHE_SIZE) tableCache.delete(tableCache.keys().next().value!);
  } else {
    tableCache.delete(key);
  }
  tableCache.set(key, tables);
  return tables;
}

/**
 * Builds the calendar of one tenant. Building the per-day tables for 1900–2199 costs a few
 * milliseconds (plus, once per process, the lunar computations of the provisional schedules);
 * calendars with the same weekdays and schedules share them. After that every method is O(1)
 * in the span of time involved.
 */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const hours = structuredClone(options.hours ?? DEFAULT_WORKING_HOURS);
  const { starts, ends, before, msPerDay, minutesPerDay, worksOn } = compileWorkingHours(hours);
  const official = officialSchedulesByYear(options.schedules);
  const scheduleOf = (year: number): YearSchedule => official.get(year) ?? cachedProvisionalSchedule(year);
  const { working, cumulative, nthWorkingDay } = dayTablesFor(worksOn, official);
  const workingDayCount = nthWorkingDay.length;

  const intervalCount = starts.length;
  const firstStart = starts[0]!;

  function dayIndex(at: Instant, field: string): number {
    const i = Math.floor((at - ORIGIN) / DAY_MS);
    // Also rejects NaN and ±Infinity.
    if (!(i >= 0 && i < DAY_COUNT)) throw outOfRange(field);
    return i;
  }

  /** Index of the first working day after day i. */
  function nextWorkingDayAfter(i: number, field: string): number {
    const k = cumulative[i + 1]!;
    if (k >= workingDayCount) throw outOfRange(field);
    return nthWorkingDay[k]!;
  }

  /** Working ms from the start of the day to `msOfDay` on a working day. */
  function workedInDay(msOfDay: number): number {
    let worked = 0;
    for (let j = 0; j < intervalCount; j++) {
      const s = starts[j]!;
      if (msOfDay <= s) break;
      const e = ends[j]!;
      worked += Math.min(msOfDay, e) - s;
    }
    return worked;
  }

  /** W(at): working ms from ORIGIN to `at`. */
  function workedUntil(at: Instant, field: string): number {
    const i = dayIndex(at, field);
    const base = cumulative[i]! * msPerDay;
    return working[i] === 1 ? base + workedInDay(at - ORIGIN - i * DAY_MS) : base;
  }

  /**
   * An instant t with W(t) = `worked`. W is flat outside working time, so there is a range of
   * them: `earliest` picks its first moment (the end of an interval, as adding time must: 07:30
   * + 4 h is 11:30, not 13:30), otherwise its last (the start of an interval, for subtracting).
   */
  function instantAtWorked(worked: number, earliest: boolean, field: string): Instant {
    let k = Math.floor(worked / msPerDay);
    let r = worked - k * msPerDay;
    // Guards against rounding when instants are not whole milliseconds.
    if (r < 0) {
      k -= 1;
      r += msPerDay;
    } else if (r >= msPerDay) {
      k += 1;
      r -= msPerDay;
    }
    if (earliest && r === 0) {
      k -= 1;
      r = msPerDay;
    }
    if (k < 0 || k >= workingDayCount) throw outOfRange(field);
    const dayStart = ORIGIN + nthWorkingDay[k]! * DAY_MS;
    for (let j = 0; j < intervalCount; j++) {
      const s = starts[j]!;
      const end = before[j]! + (ends[j]! - s);
      if (earliest ? r <= end : r < end) return dayStart + s + (r - before[j]!);
    }
    return dayStart + ends[intervalCount - 1]!;
  }

  function addWorkingMs(start: Instant, delta: number, field: string): Instant {
    const worked = workedUntil(start, '/start');
    if (delta === 0) return start;
    return instantAtWorked(worked + delta, delta > 0, field);
  }

  const calendar: WorkingCalendar = {
    hours,
    minutesPerDay,

    isWorkingDay(date: string): boolean {
      const i = dayNumberOf(date) - FIRST_DAY;
      if (!(i >= 0 && i < DAY_COUNT)) throw outOfRange('/date');
      return working[i] === 1;
    },

    isWorkingTime(at: Instant): boolean {
      const i = dayIndex(at, '/at');
      if (working[i] !== 1) return false;
      const t = at - ORIGIN - i * DAY_MS;
      for (let j = 0; j < intervalCount; j++) {
        if (t < ends[j]!) return t >= starts[j]!;
      }
      return false;
    },

    nextOpening(at: Instant): Instant {
      let i = dayIndex(at, '/at');
      const t = at - ORIGIN - i * DAY_MS;
      if (working[i] === 1) {
        for (let j = 0; j < intervalCount; j++) {
          if (t < ends[j]!) return t >= starts[j]! ? at : ORIGIN + i * DAY_MS + starts[j]!;
        }
      }
      i = nextWorkingDayAfter(i, '/at');
      return ORIGIN + i * DAY_MS + firstStart;
    },

    addWorkingDays(start: Instant, days: number): Instant {
      if (!(Number.isInteger(days) && days >= 0))
        throw invalidAmount('/days', days, 'number of working days');
      let i = dayIndex(start, '/start');
      let t = start - ORIGIN - i * DAY_MS;
      // Inline nextOpening, keeping the day and time apart: the due moment is the same time of
      // day on the target working day.
      let open = false;
      if (working[i] === 1) {
        for (let j = 0; j < intervalCount; j++) {
          if (t < ends[j]!) {
            if (t < starts[j]!) t = starts[j]!;
            open = true;
            break;
          }
        }
      }
      if (!open) {
        i = nextWorkingDayAfter(i, '/start');
        t = firstStart;
      }
      const k = cumulative[i]! + days;
      if (k >= workingDayCount) throw outOfRange('/days');
      return ORIGIN + nthWorkingDay[k]! * DAY_MS + t;
    },

    addWorkingMinutes(start: Instant, minutes: number): Instant {
      if (!Number.isFinite(minutes)) throw invalidAmount('/minutes', minutes, 'number of minutes');
      return addWorkingMs(start, Math.round(minutes * MINUTE_MS), '/minutes');
    },

    addWorkingHours(start: Instant, hoursToAdd: number): Instant {
      if (!Number.isFinite(hoursToAdd)) throw invalidAmount('/hours', hoursToAdd, 'number of hours');
      return addWorkingMs(start, Math.round(hoursToAdd * 60 * MINUTE_MS), '/hours');
    },

    workingMinutesBetween(from: Instant, to: Instant): number {
      return (workedUntil(to, '/to') - workedUntil(from, '/from')) / MINUTE_MS;
    },

    workingTimeBetween(from: Instant, to: Instant): WorkingTime {
      const minutes = calendar.workingMinutesBetween(from, to);
      return { days: Math.floor(minutes / minutesPerDay), hours: minutes / 60, minutes };
    },

    localDate(at: Instant): string {
      return formatLocalDate(at);
    },

    schedule(year: number): YearSchedule {
      if (!isSupportedYear(year)) throw yearOutOfRange(year);
      return copySchedule(scheduleOf(year));
    },
  };
  return calendar;
}

import {
  DEFAULT_WORKING_HOURS,
  type Instant,
  VN_OFFSET_MS,
  type WorkingCalendar,
  type WorkingHours,
  type WorkingTime,
  type YearSchedule,
} from '../calendar/types.ts';

/**
 * A deliberately naive `WorkingCalendar` for the clock's tests: default working hours, weekends
 * off and optional extra days off, computed with day-by-day loops. It exists so that the clock
 * can be tested without depending on the real calendar, and so that the real one can be checked
 * against an implementation simple enough to be obviously right. Never use it in production.
 */
export interface TestCalendarOptions {
  /** Extra weekdays off, local `YYYY-MM-DD`. */
  daysOff?: string[];
  hours?: WorkingHours;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function toMinuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function createTestCalendar(options: TestCalendarOptions = {}): WorkingCalendar {
  const hours = options.hours ?? DEFAULT_WORKING_HOURS;
  const daysOff = new Set(options.daysOff ?? []);
  const intervals = hours.intervals.map((i) => ({
    start: toMinuteOfDay(i.start) * MINUTE,
    end: toMinuteOfDay(i.end) * MINUTE,
  }));
  const minutesPerDay = intervals.reduce((sum, i) => sum + (i.end - i.start) / MINUTE, 0);

  const dayIndex = (at: Instant) => Math.floor((at + VN_OFFSET_MS) / DAY);
  const dayStart = (index: number) => index * DAY - VN_OFFSET_MS;
  const dateOf = (index: number) => new Date(index * DAY).toISOString().slice(0, 10);
  const isWorkingDayIndex = (index: number) => {
    // 1970-01-01 was a Thursday (ISO weekday 4).
    const isoWeekday = ((((index + 3) % 7) + 7) % 7) + 1;
    return hours.weekdays.includes(isoWeekday) && !daysOff.has(dateOf(index));
  };

  /** Working intervals of one local day as absolute instants (empty on a day off). */
  const intervalsOf = (index: number) =>
    isWorkingDayIndex(index)
      ? intervals.map((i) => ({ start: dayStart(index) + i.start, end: dayStart(index) + i.end }))
      : [];

  const isWorkingTime = (at: Instant) => intervalsOf(dayIndex(at)).some((i) => at >= i.start && at < i.end);

  const nextOpening = (at: Instant): Instant => {
    for (let index = dayIndex(at); ; index++) {
      for (const i of intervalsOf(index)) {
        if (at < i.end) return Math.max(at, i.start);
      }
    }
  };

  const addWorkingMinutes = (start: Instant, minutes: number): Instant => {
    if (minutes < 0) throw new Error('test calendar: negative minutes are not supported');
    let left = minutes * MINUTE;
    if (left === 0) return start;
    for (let index = dayIndex(start); ; index++) {
      for (const i of intervalsOf(index)) {
        if (start >= i.end) continue;
        const from = Math.max(start, i.start);
        if (left <= i.end - from) return from + left;
        left -= i.end - from;
      }
    }
  };

  const workingMinutesBetween = (from: Instant, to: Instant): number => {
    if (to < from) return -workingMinutesBetween(to, from);
    let total = 0;
    for (let index = dayIndex(from); index <= dayIndex(to); index++) {
      for (const i of intervalsOf(index)) {
        total += Math.max(0, Math.min(to, i.end) - Math.max(from, i.start));
      }
    }
    return total / MINUTE;
  };

  return {
    hours,
    minutesPerDay,
    isWorkingDay: (date) => isWorkingDayIndex(Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY)),
    isWorkingTime,
    nextOpening,
    addWorkingDays(start, days) {
      const opening = nextOpening(start);
      const timeOfDay = opening - dayStart(dayIndex(opening));
      let index = dayIndex(opening);
      for (let n = days; n > 0; ) {
        index++;
        if (isWorkingDayIndex(index)) n--;
      }
      return dayStart(index) + timeOfDay;
    },
    addWorkingMinutes,
    addWorkingHours: (start, h) => addWorkingMinutes(start, h * 60),
    workingMinutesBetween,
    workingTimeBetween(from, to): WorkingTime {
      const minutes = workingMinutesBetween(from, to);
      return { days: Math.floor(minutes / minutesPerDay), hours: minutes / 60, minutes };
    },
    localDate: (at) => dateOf(dayIndex(at)),
    schedule: (year): YearSchedule => ({
      year,
      provisional: true,
      daysOff: [...daysOff]
        .filter((d) => d.startsWith(`${year}-`))
        .map((date) => ({ date, name: 'test day off', kind: 'holiday' as const })),
      workingWeekendDays: [],
    }),
  };
}

/** Epoch ms of a local (UTC+7) wall-clock time, e.g. `vn('2025-03-03 07:30')`. */
export function vn(local: string): Instant {
  return Date.parse(`${local.replace(' ', 'T')}:00+07:00`);
}

/**
 * Which schedule is in force for a year: an official one (shipped, or supplied at run time by an
 * administrator) or else the provisional rule. Supplied schedules are validated here because
 * they come from people, and a wrong date would silently shift every deadline.
 */
import type { FieldProblem } from '../errors.ts';
import { Invalid } from '../errors.ts';
import { type DayNumber, dayNumberOf, isoWeekday } from './dates.ts';
import { provisionalSchedule } from './holidays.ts';
import { OFFICIAL_SCHEDULES } from './official-schedules.ts';
import type { DayOffKind, YearSchedule } from './types.ts';

export const CALENDAR_FIRST_YEAR = 1900;
export const CALENDAR_LAST_YEAR = 2199;

const KINDS: readonly DayOffKind[] = ['holiday', 'compensatory', 'swapped'];

function problem(field: string, messageVi: string, messageEn: string): FieldProblem {
  return { field, messageVi, messageEn };
}

export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR;
}

export function yearOutOfRange(year: number, field = '/year'): Invalid {
  return new Invalid(
    [
      problem(
        field,
        `Năm ${year} nằm ngoài phạm vi lịch được hỗ trợ (${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}).`,
        `Year ${year} is outside the supported calendar range (${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}).`,
      ),
    ],
    'calendar_out_of_range',
  );
}

/**
 * Checks one schedule and returns a normalised copy (names in NFC, entries sorted by date). Every
 * entry must lie in the schedule's own year, so that `schedule(year)` lists all of that year's
 * days: a 31 December swapped for the next New Year belongs to the December year's schedule.
 */
export function validateSchedule(schedule: YearSchedule, path = ''): YearSchedule {
  const problems: FieldProblem[] = [];
  const { year } = schedule;
  if (!isSupportedYear(year)) {
    throw yearOutOfRange(year, `${path}/year`);
  }
  const seen = new Set<DayNumber>();
  const checkDate = (date: string, field: string, weekend: boolean): DayNumber | undefined => {
    let day: DayNumber;
    try {
      day = dayNumberOf(date, field);
    } catch {
      problems.push(problem(field, `Ngày "${date}" không hợp lệ.`, `"${date}" is not a valid date.`));
      return undefined;
    }
    if (Number(date.slice(0, 4)) !== year) {
      problems.push(
        problem(field, `Ngày ${date} không thuộc năm ${year}.`, `${date} does not belong to year ${year}.`),
      );
    }
    const isWeekend = isoWeekday(day) >= 6;
    if (isWeekend !== weekend) {
      problems.push(
        weekend
          ? problem(
              field,
              `Ngày ${date} không phải thứ Bảy hoặc Chủ nhật.`,
              `${date} is not a Saturday or Sunday.`,
            )
          : problem(
              field,
              `Ngày ${date} là ngày nghỉ hằng tuần, không cần khai báo là ngày nghỉ.`,
              `${date} is a weekend day; only weekdays are listed as days off.`,
            ),
      );
    }
    if (seen.has(day)) {
      problems.push(problem(field, `Ngày ${date} bị khai báo hai lần.`, `${date} is listed twice.`));
    }
    seen.add(day);
    return day;
  };

  const daysOff = schedule.daysOff.map((d, i) => {
    const field = `${path}/daysOff/${i}`;
    checkDate(d.date, `${field}/date`, false);
    if (!KINDS.includes(d.kind)) {
      problems.push(
        problem(`${field}/kind`, `Loại ngày nghỉ "${d.kind}" không hợp lệ.`, `Unknown kind "${d.kind}".`),
      );
    }
    const name = (d.name ?? '').normalize('NFC').trim();
    if (name === '') problems.push(problem(`${field}/name`, 'Thiếu tên ngày nghỉ.', 'The name is missing.'));
    return { date: d.date, name, kind: d.kind };
  });
  const workingWeekendDays = schedule.workingWeekendDays.map((w, i) => {
    const field = `${path}/workingWeekendDays/${i}`;
    checkDate(w.date, `${field}/date`, true);
    return { date: w.date, reason: (w.reason ?? '').normalize('NFC').trim() };
  });
  if (problems.length > 0) throw new Invalid(problems, 'invalid_schedule');

  const byDate = (a: { date: string }, b: { date: string }) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
  return {
    year,
    provisional: schedule.provisional === true,
    daysOff: daysOff.sort(byDate),
    workingWeekendDays: workingWeekendDays.sort(byDate),
  };
}

/** Official schedules by year: the shipped ones, each replaced by a supplied one for its year. */
export function officialSchedulesByYear(supplied: readonly YearSchedule[] = []): Map<number, YearSchedule> {
  const byYear = new Map<number, YearSchedule>();
  for (const s of OFFICIAL_SCHEDULES) byYear.set(s.year, validateSchedule(s));
  const suppliedYears = new Set<number>();
  supplied.forEach((s, i) => {
    if (suppliedYears.has(s.year)) {
      throw new Invalid(
        [
          problem(
            `/schedules/${i}/year`,
            `Có hai lịch nghỉ cho năm ${s.year}.`,
            `Two schedules were given for year ${s.year}.`,
          ),
        ],
        'invalid_schedule',
      );
    }
    suppliedYears.add(s.year);
    byYear.set(s.year, validateSchedule(s, `/schedules/${i}`));
  });
  return byYear;
}

const provisionalCache = new Map<number, YearSchedule>();

/**
 * The provisional schedule of a year, computed once per process: the lunar computations behind
 * 300 years of it dominate the cost of building a calendar, and the result never changes.
 * Callers must not mutate it (`copySchedule` before handing it out).
 */
export function cachedProvisionalSchedule(year: number): YearSchedule {
  let s = provisionalCache.get(year);
  if (s === undefined) {
    s = provisionalSchedule(year);
    provisionalCache.set(year, s);
  }
  return s;
}

export function copySchedule(s: YearSchedule): YearSchedule {
  return {
    year: s.year,
    provisional: s.provisional,
    daysOff: s.daysOff.map((d) => ({ ...d })),
    workingWeekendDays: s.workingWeekendDays.map((w) => ({ ...w })),
  };
}

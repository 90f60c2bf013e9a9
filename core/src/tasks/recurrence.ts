/**
 * Periods of a recurring task ("báo cáo trước ngày 20 hằng tháng", "báo cáo quý"): one task per
 * period, due on a date computed here. Pure and calendar-free: the due date becomes a due moment
 * through `dueAtOfDate` (end of that working day, a day off moving it to the next working day).
 */
import {
  civilFromDays,
  type DayNumber,
  dayNumberOf,
  daysFromCivil,
  daysInMonth,
  formatDayNumber,
  isoWeekday,
} from '../calendar/dates.ts';
import { fieldProblem, Invalid } from '../errors.ts';
import { RECURRENCE_FREQUENCIES, type RecurrenceSpec } from './types.ts';

export interface Period {
  /** `2026-W05`, `2026-03`, `2026-Q1`, `2026-H1`, `2026` */
  key: string;
  /** First and last day of the period, `YYYY-MM-DD`. */
  start: string;
  end: string;
  /** The date the period's report is due (before moving off a day off). */
  dueDate: string;
}

const MONTHS_PER: Record<Exclude<RecurrenceSpec['frequency'], 'weekly'>, number> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  yearly: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Problems of a recurrence, each naming its field under `base` (empty when valid). */
export function recurrenceProblems(spec: RecurrenceSpec, base = '/deadline/recurrence') {
  const problems = [];
  if (!(RECURRENCE_FREQUENCIES as readonly string[]).includes(spec.frequency))
    problems.push(
      fieldProblem(`${base}/frequency`, 'Chu kỳ không hợp lệ.', `Unknown frequency "${spec.frequency}".`),
    );
  if (spec.dayOfMonth !== undefined) {
    if (spec.frequency === 'weekly')
      problems.push(
        fieldProblem(
          `${base}/dayOfMonth`,
          'Báo cáo hằng tuần không có ngày trong tháng.',
          'A weekly recurrence has no day of the month.',
        ),
      );
    else if (!Number.isInteger(spec.dayOfMonth) || spec.dayOfMonth < 1 || spec.dayOfMonth > 31)
      problems.push(
        fieldProblem(
          `${base}/dayOfMonth`,
          'Ngày trong tháng phải từ 1 đến 31.',
          'The day of the month must be 1–31.',
        ),
      );
  }
  for (const key of ['startsOn', 'endsOn'] as const) {
    const v = spec[key];
    if (v === undefined) continue;
    try {
      dayNumberOf(v, `${base}/${key}`);
    } catch (e) {
      if (e instanceof Invalid) problems.push(...e.fields);
      else throw e;
    }
  }
  if (spec.startsOn && spec.endsOn && spec.endsOn < spec.startsOn)
    problems.push(
      fieldProblem(
        `${base}/endsOn`,
        'Ngày kết thúc phải sau ngày bắt đầu.',
        'The end date must not be before the start date.',
      ),
    );
  return problems;
}

function monthlyPeriod(spec: RecurrenceSpec, year: number, firstMonth: number, months: number): Period {
  const lastMonth = firstMonth + months - 1;
  const start = `${year}-${pad(firstMonth)}-01`;
  const end = `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`;
  let key: string;
  if (months === 1) key = `${year}-${pad(firstMonth)}`;
  else if (months === 3) key = `${year}-Q${(firstMonth + 2) / 3}`;
  else if (months === 6) key = `${year}-H${firstMonth === 1 ? 1 : 2}`;
  else key = String(year);
  let dueDate = end;
  if (spec.dayOfMonth !== undefined) {
    const before = spec.before ?? true;
    const monthDays = daysInMonth(year, lastMonth);
    const day = Math.min(spec.dayOfMonth, monthDays);
    // "trước ngày 1" would fall in the previous month: keep it inside the period.
    const dueDay = before && spec.dayOfMonth <= monthDays ? Math.max(1, day - 1) : day;
    dueDate = `${year}-${pad(lastMonth)}-${pad(dueDay)}`;
  }
  return { key, start, end, dueDate };
}

function weeklyPeriod(monday: DayNumber): Period {
  const thursday = monday + 3;
  const { year } = civilFromDays(thursday);
  const jan4 = daysFromCivil(year, 1, 4);
  const week1Monday = jan4 - (isoWeekday(jan4) - 1);
  const week = Math.floor((monday - week1Monday) / 7) + 1;
  return {
    key: `${year}-W${pad(week)}`,
    start: formatDayNumber(monday),
    end: formatDayNumber(monday + 6),
    dueDate: formatDayNumber(monday + 4),
  };
}

/** The period of `spec` containing the date. */
export function periodContaining(spec: RecurrenceSpec, date: string): Period {
  const day = dayNumberOf(date);
  if (spec.frequency === 'weekly') return weeklyPeriod(day - (isoWeekday(day) - 1));
  const { year, month } = civilFromDays(day);
  const months = MONTHS_PER[spec.frequency];
  const firstMonth = Math.floor((month - 1) / months) * months + 1;
  return monthlyPeriod(spec, year, firstMonth, months);
}

/** The period right after `period`. */
export function nextPeriod(spec: RecurrenceSpec, period: Period): Period {
  return periodContaining(spec, formatDayNumber(dayNumberOf(period.end) + 1));
}

/**
 * The periods to create: from the period containing `spec.startsOn` (or `from`, whichever is
 * later) on, stopping after the period containing `spec.endsOn`, keeping those whose due date is
 * on or after `from` (no task born late) and on or before `until` (the horizon). `after` skips
 * periods up to and including that key (the last one already created). At most `limit` periods.
 */
export function periodsToCreate(
  spec: RecurrenceSpec,
  options: { from: string; until: string; after?: string | null; limit?: number },
): Period[] {
  const limit = options.limit ?? 400;
  const startDate = spec.startsOn && spec.startsOn > options.from ? spec.startsOn : options.from;
  const out: Period[] = [];
  let p = periodContaining(spec, spec.startsOn ?? options.from);
  // Walk forward to the first period that can matter (cheap: at most a few hundred steps).
  for (let guard = 0; p.end < startDate && guard < 10_000; guard++) p = nextPeriod(spec, p);
  for (let guard = 0; guard < 10_000 && out.length < limit; guard++) {
    if (spec.endsOn && p.start > spec.endsOn) break;
    if (p.dueDate > options.until) break;
    const already = options.after != null && comparePeriodKeys(p.key, options.after) <= 0;
    if (!already && p.dueDate >= options.from) out.push(p);
    p = nextPeriod(spec, p);
  }
  return out;
}

/** Orders keys of the same frequency (`2026-W05` < `2026-W10`, `2026-Q1` < `2026-Q2`). */
export function comparePeriodKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A Vietnamese label for a period: "tháng 03/2026", "quý I/2026", "tuần 05/2026"… */
export function periodLabel(key: string): { vi: string; en: string } {
  const roman = ['I', 'II', 'III', 'IV'];
  let m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (m) return { vi: `tuần ${m[2]}/${m[1]}`, en: `week ${m[2]} of ${m[1]}` };
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return { vi: `tháng ${m[2]}/${m[1]}`, en: `${m[1]}-${m[2]}` };
  m = /^(\d{4})-Q(\d)$/.exec(key);
  if (m) return { vi: `quý ${roman[Number(m[2]) - 1]}/${m[1]}`, en: `Q${m[2]} ${m[1]}` };
  m = /^(\d{4})-H(\d)$/.exec(key);
  if (m)
    return {
      vi: `${m[2] === '1' ? '6 tháng đầu năm' : '6 tháng cuối năm'} ${m[1]}`,
      en: `${m[2] === '1' ? 'first' : 'second'} half of ${m[1]}`,
    };
  return { vi: `năm ${key}`, en: key };
}

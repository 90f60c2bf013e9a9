import type { Instant, WorkingCalendar } from '../calendar/types.ts';
import { addBudget } from './budget.ts';
import type { ClockData, ClockEvaluation, ClockOutcome, ClockPause, EvaluateOptions } from './types.ts';

/** The latest instant recorded in the clock; operations may not go back before it. */
export function lastEventAt(data: ClockData): Instant {
  let last = data.startedAt;
  for (const p of data.pauses) last = Math.max(last, p.from, p.to ?? p.from);
  for (const e of data.extensions) last = Math.max(last, e.at);
  return data.stoppedAt === null ? last : Math.max(last, data.stoppedAt);
}

export function openPause(data: ClockData): ClockPause | null {
  const last = data.pauses.at(-1);
  return last !== undefined && last.to === null ? last : null;
}

/** Paused working minutes inside [from, to]; an open pause runs until `to`. */
function pausedBetween(pauses: ClockPause[], calendar: WorkingCalendar, from: Instant, to: Instant): number {
  let minutes = 0;
  for (const p of pauses) {
    const a = Math.max(p.from, from);
    const b = Math.min(p.to ?? to, to);
    if (b > a) minutes += calendar.workingMinutesBetween(a, b);
  }
  return minutes;
}

interface DueComputation {
  dueAt: Instant;
  budgetMinutes: number;
  pausedMinutes: number;
}

/**
 * Due moment and budget as of `asOf`: events after it are treated as not having happened yet,
 * and an open pause counts until `asOf`. O(pauses) with a constant number of calendar calls each.
 */
function computeDue(data: ClockData, calendar: WorkingCalendar, asOf: Instant): DueComputation {
  const start = data.startedAt;
  let extension: ClockData['extensions'][number] | undefined;
  for (const e of data.extensions) if (e.at <= asOf) extension = e;

  // Skipping the shift when nothing was paused keeps the due exactly where addWorkingDays put it
  // (e.g. 07:30 the next morning rather than the equivalent 17:00 the evening before).
  const shift = (due: Instant, minutes: number) =>
    minutes > 0 ? calendar.addWorkingMinutes(due, minutes) : due;

  if (extension?.kind === 'due') {
    // The granter chose the due knowing the pauses so far; only later pauses push it back.
    const before = pausedBetween(data.pauses, calendar, start, extension.at);
    const after = pausedBetween(data.pauses, calendar, extension.at, asOf);
    return {
      dueAt: shift(extension.dueAt, after),
      budgetMinutes: calendar.workingMinutesBetween(start, extension.dueAt) - before,
      pausedMinutes: before + after,
    };
  }
  const budget = extension?.kind === 'budget' ? extension.budget : data.budget;
  const base = addBudget(calendar, start, budget);
  const paused = pausedBetween(data.pauses, calendar, start, asOf);
  return {
    dueAt: shift(base, paused),
    budgetMinutes: calendar.workingMinutesBetween(start, base),
    pausedMinutes: paused,
  };
}

/**
 * The due moment. Once stopped it is final. While paused it keeps moving later; it is computed
 * with the open pause counted until `now`, or, without `now`, until the last recorded event
 * (the due as it stood when the clock was paused).
 */
export function dueAtOf(data: ClockData, calendar: WorkingCalendar, now?: Instant): Instant {
  return computeDue(data, calendar, asOfInstant(data, now ?? lastEventAt(data))).dueAt;
}

function asOfInstant(data: ClockData, now: Instant): Instant {
  const t = Math.max(now, data.startedAt);
  return data.stoppedAt !== null && data.stoppedAt <= t ? data.stoppedAt : t;
}

/** Trước hạn = before the due day, đúng hạn = on the due day by the due moment, quá hạn = after it. */
export function outcomeOf(stoppedAt: Instant, dueAt: Instant, calendar: WorkingCalendar): ClockOutcome {
  if (stoppedAt > dueAt) return 'late';
  return calendar.localDate(stoppedAt) === calendar.localDate(dueAt) ? 'on_time' : 'early';
}

/**
 * Where the clock stands at `now`. Events recorded after `now` are ignored, so the same data can
 * be evaluated as of any past instant (reports "as at the end of the quarter"); `now` before the
 * start counts as the start. Overdue means `now` is after the due moment, even in the evening
 * right after a 17:00 due when no working minute has yet been lost.
 */
export function evaluateClock(
  data: ClockData,
  calendar: WorkingCalendar,
  now: Instant,
  options: EvaluateOptions = {},
): ClockEvaluation {
  const atRiskShare = options.atRiskShare ?? 0.75;
  if (!(atRiskShare > 0 && atRiskShare <= 1)) {
    throw new RangeError(`atRiskShare must be in (0, 1], got ${atRiskShare}`);
  }
  const t = asOfInstant(data, now);
  const stopped = data.stoppedAt !== null && data.stoppedAt <= t;
  const { dueAt, budgetMinutes, pausedMinutes } = computeDue(data, calendar, t);
  const usedMinutes = calendar.workingMinutesBetween(data.startedAt, t) - pausedMinutes;
  const leftMinutes = budgetMinutes - usedMinutes;

  let pausedSince: Instant | null = null;
  if (!stopped) {
    for (const p of data.pauses) if (p.from <= t && (p.to === null || p.to > t)) pausedSince = p.from;
  }
  const extensionCount = data.extensions.filter((e) => e.at <= t).length;
  const base = { dueAt, budgetMinutes, usedMinutes, leftMinutes, pausedMinutes, extensionCount };

  if (stopped) {
    return {
      ...base,
      state: 'stopped',
      pausedSince: null,
      status: null,
      atRisk: false,
      outcome: outcomeOf(t, dueAt, calendar),
    };
  }
  const status = t > dueAt ? 'overdue' : 'within';
  return {
    ...base,
    state: pausedSince === null ? 'running' : 'paused',
    pausedSince,
    status,
    atRisk: status === 'within' && usedMinutes >= atRiskShare * budgetMinutes,
    outcome: null,
  };
}

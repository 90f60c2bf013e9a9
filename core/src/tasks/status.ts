/**
 * Status as the Office reports it — "đang thực hiện trong hạn / quá hạn; hoàn thành trước hạn /
 * đúng hạn / quá hạn" — always derived from the kernel's clock evaluation, never stored.
 */
import type { Instant, WorkingCalendar } from '../calendar/types.ts';
import { evaluateClock } from '../sla/evaluate.ts';
import type { ClockData, ClockEvaluation } from '../sla/types.ts';
import { TASK_AT_RISK_SHARE } from './types.ts';

export const TASK_STATUSES = [
  'within',
  'at_risk',
  'overdue',
  'done_early',
  'on_time',
  'late',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Filter values accepted by the list: the statuses plus `open` (any open task) and `done`. */
export const TASK_STATUS_FILTERS = [...TASK_STATUSES, 'open', 'done'] as const;
export type TaskStatusFilter = (typeof TASK_STATUS_FILTERS)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, { vi: string; en: string }> = {
  within: { vi: 'Đang thực hiện trong hạn', en: 'In progress, within the deadline' },
  at_risk: { vi: 'Sắp đến hạn', en: 'At risk (deadline close)' },
  overdue: { vi: 'Đang thực hiện quá hạn', en: 'Overdue' },
  done_early: { vi: 'Hoàn thành trước hạn', en: 'Done early' },
  on_time: { vi: 'Hoàn thành đúng hạn', en: 'Done on time' },
  late: { vi: 'Hoàn thành quá hạn', en: 'Done late' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

/**
 * One status per task. `at_risk` is a kind of `within` (the Office's report counts it as within);
 * a cancelled task is `cancelled` whatever its clock said.
 */
export function taskStatus(evaluation: ClockEvaluation | null, cancelled: boolean): TaskStatus {
  if (cancelled) return 'cancelled';
  if (!evaluation) return 'within';
  if (evaluation.state === 'stopped') {
    if (evaluation.outcome === 'early') return 'done_early';
    if (evaluation.outcome === 'on_time') return 'on_time';
    return 'late';
  }
  if (evaluation.status === 'overdue') return 'overdue';
  return evaluation.atRisk ? 'at_risk' : 'within';
}

/** True when the status counts as "in progress within the deadline" in the Office's report. */
export function isWithin(status: TaskStatus): boolean {
  return status === 'within' || status === 'at_risk';
}

export function isDone(status: TaskStatus): boolean {
  return status === 'done_early' || status === 'on_time' || status === 'late';
}

/**
 * The moment an open task becomes "at risk" (the share of its working time used), as of `now`:
 * the clock's at-risk moment while it runs (the same moment the kernel's at-risk reminder uses),
 * `now` when a paused clock is already at risk, null when it cannot become at risk (paused short
 * of the share, stopped, no clock). Stored as an index, rewritten whenever the clock changes.
 */
export function atRiskMoment(
  clock: ClockData | null,
  calendar: WorkingCalendar,
  now: Instant,
  share = TASK_AT_RISK_SHARE,
): Instant | null {
  if (!clock || clock.stoppedAt !== null) return null;
  const e = evaluateClock(clock, calendar, now, { atRiskShare: share });
  if (e.state === 'paused') return e.atRisk ? now : null;
  return calendar.addWorkingMinutes(clock.startedAt, share * e.budgetMinutes + e.pausedMinutes);
}

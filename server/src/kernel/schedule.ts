/**
 * When an item's reminder, overdue and escalation jobs should run, computed from its clock and
 * its kind's configuration, and the (re)scheduling done after every change. Each job has a key
 * unique per item and purpose, so scheduling is idempotent; a paused or stopped clock removes the
 * item's jobs (resuming schedules them again).
 */
import type { WorkingCalendar } from '@dieuhanh/core/calendar/index';
import { addBudget, type Budget, evaluateClock } from '@dieuhanh/core/sla/index';
import type { Db } from '../platform/db.ts';
import { deleteKeyedJobs, upsertKeyedJob } from './jobs-repository.ts';
import type { EscalationConfig, KindConfig } from './registry.ts';
import type { WorkItem } from './types.ts';

export const REMIND_JOB = 'kernel.remind';
export const OVERDUE_JOB = 'kernel.overdue';
export const ESCALATE_JOB = 'kernel.escalate';

export interface PlannedJob {
  key: string;
  kind: string;
  purpose: string;
  /** The moment (epoch ms) the job is for. */
  at: number;
  payload: Record<string, unknown>;
}

export const jobKey = (itemId: string, purpose: string) => `wi:${itemId}:${purpose}`;

/** Every purpose the kind may schedule for an item, planned or not. */
export function purposesOf(config: KindConfig): string[] {
  return [
    ...(config.reminders?.before ?? []).map((_, i) => `remind:${i}`),
    ...(config.reminders?.atRiskShare ? ['at_risk'] : []),
    'overdue',
    ...(config.escalation ? ['escalate'] : []),
  ];
}

function minutesOf(budget: Budget, cal: WorkingCalendar): number {
  return budget.unit === 'days' ? budget.amount * cal.minutesPerDay : budget.amount * 60;
}

/** When escalation `level` (1 = the owner unit) is due: after the due moment, then every period. */
export function escalationMoment(
  cal: WorkingCalendar,
  dueAt: number,
  esc: EscalationConfig,
  level: number,
): number {
  const first = esc.after && esc.after.amount > 0 ? addBudget(cal, dueAt, esc.after) : dueAt;
  if (level <= 1) return first;
  const every = esc.every ?? { unit: 'days', amount: 1 };
  return addBudget(cal, first, { unit: every.unit, amount: every.amount * (level - 1) });
}

/** The jobs an item should have now; none unless its clock runs (started, not paused or stopped). */
export function plannedJobs(
  config: KindConfig,
  item: WorkItem,
  cal: WorkingCalendar,
  now: Date,
): PlannedJob[] {
  const clock = item.clock;
  if (!clock || item.stoppedAt || item.pausedSince || !item.dueAt) return [];
  const due = item.dueAt.getTime();
  const out: PlannedJob[] = [];
  const add = (purpose: string, kind: string, at: number, extra: Record<string, unknown> = {}) =>
    out.push({
      key: jobKey(item.id, purpose),
      kind,
      purpose,
      at,
      payload: { itemId: item.id, purpose, at, ...extra },
    });
  (config.reminders?.before ?? []).forEach((before, i) => {
    const at = cal.addWorkingMinutes(due, -minutesOf(before, cal));
    if (at > clock.startedAt) add(`remind:${i}`, REMIND_JOB, at);
  });
  const share = config.reminders?.atRiskShare;
  if (share) {
    const e = evaluateClock(clock, cal, now.getTime());
    const at = cal.addWorkingMinutes(clock.startedAt, share * e.budgetMinutes + e.pausedMinutes);
    if (at < due) add('at_risk', REMIND_JOB, at);
  }
  if (!item.overdue) add('overdue', OVERDUE_JOB, due + 1);
  const esc = config.escalation;
  if (esc) {
    const level = (item.counters.escalations ?? 0) + 1;
    if (esc.maxLevels === undefined || level <= esc.maxLevels)
      add('escalate', ESCALATE_JOB, Math.max(escalationMoment(cal, due, esc, level), due + 1), { level });
  }
  return out;
}

/** Brings the item's jobs in line with its current clock (called in the change's transaction). */
export async function scheduleItemJobs(
  tx: Db,
  config: KindConfig,
  item: WorkItem,
  cal: WorkingCalendar,
  now: Date,
) {
  const planned = plannedJobs(config, item, cal, now);
  for (const job of planned) {
    await upsertKeyedJob(tx, {
      tenantId: item.tenantId,
      kind: job.kind,
      key: job.key,
      payload: job.payload,
      runAt: new Date(job.at),
      now,
    });
  }
  const keep = new Set(planned.map((j) => j.key));
  await deleteKeyedJobs(
    tx,
    item.tenantId,
    purposesOf(config)
      .map((p) => jobKey(item.id, p))
      .filter((k) => !keep.has(k)),
  );
}

/**
 * Recurring tasks ("báo cáo trước ngày 20 hằng tháng"). A series row keeps the template; tasks
 * are created one per period whose due date falls within the horizon (`recurrenceHorizonDays`,
 * 45 days by default): those already within it when the series is created, in the same
 * transaction, and later ones by the series' own job (`tasks.series`, keyed per series), which
 * runs when the next period enters the horizon and reschedules itself. A period whose due moment
 * has already passed when it would be created is skipped (no task is born late). The unique key
 * (series, period) and `last_period`, both written in the creating transaction, make a job that
 * runs twice create each period once.
 */
import { randomUUID } from 'node:crypto';
import { P } from '@dieuhanh/core/access/permissions';
import type { WorkingCalendar } from '@dieuhanh/core/calendar/index';
import { DAY_MS, formatLocalDate, parseLocalDate } from '@dieuhanh/core/calendar/index';
import { NotFound } from '@dieuhanh/core/errors';
import {
  dueAtOfDate,
  nextPeriod,
  type Period,
  periodContaining,
  periodLabel,
  periodsToCreate,
  type RecurrenceSpec,
  type TaskPolicy,
} from '@dieuhanh/core/tasks/index';
import {
  type ChangeActor,
  calendarFor,
  enqueueJob,
  type KernelDeps,
  registerJobHandler,
} from '../../kernel/index.ts';
import { appendAudit } from '../../platform/audit.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { replaceAttachments } from '../../platform/files.ts';
import { type CreationPlan, insertTask, type TaskSpec } from './create.ts';
import * as repo from './repository.ts';

export const SERIES_JOB = 'tasks.series';
const jobKey = (seriesId: string) => `task-series:${seriesId}`;

function specOf(series: repo.SeriesRow): TaskSpec {
  return {
    title: series.title,
    content: series.content,
    sourceKind: series.sourceKind as TaskSpec['sourceKind'],
    directiveId: series.directiveId,
    directiveItemId: series.directiveItemId,
    meetingId: series.meetingId,
    conclusionId: series.conclusionId,
    leadUnitId: series.leadUnitId,
    supportUnitIds: series.supportUnitIds as string[],
    assigneeId: series.assigneeId,
    assignerId: series.assignerId,
    priority: series.priority as TaskSpec['priority'],
    attachments: series.attachments as TaskSpec['attachments'],
  };
}

/** When the period after `after` enters the horizon (null when the series has ended). */
function nextRunAt(
  spec: RecurrenceSpec,
  after: string | null,
  today: string,
  policy: TaskPolicy,
): Date | null {
  let p: Period = periodContaining(spec, spec.startsOn && spec.startsOn > today ? spec.startsOn : today);
  for (let guard = 0; ((after !== null && p.key <= after) || p.dueDate < today) && guard < 10_000; guard++)
    p = nextPeriod(spec, p);
  if (spec.endsOn && p.start > spec.endsOn) return null;
  return new Date(parseLocalDate(p.dueDate) - policy.recurrenceHorizonDays * DAY_MS);
}

/**
 * Creates the tasks of the periods now within the horizon, in `tx`; returns their ids and
 * records the last period. The series row must be locked or just inserted by the caller.
 */
async function spawnDue(
  tx: Db,
  series: repo.SeriesRow,
  actor: { change: ChangeActor; files: Actor } | null,
  now: Date,
  cal: WorkingCalendar,
  policy: TaskPolicy,
): Promise<string[]> {
  const spec = series.recurrence as RecurrenceSpec;
  const today = cal.localDate(now.getTime());
  const until = formatLocalDate(now.getTime() + policy.recurrenceHorizonDays * DAY_MS);
  const ids: string[] = [];
  let last = series.lastPeriod;
  for (const period of periodsToCreate(spec, { from: today, until, after: series.lastPeriod })) {
    last = period.key;
    const dueAt = dueAtOfDate(cal, period.dueDate);
    // Less than an hour of working time left: the period is skipped rather than born late.
    if (cal.workingMinutesBetween(now.getTime(), dueAt) < 60) continue;
    const label = periodLabel(period.key);
    ids.push(
      await insertTask(tx, series.tenantId, actor, now, cal, {
        ...specOf(series),
        title: `${series.title} (${label.vi})`,
        dueAt,
        deadline: { date: period.dueDate, period: period.key, recurrence: spec },
        seriesId: series.id,
        period: period.key,
      }),
    );
  }
  if (last !== series.lastPeriod)
    await repo.updateSeries(tx, series.tenantId, series.id, { lastPeriod: last });
  return ids;
}

async function scheduleNext(
  tx: Db,
  series: repo.SeriesRow,
  lastPeriod: string | null,
  now: Date,
  cal: WorkingCalendar,
  policy: TaskPolicy,
) {
  const runAt = nextRunAt(
    series.recurrence as RecurrenceSpec,
    lastPeriod,
    cal.localDate(now.getTime()),
    policy,
  );
  if (!runAt) return null;
  await enqueueJob(tx, now, {
    tenantId: series.tenantId,
    kind: SERIES_JOB,
    key: jobKey(series.id),
    payload: { seriesId: series.id },
    runAt: runAt < now ? now : runAt,
  });
  return runAt;
}

/** Creates a series and its first tasks in the caller's transaction. */
export async function createSeries(
  tx: Db,
  actor: Actor,
  change: ChangeActor,
  now: Date,
  cal: WorkingCalendar,
  policy: TaskPolicy,
  plan: CreationPlan & { recurrence: RecurrenceSpec },
): Promise<{ seriesId: string; taskIds: string[] }> {
  const { tenantId } = actor.principal;
  const id = randomUUID();
  const row: repo.SeriesRow = {
    tenantId,
    id,
    title: plan.title,
    content: plan.content,
    sourceKind: plan.sourceKind,
    directiveId: plan.directiveId,
    directiveItemId: plan.directiveItemId,
    meetingId: plan.meetingId,
    conclusionId: plan.conclusionId,
    assignerId: plan.assignerId,
    leadUnitId: plan.leadUnitId,
    supportUnitIds: plan.supportUnitIds,
    assigneeId: plan.assigneeId,
    priority: plan.priority,
    recurrence: plan.recurrence,
    attachments: plan.attachments.map((a) => ({ sha256: a.sha256, name: a.name ?? null })),
    lastPeriod: null,
    active: true,
    createdBy: actor.principal.userId,
    createdAt: now,
    version: 1,
  };
  await repo.insertSeries(tx, row);
  if (plan.attachments.length) await replaceAttachments(tx, actor, 'task_series', id, plan.attachments);
  const taskIds = await spawnDue(tx, row, { change, files: actor }, now, cal, policy);
  const after = await repo.getSeries(tx, tenantId, id);
  await scheduleNext(tx, row, after?.lastPeriod ?? null, now, cal, policy);
  return { seriesId: id, taskIds };
}

/** The series job: create the periods now within the horizon, then wait for the next one. */
export async function runSeriesJob(
  deps: KernelDeps,
  tenantId: string,
  seriesId: string,
  loadPolicy: (db: Db, tenantId: string) => Promise<TaskPolicy>,
): Promise<{ runAt: Date } | undefined> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const series = await repo.getSeries(tx, tenantId, seriesId, true);
    if (!series?.active) return undefined;
    const cal = await calendarFor(tx, tenantId);
    const policy = await loadPolicy(tx, tenantId);
    await spawnDue(tx, series, null, now, cal, policy);
    const after = await repo.getSeries(tx, tenantId, seriesId);
    const runAt = nextRunAt(
      series.recurrence as RecurrenceSpec,
      after?.lastPeriod ?? null,
      cal.localDate(now.getTime()),
      policy,
    );
    if (!runAt) return undefined;
    return { runAt: runAt < now ? new Date(now.getTime() + 60_000) : runAt };
  });
}

/**
 * POST /api/tasks/series/:id/stop: no further periods are created (the series' job finds it
 * inactive and ends); tasks already created stay and are cancelled one by one if need be.
 */
export async function stopSeries(deps: Deps, actor: Actor, seriesId: string, reason: string) {
  requirePermission(actor, P.taskAssign);
  const { tenantId } = actor.principal;
  return deps.db.transaction(async (tx) => {
    const series = await repo.getSeries(tx, tenantId, seriesId, true);
    if (!series) throw new NotFound('task series');
    if (series.active) {
      await repo.updateSeries(tx, tenantId, seriesId, { active: false });
      await appendAudit(tx, {
        tenantId,
        actorId: actor.principal.userId,
        action: 'task_series.stopped',
        resourceType: 'task_series',
        resourceId: seriesId,
        before: { active: true, lastPeriod: series.lastPeriod },
        after: { active: false, reason: reason.trim() },
        requestId: actor.requestId,
        at: deps.now(),
      });
    }
    return { id: seriesId, active: false, lastPeriod: series.lastPeriod };
  });
}

let loadPolicyForJobs: ((db: Db, tenantId: string) => Promise<TaskPolicy>) | null = null;

/** Installs the job handler (called once when the module loads). */
export function registerSeriesJob(loadPolicy: (db: Db, tenantId: string) => Promise<TaskPolicy>) {
  loadPolicyForJobs = loadPolicy;
  registerJobHandler(SERIES_JOB, (deps, job) =>
    runSeriesJob(deps, job.tenantId, (job.payload as { seriesId: string }).seriesId, loadPolicyForJobs!),
  );
}

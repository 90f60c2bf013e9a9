/**
 * The kernel's own jobs: reminders before the due moment and when at risk, marking an item
 * overdue when its due moment passes, and escalation up the organisation tree. Each re-reads the
 * item and recomputes its moment from the current clock (an extension or a pause may have moved
 * it), then acts through `transition` — the same path as people, with the `system` role — with a
 * dedupe key, so that a job run twice (a lease that ran out) changes the item once.
 */
import { Conflict, DomainError, InvalidTransition } from '@dieuhanh/core/errors';
import { evaluateClock } from '@dieuhanh/core/sla/index';
import { calendarFor } from './calendar.ts';
import { type JobResult, type JobRow, type KernelDeps, registerJobHandler } from './jobs.ts';
import { kindConfig } from './registry.ts';
import * as repo from './repository.ts';
import { ESCALATE_JOB, jobKey, OVERDUE_JOB, plannedJobs, REMIND_JOB } from './schedule.ts';
import type { WorkItem } from './types.ts';
import { getWorkItem, type TransitionInput, transition } from './work-items.ts';

const SYSTEM = ['system'];
const MAX_RACES = 5;

/**
 * Runs a system transition built from the freshest item, again when someone else changed the
 * item in between (stale version). `build` returns null when there is nothing (left) to do.
 */
async function actOnItem(
  deps: KernelDeps,
  job: JobRow,
  build: (
    item: WorkItem,
  ) => Promise<
    Omit<TransitionInput, 'tenantId' | 'itemId' | 'roles' | 'actor' | 'expectedVersion'> | JobResult | null
  >,
): Promise<JobResult> {
  const { itemId } = job.payload as { itemId: string };
  for (let attempt = 0; attempt < MAX_RACES; attempt++) {
    const item = await getWorkItem(deps.db, job.tenantId, itemId);
    if (!item) return undefined;
    const step = await build(item);
    if (!step) return undefined;
    if ('runAt' in step) return step;
    try {
      await transition(deps, {
        ...step,
        tenantId: job.tenantId,
        itemId,
        roles: SYSTEM,
        actor: null,
        expectedVersion: item.version,
      });
      return undefined;
    } catch (error) {
      if (error instanceof Conflict && error.code === 'stale_version') continue;
      // The workflow does not allow its own `remind` in this state, or the item closed meanwhile.
      if (error instanceof InvalidTransition || (error instanceof DomainError && error.status === 403))
        return undefined;
      throw error;
    }
  }
  throw new Error(`item ${itemId} kept changing under job ${job.kind}`);
}

function plannedFor(item: WorkItem, key: string, cal: Awaited<ReturnType<typeof calendarFor>>, now: Date) {
  return plannedJobs(kindConfig(item.kind), item, cal, now).find((p) => p.key === key);
}

async function remind(deps: KernelDeps, job: JobRow): Promise<JobResult> {
  return actOnItem(deps, job, async (item) => {
    const now = deps.now();
    const planned = plannedFor(item, job.key!, await calendarFor(deps.db, item.tenantId), now);
    if (!planned) return null;
    if (planned.at > now.getTime()) return { runAt: new Date(planned.at) };
    return {
      action: 'remind',
      payload: { purpose: planned.purpose, at: new Date(planned.at).toISOString() },
      dedupeKey: `${planned.key}@${planned.at}`,
      notification:
        planned.purpose === 'at_risk'
          ? {
              titleVi: `Sắp đến hạn xử lý: ${item.title}`,
              titleEn: `At risk of missing the due date: ${item.title}`,
            }
          : {
              titleVi: `Nhắc việc, sắp đến hạn: ${item.title}`,
              titleEn: `Reminder, due soon: ${item.title}`,
            },
    };
  });
}

/** The `overdue` step when the item's due moment has passed and it is not yet counted overdue. */
async function overdueStep(deps: KernelDeps, item: WorkItem) {
  if (!item.clock || item.stoppedAt || item.overdue) return null;
  const now = deps.now();
  const cal = await calendarFor(deps.db, item.tenantId);
  const e = evaluateClock(item.clock, cal, now.getTime());
  if (e.state !== 'running') return null;
  if (e.status !== 'overdue') return { runAt: new Date(e.dueAt + 1) };
  return {
    action: 'overdue',
    payload: { dueAt: new Date(e.dueAt).toISOString() },
    dedupeKey: `${jobKey(item.id, 'overdue')}@${e.dueAt}`,
  };
}

async function markOverdue(deps: KernelDeps, job: JobRow): Promise<JobResult> {
  return actOnItem(deps, job, (item) => overdueStep(deps, item));
}

async function escalate(deps: KernelDeps, job: JobRow): Promise<JobResult> {
  // An escalation implies the item is overdue: record that first, in its own change.
  await actOnItem(deps, job, async (item) => {
    const step = await overdueStep(deps, item);
    return step && 'action' in step ? step : null;
  });
  return actOnItem(deps, job, async (item) => {
    const now = deps.now();
    const planned = plannedFor(item, job.key!, await calendarFor(deps.db, item.tenantId), now);
    if (!planned) return null;
    if (planned.at > now.getTime()) return { runAt: new Date(planned.at) };
    const level = planned.payload.level as number;
    // Level 1 is the owner unit, each further level its parent.
    let unit = await repo.unitNode(deps.db, item.tenantId, item.ownerUnitId);
    for (let l = 1; unit && l < level; l++)
      unit = unit.parentId ? await repo.unitNode(deps.db, item.tenantId, unit.parentId) : null;
    if (!unit) return null;
    const roles = kindConfig(item.kind).escalation?.roles ?? ['unit_head', 'leader'];
    const recipients = await repo.usersWithRoleOn(deps.db, item.tenantId, [unit.id], roles);
    return {
      action: 'escalated',
      payload: { level, unitId: unit.id, recipients },
      notifyUsers: recipients,
      dedupeKey: `${planned.key}@${level}`,
      notification: {
        titleVi: `Quá hạn xử lý, báo cáo ${unit.name} (cấp ${level}): ${item.title}`,
        titleEn: `Overdue, escalated to ${unit.name} (level ${level}): ${item.title}`,
      },
    };
  });
}

registerJobHandler(REMIND_JOB, remind);
registerJobHandler(OVERDUE_JOB, markOverdue);
registerJobHandler(ESCALATE_JOB, escalate);

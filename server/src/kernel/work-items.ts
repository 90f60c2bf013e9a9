/**
 * The stored work-item kernel: creating items and applying transitions. Every change runs in one
 * transaction: lock the row, check the version, plan with the kind's workflow, apply the clock
 * effect, write the row (`version = version + 1 WHERE version = expected`), append the event and
 * the audit record, adjust the rollups, write notifications and (re)schedule the item's jobs.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '@dieuhanh/core/access/permissions';
import type { WorkingCalendar } from '@dieuhanh/core/calendar/index';
import {
  Conflict,
  type FieldProblem,
  Forbidden,
  fieldProblem,
  Invalid,
  InvalidTransition,
  NotFound,
} from '@dieuhanh/core/errors';
import {
  type Budget,
  type ClockData,
  dueAtOf,
  evaluateClock,
  extendClock,
  isPaused,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
} from '@dieuhanh/core/sla/index';
import { isTerminal, planTransition, type TransitionPlan } from '@dieuhanh/core/workflow/index';
import { appendAudit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { calendarFor } from './calendar.ts';
import type { KernelDeps } from './jobs.ts';
import { enqueueWebhook, notify } from './notifications.ts';
import { resolveRecipients } from './recipients.ts';
import { type KindConfig, kindConfig } from './registry.ts';
import * as repo from './repository.ts';
import { type RollupFacts, rollupDelta } from './rollups.ts';
import { scheduleItemJobs } from './schedule.ts';
import type { ChangeActor, Outcome, WorkItem, WorkItemEvent } from './types.ts';

export function toWorkItem(
  row: repo.WorkItemRow,
  unitRows: Array<{ unitId: string; role: string }>,
): WorkItem {
  return {
    tenantId: row.tenantId,
    id: row.id,
    kind: row.kind,
    state: row.state,
    title: row.title,
    ownerUnitId: row.ownerUnitId,
    leadUnitIds: unitRows.filter((u) => u.role === 'lead').map((u) => u.unitId),
    supportUnitIds: unitRows.filter((u) => u.role === 'support').map((u) => u.unitId),
    assigneeId: row.assigneeId,
    createdBy: row.createdBy,
    clock: (row.clock as ClockData | null) ?? null,
    dueAt: row.dueAt,
    startedAt: row.startedAt,
    stoppedAt: row.stoppedAt,
    pausedSince: row.pausedSince,
    outcome: row.outcome as Outcome | null,
    overdue: row.overdue,
    counters: row.counters as Record<string, number>,
    payload: row.payload as Record<string, unknown>,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toEvent(row: repo.WorkItemEventRow): WorkItemEvent {
  return {
    itemId: row.itemId,
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    action: row.action,
    fromState: row.fromState,
    toState: row.toState,
    reason: row.reason,
    payload: row.payload as Record<string, unknown>,
  };
}

export async function getWorkItem(db: Db, tenantId: string, id: string): Promise<WorkItem | null> {
  const row = await repo.getItemRow(db, tenantId, id);
  return row ? toWorkItem(row, await repo.itemUnits(db, tenantId, id)) : null;
}

export async function listWorkItemEvents(db: Db, tenantId: string, itemId: string): Promise<WorkItemEvent[]> {
  return (await repo.listEvents(db, tenantId, itemId)).map(toEvent);
}

/**
 * The platform roles a principal holds on a unit (grants on the unit or an ancestor). Modules add
 * their relation roles (`assignee`, `lead_unit_member`…) before calling `transition`.
 */
export async function platformRolesOn(db: Db, principal: Principal, unitId: string): Promise<string[]> {
  const unit = await repo.unitNode(db, principal.tenantId, unitId);
  if (!unit) return [];
  return [...new Set(principal.grants.filter((g) => unit.path.startsWith(g.unitPath)).map((g) => g.role))];
}

export function staleVersion(currentVersion: number) {
  return new Conflict(
    'stale_version',
    'Hồ sơ, nhiệm vụ đã được người khác cập nhật. Vui lòng tải lại và thực hiện lại thao tác.',
    'The item was changed by someone else; reload it and try again.',
    { currentVersion },
  );
}

function factsOf(
  item: Pick<WorkItem, 'ownerUnitId' | 'kind' | 'createdAt' | 'stoppedAt' | 'outcome' | 'overdue'>,
): RollupFacts {
  return {
    ownerUnitId: item.ownerUnitId,
    kind: item.kind,
    createdAt: item.createdAt,
    stoppedAt: item.stoppedAt,
    outcome: item.outcome,
    overdue: item.overdue,
  };
}

/** The clock fields stored beside the clock for indexing and display. */
interface ClockFields {
  dueAt: Date | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  pausedSince: Date | null;
  overdue: boolean;
}

function clockFields(clock: ClockData | null, cal: WorkingCalendar, now: Date): ClockFields {
  if (!clock) return { dueAt: null, startedAt: null, stoppedAt: null, pausedSince: null, overdue: false };
  const t = now.getTime();
  const running = clock.stoppedAt === null;
  const open = isPaused(clock) ? clock.pauses.at(-1)!.from : null;
  return {
    dueAt: new Date(dueAtOf(clock, cal, t)),
    startedAt: new Date(clock.startedAt),
    stoppedAt: running ? null : new Date(clock.stoppedAt!),
    pausedSince: open === null ? null : new Date(open),
    overdue: running && evaluateClock(clock, cal, t).status === 'overdue',
  };
}

/** A fixed due moment becomes a budget of working hours from the start, so pauses still push it. */
function budgetFor(
  cal: WorkingCalendar,
  startAt: number,
  input: { budget?: Budget | undefined; dueAt?: Date | undefined },
  field: string,
): Budget | null {
  if (input.budget && input.dueAt)
    throw new Invalid([
      fieldProblem(
        field,
        'Chỉ nêu thời hạn hoặc hạn xử lý, không nêu cả hai.',
        'Give a budget or a due moment, not both.',
      ),
    ]);
  if (input.budget) return input.budget;
  if (!input.dueAt) return null;
  const minutes = cal.workingMinutesBetween(startAt, input.dueAt.getTime());
  if (!(minutes > 0))
    throw new Invalid([
      fieldProblem(
        '/dueAt',
        'Hạn xử lý phải sau thời điểm bắt đầu (tính theo giờ làm việc).',
        'The due moment must be after the start, in working time.',
      ),
    ]);
  return { unit: 'hours', amount: minutes / 60 };
}

async function checkReferences(
  db: Db,
  tenantId: string,
  refs: { units: Array<[string, string]>; users: Array<[string, string]> },
) {
  const problems: FieldProblem[] = [];
  const unitIds = await repo.existingUnitIds(db, tenantId, [...new Set(refs.units.map(([, id]) => id))]);
  for (const [field, id] of refs.units)
    if (!unitIds.has(id))
      problems.push(fieldProblem(field, `Đơn vị "${id}" không tồn tại.`, `Unit "${id}" does not exist.`));
  const userIds = await repo.existingUserIds(db, tenantId, [...new Set(refs.users.map(([, id]) => id))]);
  for (const [field, id] of refs.users)
    if (!userIds.has(id))
      problems.push(fieldProblem(field, `Người dùng "${id}" không tồn tại.`, `User "${id}" does not exist.`));
  if (problems.length) throw new Invalid(problems);
}

const unitRefs = (field: string, ids: string[]) =>
  ids.map((id, i) => [`${field}/${i}`, id] as [string, string]);

export interface CreateWorkItemInput {
  tenantId: string;
  kind: string;
  /** Defaults to a random UUID; a module may use its own id (the same as its row's). */
  id?: string;
  title: string;
  ownerUnitId: string;
  /** Chủ trì; defaults to the owner unit. */
  leadUnitIds?: string[];
  /** Phối hợp. */
  supportUnitIds?: string[];
  assigneeId?: string | null;
  actor: ChangeActor | null;
  /** The instant of creation (`deps.now()`): the month in which the item counts as received. */
  now: Date;
  /** When the clock starts; defaults to `now`. */
  startAt?: Date;
  /** A budget in working time, or a fixed due moment; neither leaves the clock unstarted. */
  budget?: Budget;
  dueAt?: Date;
  payload?: Record<string, unknown>;
}

/** Creates an item in the caller's transaction (so a module writes its own row alongside). */
export async function createWorkItem(tx: Db, input: CreateWorkItemInput): Promise<WorkItem> {
  const config = kindConfig(input.kind);
  const { tenantId } = input;
  const leadUnitIds = [...new Set(input.leadUnitIds ?? [input.ownerUnitId])];
  const supportUnitIds = [...new Set(input.supportUnitIds ?? [])].filter((u) => !leadUnitIds.includes(u));
  await checkReferences(tx, tenantId, {
    units: [
      ['/ownerUnitId', input.ownerUnitId],
      ...unitRefs('/leadUnitIds', leadUnitIds),
      ...unitRefs('/supportUnitIds', supportUnitIds),
    ],
    users: input.assigneeId ? [['/assigneeId', input.assigneeId]] : [],
  });
  const title = input.title.normalize('NFC').trim();
  if (!title) throw new Invalid([fieldProblem('/title', 'Cần nhập tiêu đề.', 'A title is required.')]);
  const cal = await calendarFor(tx, tenantId);
  const startAt = (input.startAt ?? input.now).getTime();
  const budget = budgetFor(cal, startAt, input, '/budget');
  const clock = budget ? startClock(startAt, budget) : null;
  const fields = clockFields(clock, cal, input.now);
  const id = input.id ?? randomUUID();
  const state = config.workflow.start;
  await repo.insertItem(tx, {
    tenantId,
    id,
    kind: input.kind,
    state,
    title,
    ownerUnitId: input.ownerUnitId,
    assigneeId: input.assigneeId ?? null,
    createdBy: input.actor?.userId ?? null,
    clock,
    ...fields,
    outcome: null,
    counters: {},
    payload: input.payload ?? {},
    version: 1,
    createdAt: input.now,
    updatedAt: input.now,
  });
  await repo.replaceItemUnits(tx, tenantId, id, leadUnitIds, supportUnitIds);
  const item = toWorkItem((await repo.getItemRow(tx, tenantId, id))!, [
    ...leadUnitIds.map((unitId) => ({ unitId, role: 'lead' })),
    ...supportUnitIds.map((unitId) => ({ unitId, role: 'support' })),
  ]);
  const event = {
    tenantId,
    itemId: id,
    seq: 1,
    at: input.now,
    actorId: input.actor?.userId ?? null,
    action: 'created',
    fromState: null,
    toState: state,
    reason: null,
    payload: {},
    requestId: input.actor?.requestId ?? null,
  };
  await repo.insertEvent(tx, event);
  await appendAudit(tx, {
    tenantId,
    actorId: input.actor?.userId ?? null,
    action: `${input.kind}.created`,
    resourceType: input.kind,
    resourceId: id,
    after: summary(item),
    requestId: input.actor?.requestId ?? null,
    at: input.now,
  });
  await repo.addRollupDeltas(tx, tenantId, rollupDelta(null, factsOf(item)));
  const startLabel = config.workflow.states[state]!;
  await notifyChange(tx, input.now, config, item, input.actor, {
    kind: 'created',
    relations: config.notifyOnCreate ?? ['assignee'],
    titleVi: `${startLabel.labelVi}: ${item.title}`,
    titleEn: `${startLabel.labelEn}: ${item.title}`,
  });
  await enqueueWebhook(tx, input.now, tenantId, webhookBody(item, event));
  await scheduleItemJobs(tx, config, item, cal, input.now);
  return item;
}

/** What the audit trail records of an item's state (the event holds the details). */
function summary(item: WorkItem) {
  return {
    kind: item.kind,
    state: item.state,
    title: item.title,
    ownerUnitId: item.ownerUnitId,
    leadUnitIds: item.leadUnitIds,
    supportUnitIds: item.supportUnitIds,
    assigneeId: item.assigneeId,
    dueAt: item.dueAt?.toISOString() ?? null,
    stoppedAt: item.stoppedAt?.toISOString() ?? null,
    outcome: item.outcome,
    overdue: item.overdue,
    counters: item.counters,
    version: item.version,
  };
}

function webhookBody(item: WorkItem, event: Omit<WorkItemEvent, 'payload'> & { seq: number }) {
  return {
    type: 'work_item.event',
    tenantId: item.tenantId,
    item: {
      id: item.id,
      kind: item.kind,
      state: item.state,
      title: item.title,
      ownerUnitId: item.ownerUnitId,
      assigneeId: item.assigneeId,
      dueAt: item.dueAt?.toISOString() ?? null,
      outcome: item.outcome,
      version: item.version,
    },
    event: {
      seq: event.seq,
      action: event.action,
      from: event.fromState,
      to: event.toState,
      at: event.at.toISOString(),
      actorId: event.actorId,
      reason: event.reason,
    },
  };
}

async function notifyChange(
  tx: Db,
  now: Date,
  config: KindConfig,
  item: WorkItem,
  actor: ChangeActor | null,
  n: { kind: string; relations: readonly string[]; extra?: string[]; titleVi: string; titleEn: string },
) {
  const recipients = new Set([
    ...(await resolveRecipients(tx, config, item, n.relations)),
    ...(n.extra ?? []),
  ]);
  if (actor) recipients.delete(actor.userId);
  await notify(tx, now, {
    tenantId: item.tenantId,
    item,
    kind: n.kind,
    titleVi: n.titleVi,
    titleEn: n.titleEn,
    recipients: [...recipients],
  });
}

/**
 * Actions the kernel itself takes, only for the `system` role (jobs). A workflow may define an
 * action of the same name that `system` may take (e.g. a `remind` that counts reminders and is
 * allowed only in some states); then the workflow's definition applies.
 */
export const SYSTEM_ACTIONS: Record<
  string,
  { labelVi: string; labelEn: string; notify: string[]; counts: string[] }
> = {
  remind: {
    labelVi: 'Nhắc việc',
    labelEn: 'Reminder',
    notify: ['assignee', 'lead_unit'],
    counts: ['reminders'],
  },
  overdue: { labelVi: 'Quá hạn xử lý', labelEn: 'Overdue', notify: ['assignee', 'lead_unit'], counts: [] },
  escalated: {
    labelVi: 'Quá hạn, báo cáo cấp trên',
    labelEn: 'Overdue, escalated',
    notify: [],
    counts: ['escalations'],
  },
};

function planFor(config: KindConfig, item: WorkItem, input: TransitionInput): TransitionPlan {
  const wf = config.workflow;
  const roles = new Set(input.roles);
  const system = SYSTEM_ACTIONS[input.action];
  const own = Object.hasOwn(wf.actions, input.action) ? wf.actions[input.action] : undefined;
  if (system && !own?.roles.includes('system')) {
    if (!roles.has('system')) throw new Forbidden();
    if (item.stoppedAt !== null || isTerminal(wf, item.state))
      throw new InvalidTransition(input.action, item.state);
    return {
      kind: item.kind,
      action: input.action,
      from: item.state,
      to: item.state,
      selfTransition: true,
      terminal: false,
      clock: null,
      notify: [...system.notify],
      counts: [...system.counts],
      reason: input.reason?.trim() || null,
    };
  }
  return planTransition(wf, {
    state: item.state,
    action: input.action,
    roles,
    reason: input.reason ?? null,
    ctx: input.guardContext,
  });
}

export interface ClockArgs {
  /** For `start` (the budget) and `extend` (a new total budget counted from the start). */
  budget?: Budget;
  /** For `start` or `extend`: a fixed due moment instead of a budget. */
  dueAt?: Date;
  /** For `start`: when the clock starts (default now). */
  startAt?: Date;
}

export interface TransitionInput {
  tenantId: string;
  itemId: string;
  action: string;
  /** The version the caller saw; a different current version is a 409 `stale_version`. */
  expectedVersion?: number;
  /** Platform roles on the item's unit plus relation roles computed by the module (`system` for jobs). */
  roles: Iterable<string>;
  actor: ChangeActor | null;
  reason?: string | null;
  /** Stored on the event (module details: a progress note, the evidence ids…). */
  payload?: Record<string, unknown>;
  /** Passed to the workflow's guards. */
  guardContext?: unknown;
  clockArgs?: ClockArgs;
  /** Changes made together with the action (reassign, transfer to another unit…). */
  changes?: {
    title?: string;
    assigneeId?: string | null;
    ownerUnitId?: string;
    leadUnitIds?: string[];
    supportUnitIds?: string[];
    /** Merged into the item's payload. */
    payload?: Record<string, unknown>;
  };
  /** Users to notify besides the workflow's relations. */
  notifyUsers?: string[];
  /** Titles for the notifications instead of "<action label>: <item title>". */
  notification?: { titleVi: string; titleEn: string };
  /** Makes the change happen at most once: a second transition with the same key does nothing. */
  dedupeKey?: string;
}

export interface TransitionResult {
  /** False when `dedupeKey` had already been applied (nothing was changed). */
  applied: boolean;
  item: WorkItem;
  event: WorkItemEvent | null;
  plan: TransitionPlan | null;
}

function applyClockEffect(
  plan: TransitionPlan,
  clock: ClockData | null,
  cal: WorkingCalendar,
  t: number,
  input: TransitionInput,
): ClockData | null {
  const args = input.clockArgs ?? {};
  const missingBudget = () =>
    new Invalid(
      [
        fieldProblem(
          '/clockArgs/budget',
          'Cần nêu thời hạn hoặc hạn xử lý.',
          'A budget or a due moment is required.',
        ),
      ],
      'budget_required',
    );
  const noClock = () =>
    new Conflict('clock_not_started', 'Thời hạn xử lý chưa bắt đầu.', 'The clock has not been started.');
  switch (plan.clock) {
    case null:
      return clock;
    case 'start': {
      if (clock)
        throw new Conflict(
          'clock_already_started',
          'Thời hạn xử lý đã bắt đầu.',
          'The clock is already running.',
        );
      const startAt = args.startAt?.getTime() ?? t;
      const budget = budgetFor(cal, startAt, args, '/clockArgs/budget');
      if (!budget) throw missingBudget();
      return startClock(startAt, budget);
    }
    case 'pause':
      if (!clock) throw noClock();
      return pauseClock(clock, t, plan.reason ?? undefined);
    case 'resume':
      if (!clock) throw noClock();
      return resumeClock(clock, t);
    case 'extend': {
      if (!clock) throw noClock();
      const grant = args.budget
        ? { budget: args.budget }
        : args.dueAt
          ? { dueAt: args.dueAt.getTime() }
          : null;
      if (!grant) throw missingBudget();
      const by = input.actor ? (input.actor.displayName ?? input.actor.userId) : 'system';
      return extendClock(clock, grant, plan.reason ?? '', by, t, cal);
    }
    case 'stop':
      return clock ? stopClock(clock, t) : null;
  }
}

/** Applies a transition inside the caller's transaction (`tx` only: never the outer handle). */
export async function applyTransition(tx: Db, now: Date, input: TransitionInput): Promise<TransitionResult> {
  const { tenantId, itemId } = input;
  const row = await repo.getItemRow(tx, tenantId, itemId, true);
  if (!row) throw new NotFound('work item');
  const before = toWorkItem(row, await repo.itemUnits(tx, tenantId, itemId));
  if (input.dedupeKey && (await repo.eventWithDedupeKey(tx, tenantId, input.dedupeKey)))
    return { applied: false, item: before, event: null, plan: null };
  if (input.expectedVersion !== undefined && row.version !== input.expectedVersion)
    throw staleVersion(row.version);
  const config = kindConfig(row.kind);
  const plan = planFor(config, before, input);
  const cal = await calendarFor(tx, tenantId);
  const t = now.getTime();

  let clock = applyClockEffect(plan, before.clock, cal, t, input);
  if (plan.terminal && clock && clock.stoppedAt === null) clock = stopClock(clock, t);
  const fields = clockFields(clock, cal, now);
  let stoppedAt = fields.stoppedAt;
  if (!clock && plan.terminal) stoppedAt = before.stoppedAt ?? now;
  let outcome = before.outcome;
  if (stoppedAt && !before.stoppedAt) {
    outcome = config.cancelStates?.includes(plan.to)
      ? 'cancelled'
      : clock
        ? evaluateClock(clock, cal, stoppedAt.getTime()).outcome
        : 'on_time';
  }

  const counters = { ...before.counters };
  for (const c of plan.counts) counters[c] = (counters[c] ?? 0) + 1;

  const changes = input.changes ?? {};
  const leadUnitIds = changes.leadUnitIds ? [...new Set(changes.leadUnitIds)] : before.leadUnitIds;
  const supportUnitIds = (
    changes.supportUnitIds ? [...new Set(changes.supportUnitIds)] : before.supportUnitIds
  ).filter((u) => !leadUnitIds.includes(u));
  await checkReferences(tx, tenantId, {
    units: [
      ...(changes.ownerUnitId ? [['/changes/ownerUnitId', changes.ownerUnitId] as [string, string]] : []),
      ...(changes.leadUnitIds ? unitRefs('/changes/leadUnitIds', leadUnitIds) : []),
      ...(changes.supportUnitIds ? unitRefs('/changes/supportUnitIds', supportUnitIds) : []),
    ],
    users: changes.assigneeId ? [['/changes/assigneeId', changes.assigneeId]] : [],
  });
  const title = changes.title === undefined ? before.title : changes.title.normalize('NFC').trim();
  if (!title)
    throw new Invalid([fieldProblem('/changes/title', 'Cần nhập tiêu đề.', 'A title is required.')]);

  const updatedRow = await repo.updateItem(tx, tenantId, itemId, row.version, {
    state: plan.to,
    title,
    ownerUnitId: changes.ownerUnitId ?? before.ownerUnitId,
    assigneeId: changes.assigneeId === undefined ? before.assigneeId : changes.assigneeId,
    clock,
    dueAt: fields.dueAt,
    startedAt: fields.startedAt,
    stoppedAt,
    pausedSince: fields.pausedSince,
    outcome,
    overdue: fields.overdue,
    counters,
    payload: changes.payload ? { ...before.payload, ...changes.payload } : before.payload,
    updatedAt: now,
  });
  if (!updatedRow) throw staleVersion(row.version + 1);
  if (changes.leadUnitIds || changes.supportUnitIds)
    await repo.replaceItemUnits(tx, tenantId, itemId, leadUnitIds, supportUnitIds);
  const after = toWorkItem(updatedRow, [
    ...leadUnitIds.map((unitId) => ({ unitId, role: 'lead' })),
    ...supportUnitIds.map((unitId) => ({ unitId, role: 'support' })),
  ]);

  const eventRow = {
    tenantId,
    itemId,
    seq: after.version,
    at: now,
    actorId: input.actor?.userId ?? null,
    action: plan.action,
    fromState: plan.from,
    toState: plan.to,
    reason: plan.reason,
    payload: input.payload ?? {},
    dedupeKey: input.dedupeKey ?? null,
    requestId: input.actor?.requestId ?? null,
  };
  await repo.insertEvent(tx, eventRow);
  await appendAudit(tx, {
    tenantId,
    actorId: input.actor?.userId ?? null,
    action: `${after.kind}.${plan.action}`,
    resourceType: after.kind,
    resourceId: itemId,
    before: summary(before),
    after: { ...summary(after), reason: plan.reason },
    requestId: input.actor?.requestId ?? null,
    at: now,
  });
  await repo.addRollupDeltas(tx, tenantId, rollupDelta(factsOf(before), factsOf(after)));

  const label = Object.hasOwn(config.workflow.actions, plan.action)
    ? config.workflow.actions[plan.action]!
    : SYSTEM_ACTIONS[plan.action]!;
  await notifyChange(tx, now, config, after, input.actor, {
    kind: plan.action,
    relations: plan.notify,
    extra: input.notifyUsers,
    titleVi: input.notification?.titleVi ?? `${label.labelVi}: ${after.title}`,
    titleEn: input.notification?.titleEn ?? `${label.labelEn}: ${after.title}`,
  });
  await enqueueWebhook(tx, now, tenantId, webhookBody(after, eventRow));
  await scheduleItemJobs(tx, config, after, cal, now);
  return { applied: true, item: after, event: toEvent({ ...eventRow, payload: eventRow.payload }), plan };
}

/** A transition in a transaction of its own, at `deps.now()`. */
export function transition(deps: KernelDeps, input: TransitionInput): Promise<TransitionResult> {
  return deps.db.transaction((tx) => applyTransition(tx, deps.now(), input));
}

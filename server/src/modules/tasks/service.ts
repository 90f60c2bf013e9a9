/**
 * The tasks service: creating, listing, showing and acting on tasks. Permission first (the
 * caller's visibility goes into every query), rules from core/src/tasks, every change through the
 * kernel's `applyTransition` in one transaction with the task row and its files.
 */
import { P, type Principal } from '@dieuhanh/core/access/permissions';
import type {
  TaskActionBody,
  TaskBulkBody,
  TaskBulkResult,
  TaskCreateRequest,
  TaskDetail,
  TaskListItem,
  TaskListQuery,
} from '@dieuhanh/core/api/tasks';
import { dayNumberOf, startOfDayNumber } from '@dieuhanh/core/calendar/dates';
import type { WorkingCalendar } from '@dieuhanh/core/calendar/index';
import { DAY_MS } from '@dieuhanh/core/calendar/index';
import { Conflict, DomainError, fieldProblem, Invalid, NotFound } from '@dieuhanh/core/errors';
import type { ClockData } from '@dieuhanh/core/sla/index';
import {
  acceptanceDeadline,
  atRiskMoment,
  dueAtOfDate,
  type TaskAction,
  type TaskContext,
  type TaskPolicy,
  taskPolicy,
  taskWorkflow,
} from '@dieuhanh/core/tasks/index';
import { fold } from '@dieuhanh/core/text/fold';
import { availableActions, planTransition } from '@dieuhanh/core/workflow/index';
import { applyTransition, type ChangeActor, calendarFor, type TransitionInput } from '../../kernel/index.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { attachmentProblems, registerAttachmentOwner, replaceAttachments } from '../../platform/files.ts';
import { installDirectiveTaskHooks } from '../directives/service.ts';
import { checkAssignee, checkUnit, insertTask, Problems, planCreation } from './create.ts';
import { rolesOn, visibilityOf } from './permissions.ts';
import * as repo from './repository.ts';
import { createSeries, registerSeriesJob } from './series.ts';
import { evaluationOf, type PendingExtension, toClockView, toListItem, toWorkItemView } from './view.ts';

export async function loadPolicy(db: Db, tenantId: string): Promise<TaskPolicy> {
  return taskPolicy((await repo.policySetting(db, tenantId)) as Partial<TaskPolicy> | null);
}

registerSeriesJob(loadPolicy);

// Files attached to a task, a series or one of a task's events are readable by whoever sees the task.
registerAttachmentOwner('task', (db, actor, ids) =>
  repo.visibleTaskIds(db, actor.principal.tenantId, ids, visibilityOf(actor.principal), new Date()),
);
registerAttachmentOwner('task_event', async (db, actor, ids) => {
  const taskOf = (id: string) => id.slice(0, id.lastIndexOf(':'));
  const visible = new Set(
    await repo.visibleTaskIds(
      db,
      actor.principal.tenantId,
      [...new Set(ids.map(taskOf))],
      visibilityOf(actor.principal),
      new Date(),
    ),
  );
  return ids.filter((id) => visible.has(taskOf(id)));
});
registerAttachmentOwner('task_series', async (db, actor, ids) => {
  const visible = [];
  for (const id of ids) {
    const page = await repo.listTasks(
      db,
      actor.principal.tenantId,
      { visibility: visibilityOf(actor.principal), now: new Date(), seriesId: id },
      1,
      0,
    );
    if (page.total > 0) visible.push(id);
  }
  return visible;
});

/** The directives register shows each directive's task progress and filters by it (as of `deps.now()`). */
export function installDirectiveHooks(deps: Deps) {
  installDirectiveTaskHooks({
    async summaries(db, tenantId, directiveIds) {
      const rows = await repo.summaryByDirective(db, tenantId, directiveIds, deps.now());
      return new Map(
        rows.map((r) => [r.directiveId!, { total: r.total, open: r.open, done: r.done, overdue: r.overdue }]),
      );
    },
    filter: (tenantId, status) => repo.directiveTaskFilter(tenantId, status, deps.now()),
  });
}

export function changeActor(actor: Actor): ChangeActor {
  return {
    userId: actor.principal.userId,
    displayName: actor.principal.displayName,
    requestId: actor.requestId,
  };
}

const staleVersion = (current: number) =>
  new Conflict(
    'stale_version',
    'Nhiệm vụ đã được người khác cập nhật. Vui lòng tải lại và thực hiện lại thao tác.',
    'The task was changed by someone else; reload it and try again.',
    { currentVersion: current },
  );

// --- Create --------------------------------------------------------------------------------------

/**
 * POST /api/tasks: one task or many (every item of a reviewed directive) in ONE transaction —
 * all are created or, when any item is wrong, none, with every bad field named.
 */
export async function createTasks(deps: Deps, actor: Actor, req: TaskCreateRequest) {
  requirePermission(actor, P.taskAssign);
  const { tenantId } = actor.principal;
  const now = deps.now();
  const created = await deps.db.transaction(async (tx) => {
    const cal = await calendarFor(tx, tenantId);
    const policy = await loadPolicy(tx, tenantId);
    const plans = await planCreation(tx, actor, req, cal, now);
    const change = changeActor(actor);
    const out: Array<{ taskIds: string[]; seriesId: string | null }> = [];
    for (const plan of plans) {
      if (plan.recurrence === null) {
        const id = await insertTask(tx, tenantId, { change, files: actor }, now, cal, plan);
        out.push({ taskIds: [id], seriesId: null });
      } else out.push(await createSeries(tx, actor, change, now, cal, policy, plan));
    }
    return out;
  });
  const ids = created.flatMap((c) => c.taskIds);
  const cal = await calendarFor(deps.db, tenantId);
  const page = await repo.listTasks(
    deps.db,
    tenantId,
    { visibility: visibilityOf(actor.principal), now, ids },
    Math.max(1, ids.length),
    0,
  );
  const byId = new Map(page.items.map((r) => [r.item.id, toListItem(r, cal, now)]));
  return { items: created, tasks: ids.flatMap((id) => byId.get(id) ?? []) };
}

// --- List ----------------------------------------------------------------------------------------

async function filterOf(db: Db, principal: Principal, q: TaskListQuery, now: Date): Promise<repo.TaskFilter> {
  const { tenantId } = principal;
  const filter: repo.TaskFilter = { visibility: visibilityOf(principal), now };
  const problems = new Problems();
  if (q.scope === 'mine') filter.mine = principal.userId;
  if (q.scope === 'unit') {
    const [own] = principal.unitId ? await repo.unitsByIds(db, tenantId, [principal.unitId]) : [];
    filter.ownUnitPath = own?.path ?? null;
  }
  if (q.unitId) {
    const [unit] = await repo.unitsByIds(db, tenantId, [q.unitId]);
    if (!unit)
      problems.add(
        '/querystring/unitId',
        `Đơn vị "${q.unitId}" không tồn tại.`,
        `Unit "${q.unitId}" does not exist.`,
      );
    else filter.unitPath = unit.path;
    filter.leadOnly = q.leadOnly;
  }
  const date = (value: string | undefined, field: string) =>
    value === undefined
      ? undefined
      : (problems.catch(() => startOfDayNumber(dayNumberOf(value, field))) ?? undefined);
  const from = date(q.dueFrom, '/querystring/dueFrom');
  const to = date(q.dueTo, '/querystring/dueTo');
  if (from !== undefined) filter.dueFrom = new Date(from);
  if (to !== undefined) filter.dueBefore = new Date(to + DAY_MS);
  if (from !== undefined && to !== undefined && to < from)
    problems.add(
      '/querystring/dueTo',
      'Ngày kết thúc phải sau ngày bắt đầu.',
      '`dueTo` is before `dueFrom`.',
    );
  problems.throwIfAny();
  Object.assign(filter, {
    status: q.status,
    state: q.state,
    assignerId: q.assignerId,
    assigneeId: q.assigneeId,
    directiveId: q.directiveId,
    meetingId: q.meetingId,
    seriesId: q.seriesId,
    priority: q.priority,
    foldedQuery: q.q ? fold(q.q) : undefined,
  });
  return filter;
}

/** GET /api/tasks: the caller's tasks, most urgent first (overdue, then the least time left). */
export async function listTasks(deps: Deps, actor: Actor, q: TaskListQuery) {
  requirePermission(actor, P.taskRead);
  const { tenantId } = actor.principal;
  const now = deps.now();
  const filter = await filterOf(deps.db, actor.principal, q, now);
  const { items, total } = await repo.listTasks(deps.db, tenantId, filter, q.limit ?? 100, q.offset ?? 0);
  const cal = await calendarFor(deps.db, tenantId);
  return { items: items.map((r) => toListItem(r, cal, now)), total };
}

export interface TaskExportRow extends TaskListItem {
  supportUnitNames: string[];
  content: string;
}

/**
 * Every task matching the list's filters (no paging, at most `limit`), in the list's order, with
 * unit names resolved: the rows of the Excel export (built by server/src/platform/exports).
 */
export async function listTasksForExport(
  deps: Deps,
  actor: Actor,
  q: Omit<TaskListQuery, 'limit' | 'offset'>,
  limit = 50_000,
): Promise<TaskExportRow[]> {
  requirePermission(actor, P.taskRead);
  const { tenantId } = actor.principal;
  const now = deps.now();
  const filter = await filterOf(deps.db, actor.principal, q, now);
  const { items } = await repo.listTasks(deps.db, tenantId, filter, limit, 0);
  const cal = await calendarFor(deps.db, tenantId);
  const names = new Map(
    (
      await repo.unitsByIds(
        deps.db,
        tenantId,
        items.flatMap((r) => r.supportUnitIds),
      )
    ).map((u) => [u.id, u.name]),
  );
  return items.map((r) => ({
    ...toListItem(r, cal, now),
    content: r.task.content,
    supportUnitNames: r.supportUnitIds.map((id) => names.get(id) ?? id),
  }));
}

// --- One task ------------------------------------------------------------------------------------

/**
 * Stand-ins for what a caller would type (percent, text, a later date…), so that listing the
 * available actions runs only the guards about the task itself (the return window, a pending
 * extension) and does not show every form-driven action as blocked.
 */
const PROBE_INPUT: TaskContext['input'] = {
  progressPercent: 0,
  progressText: '-',
  extensionDueAt: Number.MAX_SAFE_INTEGER,
  hasResult: true,
  newLeadUnitId: '\u0000another unit',
  assigneeId: '\u0000someone',
};

function guardContext(
  row: repo.TaskListRow,
  cal: WorkingCalendar,
  policy: TaskPolicy,
  now: Date,
  input: TaskContext['input'],
): TaskContext {
  const e = evaluationOf(row.item, cal, now);
  return {
    now: now.getTime(),
    acceptanceDeadline: acceptanceDeadline(cal, row.task.assignedAt.getTime(), policy.acceptanceWindowDays),
    dueAt: e ? e.dueAt : null,
    pendingExtension: row.task.pendingExtension !== null,
    leadUnitId: row.item.ownerUnitId,
    input,
  };
}

const relationsOf = (row: repo.TaskListRow) => ({
  assignerId: row.task.assignerId,
  assigneeId: row.item.assigneeId,
  leadUnitPath: row.leadUnitPath ?? '\u0000',
});

function labelOf(action: string): { vi: string; en: string } {
  if (action === 'created') return { vi: 'Giao nhiệm vụ', en: 'Assigned' };
  const def = Object.hasOwn(taskWorkflow.actions, action)
    ? taskWorkflow.actions[action as TaskAction]
    : undefined;
  return def ? { vi: def.labelVi, en: def.labelEn } : { vi: action, en: action };
}

/** GET /api/tasks/:id: the task, its kernel item, clock, the caller's actions and the timeline. */
export async function getTask(deps: Deps, actor: Actor, id: string): Promise<TaskDetail> {
  const { tenantId } = actor.principal;
  const now = deps.now();
  const row = await repo.getVisibleTask(deps.db, tenantId, id, visibilityOf(actor.principal), now);
  if (!row) throw new NotFound('task');
  const cal = await calendarFor(deps.db, tenantId);
  const policy = await loadPolicy(deps.db, tenantId);
  const roles = rolesOn(actor.principal, relationsOf(row));
  const ctx = guardContext(row, cal, policy, now, PROBE_INPUT);
  const actions = availableActions(taskWorkflow, row.item.state, roles, { ctx }).map((a) => ({
    name: a.name,
    to: a.to,
    labelVi: a.labelVi,
    labelEn: a.labelEn,
    requiresReason: a.requiresReason,
    blocked: a.blocked
      ? { code: a.blocked.code, messageVi: a.blocked.messageVi, messageEn: a.blocked.messageEn }
      : null,
  }));
  const events = await repo.timeline(deps.db, tenantId, id);
  const supportUnits = await repo.unitsByIds(deps.db, tenantId, row.supportUnitIds);
  const result = row.task.result as TaskDetail['result'];
  return {
    ...toListItem(row, cal, now),
    content: row.task.content,
    deadline: row.task.deadline as Record<string, unknown>,
    attachments: row.task.attachments as TaskDetail['attachments'],
    result: result ?? null,
    supportUnits: row.supportUnitIds.map((u) => ({
      id: u,
      name: supportUnits.find((s) => s.id === u)?.name ?? u,
    })),
    clock: toClockView(row.item.clock as ClockData | null, evaluationOf(row.item, cal, now)),
    item: toWorkItemView(row.item, { lead: [row.item.ownerUnitId], support: row.supportUnitIds }),
    actions,
    timeline: events.map((e) => {
      const label = labelOf(e.action);
      return {
        seq: e.seq,
        at: e.at.toISOString(),
        actorId: e.actorId,
        actorName: e.actorName,
        action: e.action,
        labelVi: label.vi,
        labelEn: label.en,
        fromState: e.fromState,
        toState: e.toState,
        reason: e.reason,
        payload: (e.payload ?? {}) as Record<string, unknown>,
      };
    }),
  };
}

// --- Actions -------------------------------------------------------------------------------------

/** `YYYY-MM-DD` (the end of that working day) or an ISO instant; throws naming `field`. */
function parseDue(cal: WorkingCalendar, value: string, field: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dueAtOfDate(cal, value, field);
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms))
    throw new Invalid([
      fieldProblem(
        field,
        'Thời hạn không hợp lệ (YYYY-MM-DD hoặc ISO 8601).',
        'Not a date or an ISO 8601 instant.',
      ),
    ]);
  return ms;
}

interface ResolvedInput {
  guard: TaskContext['input'];
  payload: Record<string, unknown>;
  clockArgs?: TransitionInput['clockArgs'];
  changes?: TransitionInput['changes'];
  reason?: string | null;
  files: Array<{ sha256: string; name?: string | undefined }>;
  extensionDueAt?: number;
}

/** Checks and resolves the body of one action against the task (fields named as in the body). */
async function resolveInput(
  tx: Db,
  actor: Actor,
  row: repo.TaskListRow,
  action: TaskAction,
  body: Omit<TaskActionBody, 'version'>,
  cal: WorkingCalendar,
  now: Date,
): Promise<ResolvedInput> {
  const { tenantId } = actor.principal;
  const problems = new Problems();
  const e = evaluationOf(row.item, cal, now);
  const currentDue = e?.dueAt ?? null;
  const pending = row.task.pendingExtension as PendingExtension | null;
  const files = [
    ...(body.files ?? []),
    ...(action === 'submit_completion' ? (body.result?.files ?? []) : []),
  ];
  const out: ResolvedInput = { guard: {}, payload: {}, files };

  switch (action) {
    case 'report_progress':
      out.guard = { progressPercent: body.progress?.percent, progressText: body.progress?.text };
      out.payload = { percent: body.progress?.percent, text: body.progress?.text?.trim() };
      break;
    case 'request_extension': {
      const due = body.extension
        ? problems.catch(() => parseDue(cal, body.extension!.dueAt, '/extension/dueAt'))
        : undefined;
      out.guard = { extensionDueAt: due ?? undefined };
      if (due != null) {
        out.extensionDueAt = due;
        out.payload = {
          dueAt: new Date(due).toISOString(),
          previousDueAt: currentDue === null ? null : new Date(currentDue).toISOString(),
        };
      }
      break;
    }
    case 'approve_extension': {
      const given = body.extension
        ? problems.catch(() => parseDue(cal, body.extension!.dueAt, '/extension/dueAt'))
        : undefined;
      const due = given ?? (pending ? Date.parse(pending.dueAt) : undefined);
      if (due !== undefined && currentDue !== null && due <= currentDue)
        problems.add(
          '/extension/dueAt',
          'Hạn mới phải sau hạn hiện tại.',
          'The new deadline must be after the current one.',
        );
      if (due !== undefined) {
        out.clockArgs = { dueAt: new Date(due) };
        out.payload = {
          dueAt: new Date(due).toISOString(),
          previousDueAt: currentDue === null ? null : new Date(currentDue).toISOString(),
          requestedDueAt: pending?.dueAt ?? null,
        };
      }
      // The clock records why; the request's reason stands unless the approver gives one.
      out.reason = body.reason?.trim() || (pending ? `Đồng ý đề nghị gia hạn: ${pending.reason}` : null);
      break;
    }
    case 'refuse_extension':
      out.payload = { requestedDueAt: pending?.dueAt ?? null };
      break;
    case 'submit_completion':
      out.guard = { hasResult: Boolean(body.result?.text?.trim()) };
      out.payload = { text: body.result?.text?.trim(), files: files.map((f) => f.sha256) };
      break;
    case 'reassign': {
      const r = body.reassign;
      out.guard = { newLeadUnitId: r?.leadUnitId };
      if (r) {
        const ids = [r.leadUnitId, ...(r.supportUnitIds ?? [])];
        const units = new Map((await repo.unitsByIds(tx, tenantId, ids)).map((u) => [u.id, u]));
        const today = cal.localDate(now.getTime());
        const lead = checkUnit(problems, units, r.leadUnitId, '/reassign/leadUnitId', today);
        const support = [...new Set(r.supportUnitIds ?? row.supportUnitIds)].filter(
          (u) => u !== r.leadUnitId,
        );
        (r.supportUnitIds ?? []).forEach((u, j) => {
          if (u !== r.leadUnitId) checkUnit(problems, units, u, `/reassign/supportUnitIds/${j}`, today);
        });
        if (r.assigneeId)
          checkAssignee(
            problems,
            await repo.usersByIds(tx, tenantId, [r.assigneeId]),
            r.assigneeId,
            lead,
            '/reassign/assigneeId',
          );
        out.changes = {
          ownerUnitId: r.leadUnitId,
          leadUnitIds: [r.leadUnitId],
          supportUnitIds: support,
          assigneeId: r.assigneeId ?? null,
        };
        out.payload = {
          fromUnitId: row.item.ownerUnitId,
          leadUnitId: r.leadUnitId,
          supportUnitIds: support,
          previousAssigneeId: row.item.assigneeId,
          assigneeId: r.assigneeId ?? null,
        };
      }
      break;
    }
    case 'assign_person': {
      out.guard = { assigneeId: body.assigneeId };
      if (body.assigneeId) {
        const lead = (await repo.unitsByIds(tx, tenantId, [row.item.ownerUnitId]))[0] ?? null;
        checkAssignee(
          problems,
          await repo.usersByIds(tx, tenantId, [body.assigneeId]),
          body.assigneeId,
          lead,
          '/assigneeId',
        );
        out.changes = { assigneeId: body.assigneeId };
        out.payload = { previousAssigneeId: row.item.assigneeId, assigneeId: body.assigneeId };
      }
      break;
    }
    default:
      break;
  }
  if (files.length) {
    out.payload.files = files.map((f) => f.sha256);
    problems.list.push(
      ...(await attachmentProblems(
        tx,
        actor,
        files,
        action === 'submit_completion' && !body.files?.length ? '/result/files' : '/files',
      )),
    );
  }
  problems.throwIfAny();
  return out;
}

/** The task row's own fields after an action (the kernel has already recorded the change). */
function taskPatch(
  action: TaskAction,
  actor: Actor,
  body: Omit<TaskActionBody, 'version'>,
  input: ResolvedInput,
  now: Date,
): Partial<repo.TaskInsert> {
  switch (action) {
    case 'accept':
      return { acceptedAt: now };
    case 'reassign':
      return { assignedAt: now, acceptedAt: null, pendingExtension: null };
    case 'report_progress':
      return {
        progressPercent: body.progress!.percent,
        progressText: body.progress!.text.trim(),
        lastProgressAt: now,
      };
    case 'request_extension':
      return {
        pendingExtension: {
          dueAt: new Date(input.extensionDueAt!).toISOString(),
          reason: body.reason!.trim(),
          requestedBy: actor.principal.userId,
          requestedAt: now.toISOString(),
        },
      };
    case 'approve_extension':
    case 'refuse_extension':
    case 'cancel':
    case 'confirm_done':
      return { pendingExtension: null, ...(action === 'confirm_done' ? { progressPercent: 100 } : {}) };
    case 'submit_completion':
      return {
        result: {
          text: body.result!.text.trim(),
          files: input.files.map((f) => ({ sha256: f.sha256, name: f.name ?? null })),
          at: now.toISOString(),
          by: actor.principal.userId,
        },
      };
    default:
      return {};
  }
}

/**
 * One action on one task inside `tx`: visibility (404), version (409), state and capacity
 * (409/403), the body's fields (400), the workflow's guards; then the kernel's transition and the
 * task row, in the same transaction.
 */
export async function applyAction(
  tx: Db,
  actor: Actor,
  id: string,
  action: TaskAction,
  body: TaskActionBody,
  now: Date,
) {
  const { tenantId } = actor.principal;
  const row = await repo.getVisibleTask(tx, tenantId, id, visibilityOf(actor.principal), now);
  if (!row) throw new NotFound('task');
  if (body.version !== row.item.version) throw staleVersion(row.item.version);
  const cal = await calendarFor(tx, tenantId);
  const policy = await loadPolicy(tx, tenantId);
  const roles = rolesOn(actor.principal, relationsOf(row));
  // State, capacity, reason and the task's own guards first: they say more than a missing field.
  const pendingReason = (row.task.pendingExtension as PendingExtension | null)?.reason;
  planTransition(taskWorkflow, {
    state: row.item.state,
    action,
    roles,
    // Approving needs no typed reason: the request's stands (resolved below).
    reason: action === 'approve_extension' ? (body.reason ?? pendingReason ?? '-') : (body.reason ?? null),
    ctx: guardContext(row, cal, policy, now, PROBE_INPUT),
  });
  const input = await resolveInput(tx, actor, row, action, body, cal, now);
  const result = await applyTransition(tx, now, {
    tenantId,
    itemId: id,
    action,
    expectedVersion: body.version,
    roles,
    actor: changeActor(actor),
    reason: input.reason ?? body.reason ?? null,
    payload: input.payload,
    guardContext: guardContext(row, cal, policy, now, input.guard),
    ...(input.clockArgs ? { clockArgs: input.clockArgs } : {}),
    ...(input.changes ? { changes: input.changes } : {}),
  });
  const atRisk = atRiskMoment(result.item.clock, cal, now.getTime());
  await repo.updateTask(tx, tenantId, id, {
    ...taskPatch(action, actor, body, input, now),
    atRiskAt: atRisk === null ? null : new Date(atRisk),
  });
  if (input.files.length)
    await replaceAttachments(tx, actor, 'task_event', `${id}:${result.item.version}`, input.files);
  return result.item;
}

/** POST /api/tasks/:id/actions/:action */
export async function act(deps: Deps, actor: Actor, id: string, action: TaskAction, body: TaskActionBody) {
  await deps.db.transaction((tx) => applyAction(tx, actor, id, action, body, deps.now()));
  return getTask(deps, actor, id);
}

/**
 * POST /api/tasks/bulk: the same action on many tasks, each in its own transaction, so that one
 * refusal (a stale version, a task in another state) does not undo the others; every item's
 * outcome is reported.
 */
export async function bulkAct(
  deps: Deps,
  actor: Actor,
  body: TaskBulkBody,
  log?: (error: unknown) => void,
): Promise<TaskBulkResult> {
  const { action, items, ...fields } = body;
  const results: TaskBulkResult['results'] = [];
  for (const item of items) {
    try {
      const after = await deps.db.transaction((tx) =>
        applyAction(tx, actor, item.id, action, { ...fields, version: item.version }, deps.now()),
      );
      results.push({ id: item.id, ok: true, version: after.version, state: after.state });
    } catch (error) {
      if (error instanceof DomainError && error.status < 500) {
        results.push({
          id: item.id,
          ok: false,
          status: error.status,
          code: error.code,
          messageVi: error.messageVi,
          messageEn: error.messageEn,
          errors: error.fields,
        });
      } else {
        log?.(error);
        results.push({
          id: item.id,
          ok: false,
          status: 500,
          code: 'internal_error',
          messageVi: 'Đã có lỗi hệ thống.',
          messageEn: 'An internal error occurred.',
        });
      }
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { succeeded, failed: results.length - succeeded, results };
}

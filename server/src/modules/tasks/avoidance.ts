/**
 * GET /api/tasks/avoidance: the avoidance signals (né tránh, đùn đẩy) raised in [from, to], per
 * task with the events that prove them, and tallied per unit and per official. The candidate
 * tasks (visible under `avoidance.read`, alive in the window) and their events come from SQL;
 * the decision is core/src/tasks/avoidance.ts, evaluated as of the end of the window.
 *
 * Scale: one read of the candidates' events per request — comfortable for a province's tasks
 * (thousands a year). A national deployment would keep the signals in a table maintained by a
 * job from the same pure detection.
 */
import { P, scopePaths } from '@dieuhanh/core/access/permissions';
import type { AvoidanceQuery, AvoidanceReport } from '@dieuhanh/core/api/tasks';
import { DAY_MS, formatLocalDate, parseLocalDate } from '@dieuhanh/core/calendar/index';
import { fieldProblem, Invalid, NotFound } from '@dieuhanh/core/errors';
import {
  AVOIDANCE_LABELS,
  type AvoidanceSignal,
  detectAvoidance,
  type TaskHistory,
  tallyAvoidance,
} from '@dieuhanh/core/tasks/index';
import { calendarFor } from '../../kernel/index.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import { isRootPath, type Visibility } from './permissions.ts';
import * as repo from './repository.ts';
import { loadPolicy } from './service.ts';

type EventRow = Awaited<ReturnType<typeof repo.eventsOf>> extends Map<string, Array<infer E>> ? E : never;

/** A task's history for the detector: the lead unit and assignee it started with, and its events. */
export function historyOf(
  task: { id: string; title: string; ownerUnitId: string; assigneeId: string | null },
  events: EventRow[],
): TaskHistory {
  const payload = (e: EventRow) => (e.payload ?? {}) as Record<string, unknown>;
  const firstMove = events.find((e) => e.action === 'reassign' && typeof payload(e).fromUnitId === 'string');
  const firstAssigneeChange = events.find(
    (e) => (e.action === 'reassign' || e.action === 'assign_person') && 'previousAssigneeId' in payload(e),
  );
  return {
    taskId: task.id,
    title: task.title,
    initialLeadUnitId: firstMove ? String(payload(firstMove).fromUnitId) : task.ownerUnitId,
    initialAssigneeId: firstAssigneeChange
      ? ((payload(firstAssigneeChange).previousAssigneeId as string | null) ?? null)
      : task.assigneeId,
    events: events.map((e) => ({
      seq: e.seq,
      at: e.at.getTime(),
      actorId: e.actorId,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      reason: e.reason,
      payload: payload(e),
    })),
  };
}

export async function avoidanceReport(deps: Deps, actor: Actor, q: AvoidanceQuery): Promise<AvoidanceReport> {
  requirePermission(actor, P.avoidanceRead);
  const { tenantId } = actor.principal;
  const now = deps.now();
  const today = formatLocalDate(now.getTime());
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to)
    throw new Invalid([
      fieldProblem(
        '/querystring/from',
        'Ngày bắt đầu phải không sau ngày kết thúc.',
        '`from` must not be after `to`.',
      ),
    ]);
  const start = new Date(parseLocalDate(from));
  const end = new Date(parseLocalDate(to) + DAY_MS - 1);

  const scope = scopePaths(actor.principal, P.avoidanceRead);
  const units = new Map((await repo.allUnits(deps.db, tenantId)).map((u) => [u.id, u]));
  let unitPath: string | null = null;
  if (q.unitId) {
    const unit = units.get(q.unitId);
    if (!unit || !scope.some((p) => unit.path.startsWith(p))) throw new NotFound('unit');
    unitPath = unit.path;
  }
  const visibility: Visibility = {
    userId: actor.principal.userId,
    all: scope.some(isRootPath),
    readPaths: scope,
    memberPaths: [],
    unitId: null,
  };

  const cal = await calendarFor(deps.db, tenantId);
  const policy = await loadPolicy(deps.db, tenantId);
  const candidates = await repo.avoidanceCandidates(deps.db, tenantId, visibility, start, end);
  const events = await repo.eventsOf(
    deps.db,
    tenantId,
    candidates.map((c) => c.id),
  );
  const asOf = Math.min(now.getTime(), end.getTime());
  const inUnit = (id: string) => unitPath === null || (units.get(id)?.path.startsWith(unitPath) ?? false);
  const signals: AvoidanceSignal[] = [];
  for (const task of candidates) {
    const history = historyOf(task, events.get(task.id) ?? []);
    for (const s of detectAvoidance(history, policy, cal, asOf)) {
      if (s.at < start.getTime() || s.at > end.getTime()) continue;
      if (!s.unitIds.some(inUnit)) continue;
      signals.push(s);
    }
  }
  signals.sort((a, b) => b.at - a.at || (a.taskId < b.taskId ? -1 : 1));

  const tallies = tallyAvoidance(signals);
  const userIds = [
    ...new Set([
      ...signals.flatMap((s) => s.userIds),
      ...signals.flatMap((s) => s.evidence.map((e) => e.actorId ?? '')).filter(Boolean),
    ]),
  ];
  const names = await repo.userNames(deps.db, tenantId, userIds);
  const unitName = (id: string) => units.get(id)?.name ?? id;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    from,
    to,
    policy: { ...policy },
    signals: signals.map((s) => ({
      kind: s.kind,
      labelVi: AVOIDANCE_LABELS[s.kind].vi,
      labelEn: AVOIDANCE_LABELS[s.kind].en,
      taskId: s.taskId,
      title: s.title,
      at: iso(s.at),
      count: s.count,
      ongoing: s.ongoing,
      unitIds: s.unitIds,
      userIds: s.userIds,
      evidence: s.evidence.map((e) => ({
        seq: e.seq,
        at: iso(e.at),
        action: e.action,
        actorId: e.actorId,
        actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
        unitId: e.unitId,
        unitName: unitName(e.unitId),
        reason: e.reason,
      })),
    })),
    units: tallies.units
      .filter((t) => inUnit(t.id))
      .map((t) => ({
        unitId: t.id,
        unitName: unitName(t.id),
        total: t.total,
        byKind: t.byKind,
        taskIds: t.taskIds,
      })),
    officials: tallies.users.map((t) => ({
      userId: t.id,
      name: names.get(t.id) ?? t.id,
      total: t.total,
      byKind: t.byKind,
      taskIds: t.taskIds,
    })),
  };
}

/**
 * The monitor's board (bảng theo dõi): per unit — drilling down province → unit → tasks — what
 * was assigned in the months, what is open (within, at risk, overdue) now and what was done early,
 * on time or late; and the same per leader who assigned. Unit figures come from the kernel's
 * rollups (`workItemStats`, which also carries a dissolved unit's figures to its successor); the
 * at-risk column and the per-assigner figures, which rollups do not keep, from indexed queries
 * over the tasks. Also the periodic performance report the .docx export is built from.
 */
import { P, scopePaths } from '@dieuhanh/core/access/permissions';
import type { Board, BoardFigures, BoardQuery } from '@dieuhanh/core/api/tasks';
import { formatLocalDate } from '@dieuhanh/core/calendar/index';
import { NotFound } from '@dieuhanh/core/errors';
import { workItemStats } from '../../kernel/index.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import * as repo from './repository.ts';
import { TASK_KIND } from './workflow.ts';

const zero = (): BoardFigures => ({
  received: 0,
  open: 0,
  openWithin: 0,
  atRisk: 0,
  overdue: 0,
  doneEarly: 0,
  doneOnTime: 0,
  doneLate: 0,
  cancelled: 0,
});

function add(into: BoardFigures, f: Partial<BoardFigures>) {
  for (const k of Object.keys(into) as Array<keyof BoardFigures>) into[k] += f[k] ?? 0;
}

/** Months `YYYY-MM`: `to` defaults to the current month, `from` to January of `to`'s year. */
function monthsOf(q: { from?: string | undefined; to?: string | undefined }, now: Date) {
  const to = q.to ?? formatLocalDate(now.getTime()).slice(0, 7);
  return { from: q.from ?? `${to.slice(0, 4)}-01`, to };
}

/**
 * The unit in force carrying a unit's figures: itself, or the end of its successor chain — the
 * rule the kernel's statistics follow, applied here to the figures the rollups do not keep.
 */
function successorResolver(nodes: repo.UnitFacts[]) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const resolve = (node: repo.UnitFacts): repo.UnitFacts => {
    let current = node;
    const seen = new Set([node.id]);
    while (current.successorId) {
      const next = byId.get(current.successorId);
      if (!next || seen.has(next.id)) break;
      seen.add(next.id);
      current = next;
    }
    return current;
  };
  return { byId, resolve };
}

interface Scope {
  nodes: repo.UnitFacts[];
  resolve: (n: repo.UnitFacts) => repo.UnitFacts;
  byId: Map<string, repo.UnitFacts>;
  target: repo.UnitFacts;
  sources: string[];
}

/** The unit the board is about: the one asked for, else the widest unit of the caller's scope. */
async function scopeOf(deps: Deps, actor: Actor, unitId: string | undefined): Promise<Scope> {
  const { tenantId } = actor.principal;
  const scope = scopePaths(actor.principal, P.statsRead);
  const nodes = await repo.allUnits(deps.db, tenantId);
  const { byId, resolve } = successorResolver(nodes);
  let target: repo.UnitFacts | undefined;
  if (unitId) {
    const node = byId.get(unitId);
    target = node ? resolve(node) : undefined;
    if (!target || !scope.some((p) => target!.path.startsWith(p))) throw new NotFound('unit');
  } else {
    const widest = [...scope].sort((a, b) => a.length - b.length)[0];
    target = nodes.find((n) => n.path === widest);
    if (!target) throw new NotFound('unit');
  }
  // The units whose figures count within the target: its subtree, and units merged into it.
  const sources = nodes.filter((n) => resolve(n).path.startsWith(target!.path)).map((n) => n.id);
  return { nodes, resolve, byId, target, sources };
}

/** GET /api/tasks/board */
export async function board(deps: Deps, actor: Actor, q: BoardQuery): Promise<Board> {
  requirePermission(actor, P.taskRead);
  requirePermission(actor, P.statsRead);
  const { tenantId } = actor.principal;
  const now = deps.now();
  const { from, to } = monthsOf(q, now);
  const { nodes, resolve, byId, target, sources } = await scopeOf(deps, actor, q.unitId);
  const stats = await workItemStats(deps, actor, {
    kind: TASK_KIND,
    unitId: target.id,
    from,
    to,
    subtree: true,
  });

  // Buckets: the target's own tasks, and each child's subtree (units in force only).
  const children = nodes.filter((n) => n.parentId === target.id && resolve(n) === n);
  const buckets = new Map<string, BoardFigures>([
    [target.id, zero()],
    ...children.map((c) => [c.id, zero()] as const),
  ]);
  const bucketOf = (unitId: string): BoardFigures | undefined => {
    const node = byId.get(unitId);
    if (!node) return undefined;
    const path = resolve(node).path;
    if (!path.startsWith(target.path)) return undefined;
    if (path === target.path) return buckets.get(target.id);
    return buckets.get(children.find((c) => path.startsWith(c.path))?.id ?? '');
  };
  const total = zero();
  for (const u of stats.units) {
    const f: Partial<BoardFigures> = {
      received: u.received,
      open: u.openWithin + u.openOverdue,
      openWithin: u.openWithin,
      overdue: u.openOverdue,
      doneEarly: u.completedEarly,
      doneOnTime: u.completedOnTime,
      doneLate: u.completedLate,
      cancelled: u.cancelled,
    };
    const bucket = bucketOf(u.unitId);
    if (bucket) add(bucket, f);
    add(total, f);
  }
  for (const r of await repo.atRiskByUnit(deps.db, tenantId, sources, now)) {
    const bucket = bucketOf(r.unitId);
    if (!bucket) continue;
    bucket.atRisk += r.n;
    total.atRisk += r.n;
  }

  // Per assigner, over the tasks led within the target's subtree.
  const byAssigner = new Map<string, BoardFigures>();
  for (const r of await repo.figures(deps.db, tenantId, sources, from, to, now)) {
    const f = byAssigner.get(r.assignerId) ?? zero();
    add(f, r);
    byAssigner.set(r.assignerId, f);
  }
  const names = await repo.userNames(deps.db, tenantId, [...byAssigner.keys()]);
  const hasChildren = new Set(nodes.map((n) => n.parentId));
  const urgency = (a: BoardFigures, b: BoardFigures) =>
    b.overdue - a.overdue || b.atRisk - a.atRisk || b.open - a.open;
  return {
    unitId: target.id,
    unitName: target.name,
    from,
    to,
    total,
    units: [
      { unitId: target.id, unitName: target.name, own: true, hasChildren: false, ...buckets.get(target.id)! },
      ...children
        .map((c) => ({
          unitId: c.id,
          unitName: c.name,
          own: false,
          hasChildren: hasChildren.has(c.id),
          ...buckets.get(c.id)!,
        }))
        .sort((a, b) => urgency(a, b) || a.unitName.localeCompare(b.unitName, 'vi')),
    ],
    assigners: [...byAssigner.entries()]
      .map(([userId, f]) => ({ userId, name: names.get(userId) ?? userId, ...f }))
      .sort((a, b) => urgency(a, b) || a.name.localeCompare(b.name, 'vi')),
  };
}

export interface PerformanceRow extends BoardFigures {
  id: string;
  name: string;
  /** Done early or on time, over everything done in the months (null when nothing was done). */
  onTimeRate: number | null;
}

export interface PerformanceReport {
  from: string;
  to: string;
  groupBy: 'unit' | 'assigner';
  rows: PerformanceRow[];
  total: PerformanceRow;
}

const rateOf = (f: BoardFigures) => {
  const done = f.doneEarly + f.doneOnTime + f.doneLate;
  return done === 0 ? null : (f.doneEarly + f.doneOnTime) / done;
};

/**
 * The figures of the periodic report on the performance of assigned tasks (the .docx export):
 * per unit (each unit on its own, units with no task left out) or per assigning leader, for the
 * months [from, to] within the caller's scope, with the on-time rate.
 */
export async function taskPerformanceReport(
  deps: Deps,
  actor: Actor,
  from: string | undefined,
  to: string | undefined,
  groupBy: 'unit' | 'assigner',
): Promise<PerformanceReport> {
  requirePermission(actor, P.taskRead);
  requirePermission(actor, P.statsRead);
  const { tenantId } = actor.principal;
  const now = deps.now();
  const months = monthsOf({ from, to }, now);
  const { resolve, byId, target, sources } = await scopeOf(deps, actor, undefined);
  const groups = new Map<string, BoardFigures>();
  const bump = (key: string, f: Partial<BoardFigures>) => {
    const g = groups.get(key) ?? zero();
    add(g, f);
    groups.set(key, g);
  };
  if (groupBy === 'unit') {
    const stats = await workItemStats(deps, actor, {
      kind: TASK_KIND,
      unitId: target.id,
      ...months,
      subtree: true,
    });
    for (const u of stats.units)
      bump(u.unitId, {
        received: u.received,
        open: u.openWithin + u.openOverdue,
        openWithin: u.openWithin,
        overdue: u.openOverdue,
        doneEarly: u.completedEarly,
        doneOnTime: u.completedOnTime,
        doneLate: u.completedLate,
        cancelled: u.cancelled,
      });
    for (const r of await repo.atRiskByUnit(deps.db, tenantId, sources, now)) {
      const node = byId.get(r.unitId);
      if (node) bump(resolve(node).id, { atRisk: r.n });
    }
  } else {
    for (const r of await repo.figures(deps.db, tenantId, sources, months.from, months.to, now))
      bump(r.assignerId, r);
  }
  const names =
    groupBy === 'unit'
      ? new Map([...groups.keys()].map((id) => [id, byId.get(id)?.name ?? id]))
      : await repo.userNames(deps.db, tenantId, [...groups.keys()]);
  const total = zero();
  const rows = [...groups.entries()]
    .filter(([, f]) => Object.values(f).some((v) => v !== 0))
    .map(([id, f]) => {
      add(total, f);
      return { id, name: names.get(id) ?? id, ...f, onTimeRate: rateOf(f) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return {
    ...months,
    groupBy,
    rows,
    total: { id: target.id, name: target.name, ...total, onTimeRate: rateOf(total) },
  };
}

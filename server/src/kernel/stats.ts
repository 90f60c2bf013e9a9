/**
 * Statistics of work items per unit, answered from the rollups alone: one grouped query over at
 * most (units × kinds × months) counter rows, whatever the number of items. Figures of a unit
 * that was dissolved or merged count for its successor (following `successorId` to the unit in
 * force), and a unit's subtree is a prefix match on the successor's path.
 */
import { P, scopePaths } from '@dieuhanh/core/access/permissions';
import { fieldProblem, Invalid, NotFound } from '@dieuhanh/core/errors';
import { type Actor, requirePermission } from '../platform/context.ts';
import type { KernelDeps } from './jobs.ts';
import * as repo from './repository.ts';
import { periodOf, ROLLUP_COLUMNS, type RollupColumn } from './rollups.ts';

export type StatsFigures = Record<RollupColumn, number>;

export interface StatsQuery {
  kind?: string | undefined;
  unitId?: string | undefined;
  /** First month `YYYY-MM` (default: January of `to`'s year). */
  from?: string | undefined;
  /** Last month `YYYY-MM` (default: the current month). */
  to?: string | undefined;
  subtree?: boolean | undefined;
}

export interface UnitStats extends StatsFigures {
  unitId: string;
  unitName: string;
}

export interface StatsResult {
  kind: string | null;
  unitId: string | null;
  subtree: boolean;
  from: string;
  to: string;
  units: UnitStats[];
  total: StatsFigures;
}

const zero = (): StatsFigures => Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, 0])) as StatsFigures;

/** The unit in force that carries a unit's figures: itself, or the end of its successor chain. */
export function successorResolver(nodes: repo.UnitNode[]) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const memo = new Map<string, repo.UnitNode>();
  const resolve = (node: repo.UnitNode): repo.UnitNode => {
    const known = memo.get(node.id);
    if (known) return known;
    let current = node;
    const seen = new Set<string>([node.id]);
    while (current.successorId) {
      const next = byId.get(current.successorId);
      if (!next || seen.has(next.id)) break;
      seen.add(next.id);
      current = next;
    }
    memo.set(node.id, current);
    return current;
  };
  return { byId, resolve };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** GET /api/stats/work-items: per-unit and total figures within the caller's grants. */
export async function workItemStats(deps: KernelDeps, actor: Actor, query: StatsQuery): Promise<StatsResult> {
  requirePermission(actor, P.statsRead);
  const { tenantId } = actor.principal;
  const to = query.to ?? periodOf(deps.now());
  const from = query.from ?? `${to.slice(0, 4)}-01`;
  const problems = [];
  if (!MONTH.test(from))
    problems.push(
      fieldProblem(
        '/querystring/from',
        `Tháng "${from}" không hợp lệ (YYYY-MM).`,
        `"${from}" is not a month (YYYY-MM).`,
      ),
    );
  if (!MONTH.test(to))
    problems.push(
      fieldProblem(
        '/querystring/to',
        `Tháng "${to}" không hợp lệ (YYYY-MM).`,
        `"${to}" is not a month (YYYY-MM).`,
      ),
    );
  if (!problems.length && from > to)
    problems.push(
      fieldProblem(
        '/querystring/from',
        'Tháng bắt đầu phải không sau tháng kết thúc.',
        '`from` must not be after `to`.',
      ),
    );
  if (problems.length) throw new Invalid(problems);

  const scope = scopePaths(actor.principal, P.statsRead);
  const inScope = (path: string) => scope.some((p) => path.startsWith(p));
  const nodes = await repo.unitNodes(deps.db, tenantId);
  const { byId, resolve } = successorResolver(nodes);
  let target: repo.UnitNode | null = null;
  if (query.unitId) {
    const node = byId.get(query.unitId);
    target = node ? resolve(node) : null;
    if (!target || !inScope(target.path)) throw new NotFound('unit');
  }
  const subtree = query.subtree === true;
  const included = nodes.filter(
    (n) =>
      resolve(n) === n &&
      inScope(n.path) &&
      (!target || (subtree ? n.path.startsWith(target.path) : n.id === target.id)),
  );
  const includedIds = new Set(included.map((n) => n.id));
  const sources = nodes.filter((n) => includedIds.has(resolve(n).id)).map((n) => n.id);

  const rows = await repo.sumRollups(deps.db, tenantId, {
    kinds: query.kind ? [query.kind] : null,
    // Every unit (the province's monitor, an administrator): no list to match against.
    unitIds: sources.length === nodes.length ? null : sources,
    from,
    to,
  });
  const perUnit = new Map<string, StatsFigures>(included.map((n) => [n.id, zero()]));
  const total = zero();
  for (const row of rows) {
    const figures = perUnit.get(resolve(byId.get(row.unitId)!).id)!;
    for (const c of ROLLUP_COLUMNS) {
      figures[c] += Number(row[c]);
      total[c] += Number(row[c]);
    }
  }
  return {
    kind: query.kind ?? null,
    unitId: target?.id ?? null,
    subtree,
    from,
    to,
    units: included.map((n) => ({ unitId: n.id, unitName: n.name, ...perUnit.get(n.id)! })),
    total,
  };
}

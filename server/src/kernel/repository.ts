import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  roleGrants,
  units,
  users,
  workItemEvents,
  workItemRollups,
  workItems,
  workItemUnits,
} from '../db/schema/index.ts';
import type { Db } from '../platform/db.ts';
import type { RollupDeltaRow } from './rollups.ts';

export type WorkItemRow = typeof workItems.$inferSelect;
export type WorkItemInsert = typeof workItems.$inferInsert;
export type WorkItemEventRow = typeof workItemEvents.$inferSelect;
export type RollupRow = typeof workItemRollups.$inferSelect;

/** `execute` returns `{ rows }` on both drivers (node-postgres and PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export async function insertItem(db: Db, row: WorkItemInsert) {
  await db.insert(workItems).values(row);
}

export async function getItemRow(db: Db, tenantId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(workItems)
    .where(and(eq(workItems.tenantId, tenantId), eq(workItems.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function itemUnits(db: Db, tenantId: string, itemId: string) {
  return db
    .select({ unitId: workItemUnits.unitId, role: workItemUnits.role })
    .from(workItemUnits)
    .where(and(eq(workItemUnits.tenantId, tenantId), eq(workItemUnits.itemId, itemId)))
    .orderBy(asc(workItemUnits.unitId));
}

export async function replaceItemUnits(
  db: Db,
  tenantId: string,
  itemId: string,
  lead: string[],
  support: string[],
) {
  await db
    .delete(workItemUnits)
    .where(and(eq(workItemUnits.tenantId, tenantId), eq(workItemUnits.itemId, itemId)));
  const rows = [
    ...lead.map((unitId) => ({ tenantId, itemId, unitId, role: 'lead' })),
    ...support.map((unitId) => ({ tenantId, itemId, unitId, role: 'support' })),
  ];
  if (rows.length) await db.insert(workItemUnits).values(rows);
}

/** Optimistic update: only when the row is still at `version`; returns null otherwise. */
export async function updateItem(
  db: Db,
  tenantId: string,
  id: string,
  version: number,
  patch: Partial<WorkItemInsert>,
) {
  const rows = await db
    .update(workItems)
    .set({ ...patch, version: sql`${workItems.version} + 1` })
    .where(and(eq(workItems.tenantId, tenantId), eq(workItems.id, id), eq(workItems.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function insertEvent(db: Db, row: typeof workItemEvents.$inferInsert) {
  await db.insert(workItemEvents).values(row);
}

export async function eventWithDedupeKey(db: Db, tenantId: string, dedupeKey: string) {
  const [row] = await db
    .select({ seq: workItemEvents.seq })
    .from(workItemEvents)
    .where(and(eq(workItemEvents.tenantId, tenantId), eq(workItemEvents.dedupeKey, dedupeKey)));
  return row ?? null;
}

export async function listEvents(db: Db, tenantId: string, itemId: string) {
  return db
    .select()
    .from(workItemEvents)
    .where(and(eq(workItemEvents.tenantId, tenantId), eq(workItemEvents.itemId, itemId)))
    .orderBy(asc(workItemEvents.seq));
}

/** Adds the deltas to the counters; rows are created on first use. Rows must have distinct keys. */
export async function addRollupDeltas(db: Db, tenantId: string, deltas: RollupDeltaRow[]) {
  if (deltas.length === 0) return;
  const add = (column: string) => sql.raw(`"work_item_rollups"."${column}" + excluded."${column}"`);
  await db
    .insert(workItemRollups)
    .values(deltas.map((d) => ({ tenantId, ...d })))
    .onConflictDoUpdate({
      target: [
        workItemRollups.tenantId,
        workItemRollups.unitId,
        workItemRollups.kind,
        workItemRollups.period,
      ],
      set: {
        received: add('received'),
        completedEarly: add('completed_early'),
        completedOnTime: add('completed_on_time'),
        completedLate: add('completed_late'),
        cancelled: add('cancelled'),
        openWithin: add('open_within'),
        openOverdue: add('open_overdue'),
      },
    });
}

export async function allRollups(db: Db, tenantId: string): Promise<RollupRow[]> {
  return db
    .select()
    .from(workItemRollups)
    .where(eq(workItemRollups.tenantId, tenantId))
    .orderBy(asc(workItemRollups.unitId), asc(workItemRollups.kind), asc(workItemRollups.period));
}

/** The local (UTC+7) month of a timestamp column, as the rollups key it. */
const monthOf = (column: string) => `to_char(${column} + interval '7 hours', 'YYYY-MM')`;

/**
 * The counters recomputed from the raw rows with GROUP BY: what the rollups must always equal.
 * Used by tests, the benchmark and `rebuildRollups`.
 */
export function recountSql(tenantId: string) {
  // timestamptz → timestamp in UTC first, so the month does not depend on the session time zone.
  const created = monthOf(`(w.created_at at time zone 'UTC')`);
  const stopped = monthOf(`(w.stopped_at at time zone 'UTC')`);
  return sql`
    select unit_id as "unitId", kind, period,
      sum(received)::int as received, sum(completed_early)::int as "completedEarly",
      sum(completed_on_time)::int as "completedOnTime", sum(completed_late)::int as "completedLate",
      sum(cancelled)::int as cancelled, sum(open_within)::int as "openWithin",
      sum(open_overdue)::int as "openOverdue"
    from (
      select w.owner_unit_id as unit_id, w.kind, ${sql.raw(created)} as period,
        count(*) as received, 0 as completed_early, 0 as completed_on_time, 0 as completed_late,
        0 as cancelled,
        count(*) filter (where w.stopped_at is null and not w.overdue) as open_within,
        count(*) filter (where w.stopped_at is null and w.overdue) as open_overdue
      from ${workItems} w where w.tenant_id = ${tenantId}
      group by 1, 2, 3
      union all
      select w.owner_unit_id, w.kind, ${sql.raw(stopped)},
        0, count(*) filter (where w.outcome = 'early'), count(*) filter (where w.outcome = 'on_time'),
        count(*) filter (where w.outcome = 'late'), count(*) filter (where w.outcome = 'cancelled'), 0, 0
      from ${workItems} w where w.tenant_id = ${tenantId} and w.stopped_at is not null
      group by 1, 2, 3
    ) c
    group by unit_id, kind, period
    order by unit_id, kind, period`;
}

export async function recountRollups(db: Db, tenantId: string) {
  return rowsOf<Omit<RollupRow, 'tenantId'>>(await db.execute(recountSql(tenantId)));
}

/** Replaces a tenant's rollups by a full recount (backfill after a bulk import, or repair). */
export async function rebuildRollups(db: Db, tenantId: string) {
  await db.delete(workItemRollups).where(eq(workItemRollups.tenantId, tenantId));
  await db.execute(sql`
    insert into ${workItemRollups} (tenant_id, unit_id, kind, period, received, completed_early,
      completed_on_time, completed_late, cancelled, open_within, open_overdue)
    select ${tenantId}, r."unitId", r.kind, r.period, r.received, r."completedEarly", r."completedOnTime",
      r."completedLate", r.cancelled, r."openWithin", r."openOverdue"
    from (${recountSql(tenantId)}) r`);
}

export interface UnitNode {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  successorId: string | null;
}

export async function unitNodes(db: Db, tenantId: string): Promise<UnitNode[]> {
  return db
    .select({
      id: units.id,
      parentId: units.parentId,
      path: units.path,
      name: units.name,
      successorId: units.successorId,
    })
    .from(units)
    .where(eq(units.tenantId, tenantId))
    .orderBy(asc(units.path));
}

export async function unitNode(db: Db, tenantId: string, id: string): Promise<UnitNode | null> {
  const [row] = await db
    .select({
      id: units.id,
      parentId: units.parentId,
      path: units.path,
      name: units.name,
      successorId: units.successorId,
    })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
  return row ?? null;
}

export async function existingUnitIds(db: Db, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function existingUserIds(db: Db, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Users holding one of `roles` granted exactly on one of the units (e.g. the heads of a unit). */
export async function usersWithRoleOn(
  db: Db,
  tenantId: string,
  unitIds: string[],
  roles: string[],
): Promise<string[]> {
  if (unitIds.length === 0 || roles.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(users, and(eq(users.tenantId, roleGrants.tenantId), eq(users.id, roleGrants.userId)))
    .where(
      and(
        eq(roleGrants.tenantId, tenantId),
        inArray(roleGrants.unitId, unitIds),
        inArray(roleGrants.role, roles),
        eq(users.disabled, false),
      ),
    );
  return rows.map((r) => r.userId).sort();
}

/** Users holding `role` on a unit whose subtree contains the unit at `path` (e.g. the monitors). */
export async function usersWithRoleCovering(
  db: Db,
  tenantId: string,
  path: string,
  role: string,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(units, and(eq(units.tenantId, roleGrants.tenantId), eq(units.id, roleGrants.unitId)))
    .innerJoin(users, and(eq(users.tenantId, roleGrants.tenantId), eq(users.id, roleGrants.userId)))
    .where(
      and(
        eq(roleGrants.tenantId, tenantId),
        eq(roleGrants.role, role),
        sql`${path} like ${units.path} || '%'`,
        eq(users.disabled, false),
      ),
    );
  return rows.map((r) => r.userId).sort();
}

export async function emailsOf(db: Db, tenantId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        inArray(users.id, userIds),
        eq(users.disabled, false),
        sql`${users.email} is not null`,
      ),
    );
}

export interface StatsFilter {
  kinds: string[] | null;
  /** Null: every unit of the tenant. */
  unitIds: string[] | null;
  from: string;
  to: string;
}

/**
 * Sums per unit from the rollups in one statement of two index range scans: flow figures
 * (received, completed, cancelled) over the months [from, to], stock figures (open) over the rows
 * that still have open items (a partial index), received up to `to`. Neither depends on the
 * number of items.
 */
export async function sumRollups(db: Db, tenantId: string, f: StatsFilter) {
  if (f.unitIds?.length === 0) return [];
  const filter = sql.join(
    [
      sql`tenant_id = ${tenantId}`,
      ...(f.kinds
        ? [
            sql`kind in (${sql.join(
              f.kinds.map((k) => sql`${k}`),
              sql`, `,
            )})`,
          ]
        : []),
      ...(f.unitIds
        ? [
            sql`unit_id in (${sql.join(
              f.unitIds.map((u) => sql`${u}`),
              sql`, `,
            )})`,
          ]
        : []),
    ],
    sql` and `,
  );
  const rows = rowsOf<Record<string, string | number>>(
    await db.execute(sql`
      select unit_id as "unitId", sum(received)::int as received, sum(completed_early)::int as "completedEarly",
        sum(completed_on_time)::int as "completedOnTime", sum(completed_late)::int as "completedLate",
        sum(cancelled)::int as cancelled, 0 as "openWithin", 0 as "openOverdue"
      from ${workItemRollups} where ${filter} and period >= ${f.from} and period <= ${f.to}
      group by unit_id
      union all
      select unit_id, 0, 0, 0, 0, 0, sum(open_within)::int, sum(open_overdue)::int
      from ${workItemRollups} where ${filter} and period <= ${f.to} and (open_within <> 0 or open_overdue <> 0)
      group by unit_id`),
  );
  const byUnit = new Map<string, Record<RollupColumnName, number> & { unitId: string }>();
  for (const row of rows) {
    const unitId = String(row.unitId);
    let sum = byUnit.get(unitId);
    if (!sum) {
      sum = {
        unitId,
        received: 0,
        completedEarly: 0,
        completedOnTime: 0,
        completedLate: 0,
        cancelled: 0,
        openWithin: 0,
        openOverdue: 0,
      };
      byUnit.set(unitId, sum);
    }
    for (const c of ROLLUP_COLUMN_NAMES) sum[c] += Number(row[c]);
  }
  return [...byUnit.values()];
}

const ROLLUP_COLUMN_NAMES = [
  'received',
  'completedEarly',
  'completedOnTime',
  'completedLate',
  'cancelled',
  'openWithin',
  'openOverdue',
] as const;
type RollupColumnName = (typeof ROLLUP_COLUMN_NAMES)[number];

/** Items still open with their clock, for tests and repair tools. */
export async function openItems(db: Db, tenantId: string) {
  return db
    .select()
    .from(workItems)
    .where(and(eq(workItems.tenantId, tenantId), isNull(workItems.stoppedAt)));
}

/**
 * SQL of the tasks module, and only SQL. Every query takes the database handle (pool, PGlite or
 * a transaction) first and filters by tenant; list queries carry the caller's visibility in
 * their WHERE clause (`visibleClause`), never a filter afterwards.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  like,
  lte,
  not,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  directiveItems,
  directives,
  meetingConclusions,
  meetings,
  officials,
  roleGrants,
  settings,
  taskSeries,
  tasks,
  units,
  users,
  workItemEvents,
  workItems,
  workItemUnits,
} from '../../db/schema/index.ts';
import type { Db } from '../../platform/db.ts';
import type { Visibility } from './permissions.ts';

export type TaskRow = typeof tasks.$inferSelect;
export type TaskInsert = typeof tasks.$inferInsert;
export type SeriesRow = typeof taskSeries.$inferSelect;
export type ItemRow = typeof workItems.$inferSelect;

const KIND = 'task';
const assigneeUser = alias(users, 'assignee_user');
const assignerUser = alias(users, 'assigner_user');

/** `execute` returns `{ rows }` on both drivers (node-postgres and PGlite). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

// --- Reference data ------------------------------------------------------------------------------

export interface UnitFacts {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  validTo: string | null;
  successorId: string | null;
}

const unitFacts = {
  id: units.id,
  parentId: units.parentId,
  path: units.path,
  name: units.name,
  validTo: units.validTo,
  successorId: units.successorId,
};

export async function unitsByIds(db: Db, tenantId: string, ids: string[]): Promise<UnitFacts[]> {
  if (ids.length === 0) return [];
  return db
    .select(unitFacts)
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, [...new Set(ids)])));
}

export async function allUnits(db: Db, tenantId: string): Promise<UnitFacts[]> {
  return db.select(unitFacts).from(units).where(eq(units.tenantId, tenantId)).orderBy(asc(units.path));
}

export interface UserFacts {
  id: string;
  displayName: string;
  disabled: boolean;
  officialUnitPath: string | null;
  grants: Array<{ role: string; unitPath: string }>;
}

/** Users with their official's unit path and their grants (for assignee and assigner checks). */
export async function usersByIds(db: Db, tenantId: string, ids: string[]): Promise<Map<string, UserFacts>> {
  const out = new Map<string, UserFacts>();
  if (ids.length === 0) return out;
  const unique = [...new Set(ids)];
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, disabled: users.disabled, path: units.path })
    .from(users)
    .leftJoin(officials, and(eq(officials.tenantId, users.tenantId), eq(officials.id, users.officialId)))
    .leftJoin(units, and(eq(units.tenantId, officials.tenantId), eq(units.id, officials.unitId)))
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique)));
  for (const r of rows)
    out.set(r.id, {
      id: r.id,
      displayName: r.displayName,
      disabled: r.disabled,
      officialUnitPath: r.path,
      grants: [],
    });
  const grants = await db
    .select({ userId: roleGrants.userId, role: roleGrants.role, unitPath: units.path })
    .from(roleGrants)
    .innerJoin(units, and(eq(units.tenantId, roleGrants.tenantId), eq(units.id, roleGrants.unitId)))
    .where(and(eq(roleGrants.tenantId, tenantId), inArray(roleGrants.userId, unique)));
  for (const g of grants) out.get(g.userId)?.grants.push({ role: g.role, unitPath: g.unitPath });
  return out;
}

export async function userNames(db: Db, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function directiveExists(db: Db, tenantId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: directives.id })
    .from(directives)
    .where(and(eq(directives.tenantId, tenantId), eq(directives.id, id)));
  return Boolean(row);
}

/** The texts of a directive's items (or a meeting's conclusions), by id: what tasks are made from. */
export async function directiveItemTexts(
  db: Db,
  tenantId: string,
  directiveId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: directiveItems.id, text: directiveItems.text })
    .from(directiveItems)
    .where(and(eq(directiveItems.tenantId, tenantId), eq(directiveItems.directiveId, directiveId)));
  return new Map(rows.map((r) => [r.id, r.text]));
}

export async function meetingExists(db: Db, tenantId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id)));
  return Boolean(row);
}

export async function conclusionTexts(
  db: Db,
  tenantId: string,
  meetingId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: meetingConclusions.id, text: meetingConclusions.text })
    .from(meetingConclusions)
    .where(and(eq(meetingConclusions.tenantId, tenantId), eq(meetingConclusions.meetingId, meetingId)));
  return new Map(rows.map((r) => [r.id, r.text]));
}

/** The tenant's `tasks.policy` setting (partial overrides of the defaults), if any. */
export async function policySetting(db: Db, tenantId: string): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(and(eq(settings.tenantId, tenantId), eq(settings.key, 'tasks.policy')));
  return (row?.value as Record<string, unknown> | undefined) ?? null;
}

// --- Tasks ---------------------------------------------------------------------------------------

export async function insertTask(db: Db, row: TaskInsert) {
  await db.insert(tasks).values(row);
}

export async function updateTask(db: Db, tenantId: string, id: string, patch: Partial<TaskInsert>) {
  if (Object.keys(patch).length === 0) return;
  await db
    .update(tasks)
    .set(patch)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, id)));
}

/**
 * Who may see a task, as SQL over `work_items` and `tasks` (see permissions.ts). Undefined when
 * the caller sees every task of the tenant.
 */
export function visibleClause(v: Visibility): SQL | undefined {
  if (v.all) return undefined;
  const unitConds: SQL[] = v.readPaths.map((p) => sql`u.path like ${`${p}%`}`);
  if (v.memberPaths.length)
    unitConds.push(
      sql`(u.parent_id is not null and (${sql.join(
        v.memberPaths.map((p) => sql`${p} like u.path || '%'`),
        sql` or `,
      )}))`,
    );
  if (v.unitId) unitConds.push(sql`u.id = ${v.unitId}`);
  const viaUnits = unitConds.length
    ? sql`exists (select 1 from ${workItemUnits} wu join ${units} u on u.tenant_id = wu.tenant_id and u.id = wu.unit_id
        where wu.tenant_id = ${workItems.tenantId} and wu.item_id = ${workItems.id} and (${sql.join(unitConds, sql` or `)}))`
    : undefined;
  return or(eq(tasks.assignerId, v.userId), eq(workItems.assigneeId, v.userId), viaUnits);
}

/** Open and past the due moment at `now` (the kernel's flag, or a running clock past its due). */
export function overdueSql(now: Date): SQL {
  return sql`(${workItems.stoppedAt} is null and (${workItems.overdue} or (${workItems.pausedSince} is null and ${workItems.dueAt} < ${ts(now)})))`;
}

export type StatusFilter =
  | 'within'
  | 'at_risk'
  | 'overdue'
  | 'done_early'
  | 'on_time'
  | 'late'
  | 'cancelled'
  | 'open'
  | 'done';

function statusClause(status: StatusFilter, now: Date): SQL | undefined {
  const open = isNull(workItems.stoppedAt);
  const overdue = overdueSql(now);
  switch (status) {
    case 'open':
      return open;
    case 'overdue':
      return overdue;
    case 'within':
      return and(open, not(overdue));
    case 'at_risk':
      return and(open, not(overdue), lte(tasks.atRiskAt, now));
    case 'done':
      return inArray(workItems.outcome, ['early', 'on_time', 'late']);
    case 'done_early':
      return eq(workItems.outcome, 'early');
    case 'on_time':
      return eq(workItems.outcome, 'on_time');
    case 'late':
      return eq(workItems.outcome, 'late');
    case 'cancelled':
      return eq(workItems.outcome, 'cancelled');
  }
}

export interface TaskFilter {
  visibility: Visibility;
  now: Date;
  ids?: string[] | undefined;
  mine?: string | undefined;
  /** Subtree path of the caller's own unit (scope=unit). */
  ownUnitPath?: string | null | undefined;
  status?: StatusFilter | undefined;
  state?: string | undefined;
  unitPath?: string | undefined;
  leadOnly?: boolean | undefined;
  assignerId?: string | undefined;
  assigneeId?: string | undefined;
  directiveId?: string | undefined;
  meetingId?: string | undefined;
  seriesId?: string | undefined;
  priority?: string | undefined;
  dueFrom?: Date | undefined;
  dueBefore?: Date | undefined;
  foldedQuery?: string | undefined;
}

function unitSubtree(path: string, leadOnly: boolean): SQL {
  return sql`exists (select 1 from ${workItemUnits} wf join ${units} uf on uf.tenant_id = wf.tenant_id and uf.id = wf.unit_id
    where wf.tenant_id = ${workItems.tenantId} and wf.item_id = ${workItems.id} and uf.path like ${`${path}%`}
    ${leadOnly ? sql`and wf.role = 'lead'` : sql``})`;
}

function taskWhere(tenantId: string, f: TaskFilter): SQL | undefined {
  return and(
    eq(workItems.tenantId, tenantId),
    eq(workItems.kind, KIND),
    visibleClause(f.visibility),
    f.ids ? (f.ids.length ? inArray(workItems.id, f.ids) : sql`false`) : undefined,
    f.mine ? or(eq(tasks.assignerId, f.mine), eq(workItems.assigneeId, f.mine)) : undefined,
    f.ownUnitPath === null ? sql`false` : f.ownUnitPath ? unitSubtree(f.ownUnitPath, false) : undefined,
    f.status ? statusClause(f.status, f.now) : undefined,
    f.state ? eq(workItems.state, f.state) : undefined,
    f.unitPath ? unitSubtree(f.unitPath, f.leadOnly === true) : undefined,
    f.assignerId ? eq(tasks.assignerId, f.assignerId) : undefined,
    f.assigneeId ? eq(workItems.assigneeId, f.assigneeId) : undefined,
    f.directiveId ? eq(tasks.directiveId, f.directiveId) : undefined,
    f.meetingId ? eq(tasks.meetingId, f.meetingId) : undefined,
    f.seriesId ? eq(tasks.seriesId, f.seriesId) : undefined,
    f.priority ? eq(tasks.priority, f.priority) : undefined,
    f.dueFrom ? gte(workItems.dueAt, f.dueFrom) : undefined,
    f.dueBefore ? sql`${workItems.dueAt} < ${ts(f.dueBefore)}` : undefined,
    f.foldedQuery ? like(tasks.searchFolded, `%${f.foldedQuery}%`) : undefined,
  );
}

const itemJoin = and(eq(tasks.tenantId, workItems.tenantId), eq(tasks.id, workItems.id));

const listColumns = {
  task: tasks,
  item: workItems,
  leadUnitName: units.name,
  leadUnitPath: units.path,
  assigneeName: assigneeUser.displayName,
  assignerName: assignerUser.displayName,
  supportUnitIds: sql<
    string[] | string
  >`coalesce((select json_agg(ws.unit_id order by ws.unit_id) from ${workItemUnits} ws
    where ws.tenant_id = ${workItems.tenantId} and ws.item_id = ${workItems.id} and ws.role = 'support'), '[]'::json)`,
};

export type TaskListRow = {
  task: TaskRow;
  item: ItemRow;
  leadUnitName: string | null;
  leadUnitPath: string | null;
  assigneeName: string | null;
  assignerName: string | null;
  supportUnitIds: string[];
};

function selectTasks(db: Db) {
  return db
    .select(listColumns)
    .from(workItems)
    .innerJoin(tasks, itemJoin)
    .leftJoin(units, and(eq(units.tenantId, workItems.tenantId), eq(units.id, workItems.ownerUnitId)))
    .leftJoin(
      assigneeUser,
      and(eq(assigneeUser.tenantId, workItems.tenantId), eq(assigneeUser.id, workItems.assigneeId)),
    )
    .leftJoin(
      assignerUser,
      and(eq(assignerUser.tenantId, tasks.tenantId), eq(assignerUser.id, tasks.assignerId)),
    );
}

function normalise(rows: Array<Omit<TaskListRow, 'supportUnitIds'> & { supportUnitIds: string[] | string }>) {
  return rows.map((r) => ({
    ...r,
    supportUnitIds:
      typeof r.supportUnitIds === 'string' ? (JSON.parse(r.supportUnitIds) as string[]) : r.supportUnitIds,
  }));
}

/** Most urgent first: open before closed, overdue first, then the earliest due (least time left). */
function urgency(now: Date): SQL[] {
  return [
    sql`case when ${workItems.stoppedAt} is null then 0 else 1 end`,
    sql`case when ${overdueSql(now)} then 0 else 1 end`,
    sql`${workItems.dueAt} asc nulls last`,
    desc(workItems.stoppedAt),
    desc(workItems.createdAt),
    asc(workItems.id),
  ];
}

export async function listTasks(
  db: Db,
  tenantId: string,
  f: TaskFilter,
  limit: number,
  offset: number,
): Promise<{ items: TaskListRow[]; total: number }> {
  const where = taskWhere(tenantId, f);
  const items = await selectTasks(db)
    .where(where)
    .orderBy(...urgency(f.now))
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(workItems).innerJoin(tasks, itemJoin).where(where);
  return { items: normalise(items), total: total?.n ?? 0 };
}

/** One task if the caller may see it (null otherwise: "not found" equals "forbidden"). */
export async function getVisibleTask(
  db: Db,
  tenantId: string,
  id: string,
  visibility: Visibility,
  now: Date,
): Promise<TaskListRow | null> {
  const rows = await selectTasks(db).where(taskWhere(tenantId, { visibility, now, ids: [id] }));
  return normalise(rows)[0] ?? null;
}

/** Among `ids`, the tasks the caller may see (the access check over a set of ids). */
export async function visibleTaskIds(
  db: Db,
  tenantId: string,
  ids: string[],
  visibility: Visibility,
  now: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: workItems.id })
    .from(workItems)
    .innerJoin(tasks, itemJoin)
    .where(taskWhere(tenantId, { visibility, now, ids }));
  return rows.map((r) => r.id);
}

export async function getTaskRow(db: Db, tenantId: string, id: string): Promise<TaskRow | null> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, id)));
  return row ?? null;
}

export interface TimelineRow {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  payload: unknown;
}

/** A task's kernel events, oldest first, with the actors' names. */
export async function timeline(db: Db, tenantId: string, itemId: string): Promise<TimelineRow[]> {
  return db
    .select({
      seq: workItemEvents.seq,
      at: workItemEvents.at,
      actorId: workItemEvents.actorId,
      actorName: users.displayName,
      action: workItemEvents.action,
      fromState: workItemEvents.fromState,
      toState: workItemEvents.toState,
      reason: workItemEvents.reason,
      payload: workItemEvents.payload,
    })
    .from(workItemEvents)
    .leftJoin(users, and(eq(users.tenantId, workItemEvents.tenantId), eq(users.id, workItemEvents.actorId)))
    .where(and(eq(workItemEvents.tenantId, tenantId), eq(workItemEvents.itemId, itemId)))
    .orderBy(asc(workItemEvents.seq));
}

/** The events of many tasks, grouped by task, oldest first. */
export async function eventsOf(db: Db, tenantId: string, itemIds: string[]) {
  const out = new Map<string, Array<typeof workItemEvents.$inferSelect>>();
  for (let i = 0; i < itemIds.length; i += 1000) {
    const rows = await db
      .select()
      .from(workItemEvents)
      .where(
        and(
          eq(workItemEvents.tenantId, tenantId),
          inArray(workItemEvents.itemId, itemIds.slice(i, i + 1000)),
        ),
      )
      .orderBy(asc(workItemEvents.itemId), asc(workItemEvents.seq));
    for (const r of rows) out.set(r.itemId, [...(out.get(r.itemId) ?? []), r]);
  }
  return out;
}

/**
 * Tasks that can carry avoidance signals in [from, to]: visible, created by `to`, and open or
 * closed on or after `from`. The events decide (core/src/tasks/avoidance.ts).
 */
export async function avoidanceCandidates(
  db: Db,
  tenantId: string,
  visibility: Visibility,
  from: Date,
  to: Date,
) {
  return db
    .select({
      id: workItems.id,
      title: workItems.title,
      ownerUnitId: workItems.ownerUnitId,
      assigneeId: workItems.assigneeId,
    })
    .from(workItems)
    .innerJoin(tasks, itemJoin)
    .where(
      and(
        eq(workItems.tenantId, tenantId),
        eq(workItems.kind, KIND),
        visibleClause(visibility),
        lte(workItems.createdAt, to),
        or(isNull(workItems.stoppedAt), gte(workItems.stoppedAt, from)),
      ),
    );
}

// --- Figures for the board and reports -----------------------------------------------------------

const localMonth = (column: SQL) =>
  sql`to_char((${column} at time zone 'UTC') + interval '7 hours', 'YYYY-MM')`;

export interface FigureRow {
  assignerId: string;
  unitId: string;
  received: number;
  open: number;
  openWithin: number;
  atRisk: number;
  overdue: number;
  doneEarly: number;
  doneOnTime: number;
  doneLate: number;
  cancelled: number;
}

/**
 * Task figures per (assigner, owner unit) with the rollups' semantics: received and completed
 * in the months [from, to] (by the local month of creation, of completion), open figures as of
 * `now` for tasks received up to `to`. The board takes its unit figures from the kernel's
 * rollups and uses this for what rollups do not keep (the assigner, the at-risk count); tests
 * compare the two.
 */
export async function figures(
  db: Db,
  tenantId: string,
  unitIds: string[],
  from: string,
  to: string,
  now: Date,
): Promise<FigureRow[]> {
  if (unitIds.length === 0) return [];
  const created = localMonth(sql`w.created_at`);
  const stopped = localMonth(sql`w.stopped_at`);
  const open = sql`w.stopped_at is null and ${created} <= ${to}`;
  const overdue = sql`(w.overdue or (w.paused_since is null and w.due_at < ${ts(now)}))`;
  const inPeriod = (m: SQL) => sql`${m} between ${from} and ${to}`;
  const result = await db.execute(sql`
    select t.assigner_id as "assignerId", w.owner_unit_id as "unitId",
      count(*) filter (where ${inPeriod(created)})::int as received,
      count(*) filter (where ${open})::int as open,
      count(*) filter (where ${open} and not ${overdue})::int as "openWithin",
      count(*) filter (where ${open} and not ${overdue} and t.at_risk_at <= ${ts(now)})::int as "atRisk",
      count(*) filter (where ${open} and ${overdue})::int as overdue,
      count(*) filter (where w.outcome = 'early' and ${inPeriod(stopped)})::int as "doneEarly",
      count(*) filter (where w.outcome = 'on_time' and ${inPeriod(stopped)})::int as "doneOnTime",
      count(*) filter (where w.outcome = 'late' and ${inPeriod(stopped)})::int as "doneLate",
      count(*) filter (where w.outcome = 'cancelled' and ${inPeriod(stopped)})::int as cancelled
    from ${workItems} w
    join ${tasks} t on t.tenant_id = w.tenant_id and t.id = w.id
    where w.tenant_id = ${tenantId} and w.kind = ${KIND}
      and w.owner_unit_id in (${sql.join(
        unitIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    group by 1, 2
    order by 1, 2`);
  return rowsOf<FigureRow>(result);
}

/** Open tasks at risk now (within the deadline, past their at-risk moment), per owner unit. */
export async function atRiskByUnit(db: Db, tenantId: string, unitIds: string[], now: Date) {
  if (unitIds.length === 0) return [];
  return db
    .select({ unitId: workItems.ownerUnitId, n: count() })
    .from(workItems)
    .innerJoin(tasks, itemJoin)
    .where(
      and(
        eq(workItems.tenantId, tenantId),
        eq(workItems.kind, KIND),
        inArray(workItems.ownerUnitId, unitIds),
        isNull(workItems.stoppedAt),
        not(overdueSql(now)),
        lte(tasks.atRiskAt, now),
      ),
    )
    .groupBy(workItems.ownerUnitId);
}

/** Task counts per directive, for the directives register's progress column. */
export async function summaryByDirective(db: Db, tenantId: string, directiveIds: string[], now: Date) {
  if (directiveIds.length === 0) return [];
  return db
    .select({
      directiveId: tasks.directiveId,
      total: sql<number>`count(*)::int`,
      open: sql<number>`(count(*) filter (where ${workItems.stoppedAt} is null))::int`,
      done: sql<number>`(count(*) filter (where ${workItems.outcome} in ('early', 'on_time', 'late')))::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueSql(now)}))::int`,
    })
    .from(tasks)
    .innerJoin(workItems, itemJoin)
    .where(and(eq(tasks.tenantId, tenantId), inArray(tasks.directiveId, directiveIds)))
    .groupBy(tasks.directiveId);
}

/**
 * The directives list's `taskStatus` filter: directives having an open / overdue / done task, or
 * none at all. Over `directives.tenant_id` and `directives.id`; "overdue" as of `now` (the
 * kernel's flag, or a running clock past its due moment).
 */
export function directiveTaskFilter(
  tenantId: string,
  status: 'open' | 'overdue' | 'done' | 'none',
  now: Date,
): SQL {
  const where = {
    open: sql`w.stopped_at is null`,
    overdue: sql`w.stopped_at is null and (w.overdue or (w.paused_since is null and w.due_at < ${ts(now)}))`,
    done: sql`w.outcome in ('early', 'on_time', 'late')`,
    none: sql`true`,
  }[status];
  const exists = sql`exists (select 1 from ${tasks} t join ${workItems} w on w.tenant_id = t.tenant_id and w.id = t.id
    where t.tenant_id = ${tenantId} and t.tenant_id = ${directives.tenantId} and t.directive_id = ${directives.id} and ${where})`;
  return status === 'none' ? sql`not ${exists}` : exists;
}

// --- Series --------------------------------------------------------------------------------------

export async function insertSeries(db: Db, row: typeof taskSeries.$inferInsert) {
  await db.insert(taskSeries).values(row);
}

export async function getSeries(
  db: Db,
  tenantId: string,
  id: string,
  lock = false,
): Promise<SeriesRow | null> {
  const query = db
    .select()
    .from(taskSeries)
    .where(and(eq(taskSeries.tenantId, tenantId), eq(taskSeries.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function updateSeries(db: Db, tenantId: string, id: string, patch: Partial<SeriesRow>) {
  await db
    .update(taskSeries)
    .set({ ...patch, version: sql`${taskSeries.version} + 1` })
    .where(and(eq(taskSeries.tenantId, tenantId), eq(taskSeries.id, id)));
}

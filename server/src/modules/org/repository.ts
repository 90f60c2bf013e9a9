import { and, asc, count, eq, gte, inArray, isNull, like, lte, or, type SQL, sql } from 'drizzle-orm';
import { officials, units } from '../../db/schema/index.ts';
import type { Db } from '../../platform/db.ts';

export type UnitRow = typeof units.$inferSelect;
export type OfficialRow = typeof officials.$inferSelect;

export async function getUnitRow(db: Db, tenantId: string, id: string): Promise<UnitRow | null> {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
  return row ?? null;
}

export async function getUnitRows(db: Db, tenantId: string, ids: string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, ids)));
}

/** The path of the tenant's root unit (the provincial People's Committee). */
export async function rootPath(db: Db, tenantId: string): Promise<string> {
  const [row] = await db
    .select({ path: units.path })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), isNull(units.parentId)))
    .orderBy(asc(units.sortOrder))
    .limit(1);
  return row?.path ?? '/';
}

export interface UnitFilter {
  foldedQuery?: string | undefined;
  kind?: string | undefined;
  parentId?: string | undefined;
  validOn?: string | undefined;
}

function unitWhere(tenantId: string, f: UnitFilter): SQL | undefined {
  return and(
    eq(units.tenantId, tenantId),
    f.foldedQuery
      ? or(
          like(units.nameFolded, `%${f.foldedQuery}%`),
          like(sql`lower(${units.abbr})`, `%${f.foldedQuery}%`),
        )
      : undefined,
    f.kind ? eq(units.kind, f.kind) : undefined,
    f.parentId ? eq(units.parentId, f.parentId) : undefined,
    f.validOn
      ? and(
          or(isNull(units.validFrom), lte(units.validFrom, f.validOn)),
          or(isNull(units.validTo), gte(units.validTo, f.validOn)),
        )
      : undefined,
  );
}

export async function listUnits(db: Db, tenantId: string, f: UnitFilter, limit: number, offset: number) {
  const where = unitWhere(tenantId, f);
  const items = await db
    .select()
    .from(units)
    .where(where)
    .orderBy(asc(units.path), asc(units.sortOrder))
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(units).where(where);
  return { items, total: total?.n ?? 0 };
}

export async function allUnits(db: Db, tenantId: string): Promise<UnitRow[]> {
  return db.select().from(units).where(eq(units.tenantId, tenantId)).orderBy(asc(units.path));
}

export async function insertUnit(db: Db, row: typeof units.$inferInsert) {
  await db.insert(units).values(row);
}

export async function updateUnit(
  db: Db,
  tenantId: string,
  id: string,
  version: number,
  patch: Partial<typeof units.$inferInsert>,
) {
  const rows = await db
    .update(units)
    .set({ ...patch, updatedAt: sql`now()`, version: sql`${units.version} + 1` })
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id), eq(units.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Moves a subtree: every descendant's path gets the new prefix. */
export async function rewriteSubtreePaths(db: Db, tenantId: string, oldPrefix: string, newPrefix: string) {
  await db
    .update(units)
    .set({ path: sql`${newPrefix} || substr(${units.path}, ${oldPrefix.length + 1})` })
    .where(and(eq(units.tenantId, tenantId), like(units.path, `${oldPrefix}%`)));
}

export async function unitCodeOwner(db: Db, tenantId: string, code: string) {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.code, code)));
  return row?.id ?? null;
}

export async function getOfficialRow(db: Db, tenantId: string, id: string): Promise<OfficialRow | null> {
  const [row] = await db
    .select()
    .from(officials)
    .where(and(eq(officials.tenantId, tenantId), eq(officials.id, id)));
  return row ?? null;
}

export interface OfficialFilter {
  foldedQuery?: string | undefined;
  unitId?: string | undefined;
  subtreePath?: string | undefined;
  scopePaths: string[];
}

function officialWhere(tenantId: string, f: OfficialFilter): SQL | undefined {
  const scope = f.scopePaths.length ? or(...f.scopePaths.map((p) => like(units.path, `${p}%`))) : sql`false`;
  return and(
    eq(officials.tenantId, tenantId),
    scope,
    f.foldedQuery ? like(officials.nameFolded, `%${f.foldedQuery}%`) : undefined,
    f.subtreePath
      ? like(units.path, `${f.subtreePath}%`)
      : f.unitId
        ? eq(officials.unitId, f.unitId)
        : undefined,
  );
}

export async function listOfficials(
  db: Db,
  tenantId: string,
  f: OfficialFilter,
  limit: number,
  offset: number,
) {
  const where = officialWhere(tenantId, f);
  const join = and(eq(units.tenantId, officials.tenantId), eq(units.id, officials.unitId));
  const items = await db
    .select({ official: officials })
    .from(officials)
    .innerJoin(units, join)
    .where(where)
    .orderBy(asc(units.path), asc(officials.fullName))
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(officials).innerJoin(units, join).where(where);
  return { items: items.map((r) => r.official), total: total?.n ?? 0 };
}

export async function insertOfficial(db: Db, row: typeof officials.$inferInsert) {
  await db.insert(officials).values(row);
}

export async function updateOfficial(
  db: Db,
  tenantId: string,
  id: string,
  version: number,
  patch: Partial<typeof officials.$inferInsert>,
) {
  const rows = await db
    .update(officials)
    .set({ ...patch, updatedAt: sql`now()`, version: sql`${officials.version} + 1` })
    .where(and(eq(officials.tenantId, tenantId), eq(officials.id, id), eq(officials.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function officialByCode(db: Db, tenantId: string, code: string) {
  const [row] = await db
    .select()
    .from(officials)
    .where(and(eq(officials.tenantId, tenantId), eq(officials.code, code)));
  return row ?? null;
}

// --- Import and export (transfer.ts) ---------------------------------------------------------

/** Several units in one statement: foreign keys are checked at its end, so order does not matter. */
export async function insertUnits(db: Db, rows: Array<typeof units.$inferInsert>) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(units).values(rows.slice(i, i + 500));
}

/** Frees the codes of units about to be re-coded, so that codes can move between units in one import. */
export async function clearUnitCodes(db: Db, tenantId: string, ids: string[]) {
  for (let i = 0; i < ids.length; i += 1000) {
    await db
      .update(units)
      .set({ code: null })
      .where(and(eq(units.tenantId, tenantId), inArray(units.id, ids.slice(i, i + 1000))));
  }
}

/** Sets one unit's materialised path (a descendant of a unit that moved). */
export async function setUnitPath(db: Db, tenantId: string, id: string, path: string) {
  await db
    .update(units)
    .set({ path })
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
}

/** The officials having any of these ids or codes. */
export async function officialsByIdsOrCodes(
  db: Db,
  tenantId: string,
  ids: string[],
  codes: string[],
): Promise<OfficialRow[]> {
  const out = new Map<string, OfficialRow>();
  for (const [column, values] of [
    [officials.id, ids],
    [officials.code, codes],
  ] as const) {
    for (let i = 0; i < values.length; i += 1000) {
      const rows = await db
        .select()
        .from(officials)
        .where(and(eq(officials.tenantId, tenantId), inArray(column, values.slice(i, i + 1000))));
      for (const row of rows) out.set(row.id, row);
    }
  }
  return [...out.values()];
}

export async function insertOfficials(db: Db, rows: Array<typeof officials.$inferInsert>) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(officials).values(rows.slice(i, i + 500));
}

export async function clearOfficialCodes(db: Db, tenantId: string, ids: string[]) {
  for (let i = 0; i < ids.length; i += 1000) {
    await db
      .update(officials)
      .set({ code: null })
      .where(and(eq(officials.tenantId, tenantId), inArray(officials.id, ids.slice(i, i + 1000))));
  }
}

import type { DirectiveUnit } from '@dieuhanh/core/directives/index';
import type { UnitKind } from '@dieuhanh/core/org/units';
import { and, asc, count, eq, gte, inArray, like, lte, notInArray, type SQL, sql } from 'drizzle-orm';
import { directiveItems, directiveItemUnits, directives, units } from '../../db/schema/index.ts';
import type { Db } from '../../platform/db.ts';

export type DirectiveRow = typeof directives.$inferSelect;
export type DirectiveItemRow = typeof directiveItems.$inferSelect;
export type ItemUnitRow = typeof directiveItemUnits.$inferSelect;

/** Every unit of the tenant as the parser needs it, dissolved ones included (their dates decide). */
export async function parserUnits(db: Db, tenantId: string): Promise<DirectiveUnit[]> {
  const rows = await db
    .select({
      id: units.id,
      name: units.name,
      abbr: units.abbr,
      kind: units.kind,
      parentId: units.parentId,
      validFrom: units.validFrom,
      validTo: units.validTo,
    })
    .from(units)
    .where(eq(units.tenantId, tenantId))
    .orderBy(asc(units.path), asc(units.sortOrder));
  return rows.map((r) => ({ ...r, kind: r.kind as UnitKind }));
}

/** The ids among `ids` that are units of the tenant. */
export async function existingUnitIds(db: Db, tenantId: string, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const found = new Set<string>();
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.tenantId, tenantId), inArray(units.id, unique.slice(i, i + 1000))));
    for (const r of rows) found.add(r.id);
  }
  return found;
}

// --- Directives --------------------------------------------------------------------------------

export async function getDirectiveRow(db: Db, tenantId: string, id: string): Promise<DirectiveRow | null> {
  const [row] = await db
    .select()
    .from(directives)
    .where(and(eq(directives.tenantId, tenantId), eq(directives.id, id)));
  return row ?? null;
}

/** The ids among `ids` that are directives of the tenant. */
export async function existingDirectiveIds(db: Db, tenantId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: directives.id })
    .from(directives)
    .where(and(eq(directives.tenantId, tenantId), inArray(directives.id, ids)));
  return rows.map((r) => r.id);
}

export async function insertDirective(db: Db, row: typeof directives.$inferInsert) {
  await db.insert(directives).values(row);
}

/** Optimistic update: returns null when the version read is no longer current. */
export async function updateDirective(
  db: Db,
  tenantId: string,
  id: string,
  version: number,
  patch: Partial<typeof directives.$inferInsert>,
): Promise<DirectiveRow | null> {
  const rows = await db
    .update(directives)
    .set({ ...patch, updatedAt: sql`now()`, version: sql`${directives.version} + 1` })
    .where(and(eq(directives.tenantId, tenantId), eq(directives.id, id), eq(directives.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Deletes a directive at the version read (items and their units cascade); false when stale. */
export async function deleteDirective(db: Db, tenantId: string, id: string, version: number) {
  const rows = await db
    .delete(directives)
    .where(and(eq(directives.tenantId, tenantId), eq(directives.id, id), eq(directives.version, version)))
    .returning({ id: directives.id });
  return rows.length > 0;
}

export interface DirectiveFilter {
  foldedQuery?: string | undefined;
  issuerUnitId?: string | undefined;
  foldedSigner?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  documentType?: string | undefined;
  status?: string | undefined;
  /** A condition contributed by another module (the tasks module's "has tasks in state …"). */
  extra?: SQL | undefined;
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function directiveWhere(tenantId: string, f: DirectiveFilter): SQL | undefined {
  return and(
    eq(directives.tenantId, tenantId),
    f.foldedQuery ? like(directives.searchFolded, `%${likeEscape(f.foldedQuery)}%`) : undefined,
    f.issuerUnitId ? eq(directives.issuerUnitId, f.issuerUnitId) : undefined,
    f.foldedSigner ? like(directives.signerFolded, `%${likeEscape(f.foldedSigner)}%`) : undefined,
    f.from ? gte(directives.issuedOn, f.from) : undefined,
    f.to ? lte(directives.issuedOn, f.to) : undefined,
    f.documentType ? eq(directives.documentType, f.documentType) : undefined,
    f.status ? eq(directives.status, f.status) : undefined,
    f.extra,
  );
}

/** Newest first: by issue date, drafts without a date on top, then by creation. */
export async function listDirectives(
  db: Db,
  tenantId: string,
  f: DirectiveFilter,
  limit: number,
  offset: number,
) {
  const where = directiveWhere(tenantId, f);
  // Qualified by hand: drizzle leaves columns of a single-table select unqualified, which inside
  // a subquery would resolve to the subquery's own table.
  const itemCount =
    sql<number>`(select count(*) from directive_items di where di.tenant_id = directives.tenant_id and di.directive_id = directives.id)`.mapWith(
      Number,
    );
  const rows = await db
    .select({ directive: directives, itemCount })
    .from(directives)
    .where(where)
    .orderBy(
      sql`${directives.issuedOn} desc nulls first`,
      sql`${directives.createdAt} desc`,
      sql`${directives.id} desc`,
    )
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(directives).where(where);
  return { rows, total: total?.n ?? 0 };
}

// --- Items ---------------------------------------------------------------------------------------

export async function itemRows(db: Db, tenantId: string, directiveId: string): Promise<DirectiveItemRow[]> {
  return db
    .select()
    .from(directiveItems)
    .where(and(eq(directiveItems.tenantId, tenantId), eq(directiveItems.directiveId, directiveId)))
    .orderBy(asc(directiveItems.position));
}

export async function getItemRow(db: Db, tenantId: string, itemId: string): Promise<DirectiveItemRow | null> {
  const [row] = await db
    .select()
    .from(directiveItems)
    .where(and(eq(directiveItems.tenantId, tenantId), eq(directiveItems.id, itemId)));
  return row ?? null;
}

/** Lead and support units of the given items, in their order. */
export async function itemUnitRows(db: Db, tenantId: string, itemIds: string[]): Promise<ItemUnitRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .select()
    .from(directiveItemUnits)
    .where(and(eq(directiveItemUnits.tenantId, tenantId), inArray(directiveItemUnits.itemId, itemIds)))
    .orderBy(asc(directiveItemUnits.itemId), asc(directiveItemUnits.position));
}

export async function insertItem(db: Db, row: typeof directiveItems.$inferInsert) {
  await db.insert(directiveItems).values(row);
}

export async function updateItem(
  db: Db,
  tenantId: string,
  itemId: string,
  patch: Partial<typeof directiveItems.$inferInsert>,
) {
  await db
    .update(directiveItems)
    .set(patch)
    .where(and(eq(directiveItems.tenantId, tenantId), eq(directiveItems.id, itemId)));
}

/** Removes the directive's items not in `keep` (their units cascade). */
export async function deleteItemsExcept(db: Db, tenantId: string, directiveId: string, keep: string[]) {
  await db
    .delete(directiveItems)
    .where(
      and(
        eq(directiveItems.tenantId, tenantId),
        eq(directiveItems.directiveId, directiveId),
        keep.length ? notInArray(directiveItems.id, keep) : undefined,
      ),
    );
}

/**
 * Refs are unique per directive; while items are rewritten a ref may move from one item to
 * another, so the kept items first get a temporary ref that no input can contain.
 */
const PARKED_PREFIX = '\u0001parked:';

export async function parkItemRefs(db: Db, tenantId: string, itemIds: string[]) {
  if (itemIds.length === 0) return;
  await db
    .update(directiveItems)
    .set({ ref: sql`${PARKED_PREFIX} || ${directiveItems.id}` })
    .where(and(eq(directiveItems.tenantId, tenantId), inArray(directiveItems.id, itemIds)));
}

export async function replaceItemUnits(
  db: Db,
  tenantId: string,
  itemId: string,
  lead: string[],
  support: string[],
) {
  await db
    .delete(directiveItemUnits)
    .where(and(eq(directiveItemUnits.tenantId, tenantId), eq(directiveItemUnits.itemId, itemId)));
  const rows = [
    ...lead.map((unitId, position) => ({ tenantId, itemId, unitId, role: 'lead', position })),
    ...support.map((unitId, position) => ({ tenantId, itemId, unitId, role: 'support', position })),
  ];
  for (let i = 0; i < rows.length; i += 500)
    await db.insert(directiveItemUnits).values(rows.slice(i, i + 500));
}

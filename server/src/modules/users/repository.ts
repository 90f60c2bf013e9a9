import { and, asc, count, eq, ilike, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import { officials, roleGrants, units, users } from '../../db/schema/index.ts';
import type { Db } from '../../platform/db.ts';

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  officialId: users.officialId,
  unitId: officials.unitId,
  unitPath: units.path,
  locale: users.locale,
  disabled: users.disabled,
  version: users.version,
};

function base(db: Db) {
  return db
    .select(userColumns)
    .from(users)
    .leftJoin(officials, and(eq(officials.tenantId, users.tenantId), eq(officials.id, users.officialId)))
    .leftJoin(units, and(eq(units.tenantId, officials.tenantId), eq(units.id, officials.unitId)));
}

/**
 * Users visible within the given subtrees: a user belongs where their official works; users
 * without an official belong to the root, so only a root-scoped administrator lists them.
 */
function scope(paths: string[], rootPath: string): SQL {
  const conditions = paths.map((p) => like(units.path, `${p}%`));
  if (paths.includes(rootPath)) conditions.push(isNull(users.officialId));
  return conditions.length ? (or(...conditions) as SQL) : sql`false`;
}

export async function listUsers(
  db: Db,
  tenantId: string,
  paths: string[],
  rootPath: string,
  q: string | undefined,
  limit: number,
  offset: number,
) {
  const where = and(
    eq(users.tenantId, tenantId),
    scope(paths, rootPath),
    q ? or(ilike(users.username, `%${q}%`), ilike(users.displayName, `%${q}%`)) : undefined,
  );
  const items = await base(db).where(where).orderBy(asc(users.username)).limit(limit).offset(offset);
  const [total] = await db
    .select({ n: count() })
    .from(users)
    .leftJoin(officials, and(eq(officials.tenantId, users.tenantId), eq(officials.id, users.officialId)))
    .leftJoin(units, and(eq(units.tenantId, officials.tenantId), eq(units.id, officials.unitId)))
    .where(where);
  return { items, total: total?.n ?? 0 };
}

export async function getUser(db: Db, tenantId: string, userId: string) {
  const [row] = await base(db).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return row ?? null;
}

export async function grantsOf(db: Db, tenantId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitName: units.name,
      unitPath: units.path,
    })
    .from(roleGrants)
    .innerJoin(units, and(eq(units.tenantId, roleGrants.tenantId), eq(units.id, roleGrants.unitId)))
    .where(and(eq(roleGrants.tenantId, tenantId), inArray(roleGrants.userId, userIds)))
    .orderBy(asc(roleGrants.role));
}

export async function insertUser(db: Db, row: typeof users.$inferInsert) {
  await db.insert(users).values(row);
}

export async function updateUser(
  db: Db,
  tenantId: string,
  userId: string,
  version: number,
  patch: Partial<typeof users.$inferInsert>,
) {
  const rows = await db
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1` })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function usernameTaken(db: Db, tenantId: string, username: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username)));
  return Boolean(row);
}

export async function insertGrant(db: Db, row: typeof roleGrants.$inferInsert) {
  const rows = await db.insert(roleGrants).values(row).onConflictDoNothing().returning({ id: roleGrants.id });
  return rows.length > 0;
}

export async function getGrant(db: Db, tenantId: string, grantId: string) {
  const [row] = await db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitPath: units.path,
    })
    .from(roleGrants)
    .innerJoin(units, and(eq(units.tenantId, roleGrants.tenantId), eq(units.id, roleGrants.unitId)))
    .where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.id, grantId)));
  return row ?? null;
}

export async function deleteGrant(db: Db, tenantId: string, grantId: string) {
  await db.delete(roleGrants).where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.id, grantId)));
}

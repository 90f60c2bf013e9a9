import { and, eq, sql } from 'drizzle-orm';
import { apiTokens, sessions, users } from '../../db/schema/index.ts';
import type { Db } from '../../platform/db.ts';

export async function findUserByUsername(db: Db, tenantId: string, username: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username)));
  return user ?? null;
}

export async function findUser(db: Db, tenantId: string, userId: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return user ?? null;
}

export async function recordFailedLogin(
  db: Db,
  tenantId: string,
  userId: string,
  maxFailures: number,
  lockUntil: Date,
) {
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
    .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
  return row;
}

export async function resetFailedLogins(db: Db, tenantId: string, userId: string) {
  await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

export async function deleteSession(db: Db, tenantId: string, sessionId: string) {
  await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
}

export async function deleteUserSessions(db: Db, tenantId: string, userId: string, except?: string) {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)));
  for (const row of rows) if (row.id !== except) await deleteSession(db, tenantId, row.id);
}

export async function setPassword(db: Db, tenantId: string, userId: string, passwordHash: string, at: Date) {
  await db
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: at,
      failedLogins: 0,
      lockedUntil: null,
      version: sql`${users.version} + 1`,
    })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
}

export async function insertApiToken(db: Db, row: typeof apiTokens.$inferInsert) {
  await db.insert(apiTokens).values(row);
}

export async function listApiTokens(db: Db, tenantId: string, userId: string) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId)));
}

export async function revokeApiToken(db: Db, tenantId: string, userId: string, tokenId: string, at: Date) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId), eq(apiTokens.id, tokenId)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

import type { Grant, Principal } from '@dieuhanh/core/access/permissions';
import { isRole } from '@dieuhanh/core/access/permissions';
import { and, eq } from 'drizzle-orm';
import { officials, roleGrants, units, users } from '../db/schema/index.ts';
import type { Db } from './db.ts';

/** Loads a user with their grants (each with its unit path) — the caller's identity for access checks. */
export async function loadPrincipal(db: Db, tenantId: string, userId: string): Promise<Principal | null> {
  const [user] = await db
    .select({ user: users, officialUnitId: officials.unitId })
    .from(users)
    .leftJoin(officials, and(eq(officials.tenantId, users.tenantId), eq(officials.id, users.officialId)))
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  if (!user || user.user.disabled) return null;
  const rows = await db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId, unitPath: units.path })
    .from(roleGrants)
    .innerJoin(units, and(eq(units.tenantId, roleGrants.tenantId), eq(units.id, roleGrants.unitId)))
    .where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.userId, userId)));
  const grants: Grant[] = rows.flatMap((r) =>
    isRole(r.role) ? [{ role: r.role, unitId: r.unitId, unitPath: r.unitPath }] : [],
  );
  return {
    tenantId,
    userId,
    username: user.user.username,
    displayName: user.user.displayName,
    officialId: user.user.officialId,
    unitId: user.officialUnitId ?? null,
    grants,
  };
}

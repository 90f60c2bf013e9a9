import { eq } from 'drizzle-orm';
import { tenants } from '../db/schema/index.ts';
import type { Db } from './db.ts';

export async function ensureTenant(db: Db, id: string, name: string) {
  await db.insert(tenants).values({ id, name }).onConflictDoNothing();
}

export async function tenantExists(db: Db, id: string) {
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, id));
  return Boolean(row);
}

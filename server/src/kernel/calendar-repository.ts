import { and, asc, eq, sql } from 'drizzle-orm';
import { calendarSchedules, tenants } from '../db/schema/index.ts';
import type { Db } from '../platform/db.ts';

/**
 * A short fingerprint of everything a tenant's calendar is built from (its supplied schedules
 * and working hours). jsonb's text form is canonical, so equal content gives equal stamps.
 */
export async function calendarStamp(db: Db, tenantId: string): Promise<string> {
  const rows = await db.execute<{ stamp: string }>(sql`
    select md5(
      coalesce((select string_agg(s.year::text || '=' || s.schedule::text, ';' order by s.year)
                from ${calendarSchedules} s where s.tenant_id = ${tenantId}), '')
      || '|' || coalesce((select t.working_hours::text from ${tenants} t where t.id = ${tenantId}), '')
    ) as stamp`);
  return String((rows as unknown as { rows: Array<{ stamp: string }> }).rows[0]?.stamp ?? '');
}

export async function suppliedSchedules(db: Db, tenantId: string) {
  return db
    .select()
    .from(calendarSchedules)
    .where(eq(calendarSchedules.tenantId, tenantId))
    .orderBy(asc(calendarSchedules.year));
}

export async function workingHoursOf(db: Db, tenantId: string): Promise<unknown> {
  const [row] = await db
    .select({ hours: tenants.workingHours })
    .from(tenants)
    .where(and(eq(tenants.id, tenantId)));
  return row?.hours ?? null;
}

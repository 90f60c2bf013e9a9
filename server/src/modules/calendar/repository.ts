import { and, asc, eq, sql } from 'drizzle-orm';
import { calendarSchedules, tenants } from '../../db/schema/index.ts';
import type { Db } from '../../platform/db.ts';

export type ScheduleRow = typeof calendarSchedules.$inferSelect;

export async function getSchedule(db: Db, tenantId: string, year: number): Promise<ScheduleRow | null> {
  const [row] = await db
    .select()
    .from(calendarSchedules)
    .where(and(eq(calendarSchedules.tenantId, tenantId), eq(calendarSchedules.year, year)))
    .for('update');
  return row ?? null;
}

export async function listSchedules(db: Db, tenantId: string): Promise<ScheduleRow[]> {
  return db
    .select()
    .from(calendarSchedules)
    .where(eq(calendarSchedules.tenantId, tenantId))
    .orderBy(asc(calendarSchedules.year));
}

/** Inserts the year's schedule or replaces it (a new version). */
export async function saveSchedule(
  db: Db,
  row: { tenantId: string; year: number; schedule: unknown; updatedBy: string; updatedAt: Date },
): Promise<ScheduleRow> {
  const [saved] = await db
    .insert(calendarSchedules)
    .values({ ...row, version: 1 })
    .onConflictDoUpdate({
      target: [calendarSchedules.tenantId, calendarSchedules.year],
      set: {
        schedule: row.schedule,
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt,
        version: sql`${calendarSchedules.version} + 1`,
      },
    })
    .returning();
  return saved!;
}

export async function deleteSchedule(db: Db, tenantId: string, year: number): Promise<boolean> {
  const rows = await db
    .delete(calendarSchedules)
    .where(and(eq(calendarSchedules.tenantId, tenantId), eq(calendarSchedules.year, year)))
    .returning({ year: calendarSchedules.year });
  return rows.length > 0;
}

export async function setWorkingHours(db: Db, tenantId: string, hours: unknown) {
  await db.update(tenants).set({ workingHours: hours }).where(eq(tenants.id, tenantId));
}

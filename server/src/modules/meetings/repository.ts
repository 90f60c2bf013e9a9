import { and, asc, count, eq, gte, inArray, like, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import {
  meetingAttendees,
  meetingConclusions,
  meetingConclusionUnits,
  meetings,
  users,
} from '../../db/schema/index.ts';
import type { Db } from '../../platform/db.ts';
import { likeEscape } from '../directives/repository.ts';

export type MeetingRow = typeof meetings.$inferSelect;
export type AttendeeRow = typeof meetingAttendees.$inferSelect;
export type ConclusionRow = typeof meetingConclusions.$inferSelect;
export type ConclusionUnitRow = typeof meetingConclusionUnits.$inferSelect;

export async function userExists(db: Db, tenantId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return Boolean(row);
}

export async function getMeetingRow(db: Db, tenantId: string, id: string): Promise<MeetingRow | null> {
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id)));
  return row ?? null;
}

export async function existingMeetingIds(db: Db, tenantId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), inArray(meetings.id, ids)));
  return rows.map((r) => r.id);
}

export async function insertMeeting(db: Db, row: typeof meetings.$inferInsert) {
  await db.insert(meetings).values(row);
}

export async function updateMeeting(
  db: Db,
  tenantId: string,
  id: string,
  version: number,
  patch: Partial<typeof meetings.$inferInsert>,
): Promise<MeetingRow | null> {
  const rows = await db
    .update(meetings)
    .set({ ...patch, updatedAt: sql`now()`, version: sql`${meetings.version} + 1` })
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id), eq(meetings.version, version)))
    .returning();
  return rows[0] ?? null;
}

export interface MeetingFilter {
  foldedQuery?: string | undefined;
  chairUserId?: string | undefined;
  /** Instants bounding `held_at`: [from, until). */
  from?: Date | undefined;
  until?: Date | undefined;
}

function meetingWhere(tenantId: string, f: MeetingFilter): SQL | undefined {
  return and(
    eq(meetings.tenantId, tenantId),
    f.foldedQuery ? like(meetings.titleFolded, `%${likeEscape(f.foldedQuery)}%`) : undefined,
    f.chairUserId ? eq(meetings.chairUserId, f.chairUserId) : undefined,
    f.from ? gte(meetings.heldAt, f.from) : undefined,
    f.until ? lt(meetings.heldAt, f.until) : undefined,
  );
}

export async function listMeetings(
  db: Db,
  tenantId: string,
  f: MeetingFilter,
  limit: number,
  offset: number,
) {
  const where = meetingWhere(tenantId, f);
  // Qualified by hand (see directives' listDirectives).
  const conclusionCount =
    sql<number>`(select count(*) from meeting_conclusions mc where mc.tenant_id = meetings.tenant_id and mc.meeting_id = meetings.id)`.mapWith(
      Number,
    );
  const rows = await db
    .select({ meeting: meetings, conclusionCount })
    .from(meetings)
    .where(where)
    .orderBy(sql`${meetings.heldAt} desc`, sql`${meetings.id} desc`)
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(meetings).where(where);
  return { rows, total: total?.n ?? 0 };
}

// --- Attendees -----------------------------------------------------------------------------------

export async function attendeeRows(db: Db, tenantId: string, meetingId: string): Promise<AttendeeRow[]> {
  return db
    .select()
    .from(meetingAttendees)
    .where(and(eq(meetingAttendees.tenantId, tenantId), eq(meetingAttendees.meetingId, meetingId)))
    .orderBy(asc(meetingAttendees.position));
}

export async function replaceAttendees(
  db: Db,
  tenantId: string,
  meetingId: string,
  rows: Array<Omit<typeof meetingAttendees.$inferInsert, 'tenantId' | 'meetingId' | 'position'>>,
) {
  await db
    .delete(meetingAttendees)
    .where(and(eq(meetingAttendees.tenantId, tenantId), eq(meetingAttendees.meetingId, meetingId)));
  const values = rows.map((r, position) => ({ ...r, tenantId, meetingId, position }));
  for (let i = 0; i < values.length; i += 500)
    await db.insert(meetingAttendees).values(values.slice(i, i + 500));
}

// --- Conclusions ---------------------------------------------------------------------------------

export async function conclusionRows(db: Db, tenantId: string, meetingId: string): Promise<ConclusionRow[]> {
  return db
    .select()
    .from(meetingConclusions)
    .where(and(eq(meetingConclusions.tenantId, tenantId), eq(meetingConclusions.meetingId, meetingId)))
    .orderBy(asc(meetingConclusions.position));
}

export async function getConclusionRow(db: Db, tenantId: string, id: string): Promise<ConclusionRow | null> {
  const [row] = await db
    .select()
    .from(meetingConclusions)
    .where(and(eq(meetingConclusions.tenantId, tenantId), eq(meetingConclusions.id, id)));
  return row ?? null;
}

export async function conclusionUnitRows(
  db: Db,
  tenantId: string,
  conclusionIds: string[],
): Promise<ConclusionUnitRow[]> {
  if (conclusionIds.length === 0) return [];
  return db
    .select()
    .from(meetingConclusionUnits)
    .where(
      and(
        eq(meetingConclusionUnits.tenantId, tenantId),
        inArray(meetingConclusionUnits.conclusionId, conclusionIds),
      ),
    )
    .orderBy(asc(meetingConclusionUnits.conclusionId), asc(meetingConclusionUnits.position));
}

export async function insertConclusion(db: Db, row: typeof meetingConclusions.$inferInsert) {
  await db.insert(meetingConclusions).values(row);
}

export async function updateConclusion(
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<typeof meetingConclusions.$inferInsert>,
) {
  await db
    .update(meetingConclusions)
    .set(patch)
    .where(and(eq(meetingConclusions.tenantId, tenantId), eq(meetingConclusions.id, id)));
}

export async function deleteConclusionsExcept(db: Db, tenantId: string, meetingId: string, keep: string[]) {
  await db
    .delete(meetingConclusions)
    .where(
      and(
        eq(meetingConclusions.tenantId, tenantId),
        eq(meetingConclusions.meetingId, meetingId),
        keep.length ? notInArray(meetingConclusions.id, keep) : undefined,
      ),
    );
}

const PARKED_PREFIX = '\u0001parked:';

/** Refs are unique per meeting: kept conclusions get a temporary ref while they are rewritten. */
export async function parkConclusionRefs(db: Db, tenantId: string, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .update(meetingConclusions)
    .set({ ref: sql`${PARKED_PREFIX} || ${meetingConclusions.id}` })
    .where(and(eq(meetingConclusions.tenantId, tenantId), inArray(meetingConclusions.id, ids)));
}

export async function replaceConclusionUnits(
  db: Db,
  tenantId: string,
  conclusionId: string,
  lead: string[],
  support: string[],
) {
  await db
    .delete(meetingConclusionUnits)
    .where(
      and(
        eq(meetingConclusionUnits.tenantId, tenantId),
        eq(meetingConclusionUnits.conclusionId, conclusionId),
      ),
    );
  const rows = [
    ...lead.map((unitId, position) => ({ tenantId, conclusionId, unitId, role: 'lead', position })),
    ...support.map((unitId, position) => ({ tenantId, conclusionId, unitId, role: 'support', position })),
  ];
  for (let i = 0; i < rows.length; i += 500)
    await db.insert(meetingConclusionUnits).values(rows.slice(i, i + 500));
}

import { createHash } from 'node:crypto';
import { and, asc, eq, gt } from 'drizzle-orm';
import { auditEvents, auditHeads, users } from '../db/schema/index.ts';
import type { Db } from './db.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  tenantId: string;
  actorId: string | null;
  action: string;
  resourceType: string;
  resourceId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  at?: Date;
}

/** JSON with sorted keys, so the hash does not depend on how the database orders jsonb keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Plain JSON values (Dates become ISO strings) — what jsonb will give back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function eventHash(
  prevHash: string,
  e: {
    seq: number;
    at: Date;
    actorId: string | null;
    action: string;
    resourceType: string;
    resourceId: string;
    before: unknown;
    after: unknown;
  },
): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    action: e.action,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    before: e.before,
    after: e.after,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends one event to the tenant's chain. Must run inside the transaction of the change it
 * records; the row lock on the tenant's head orders concurrent writers.
 */
export async function appendAudit(tx: Db, input: AuditInput): Promise<{ seq: number; hash: string }> {
  await tx
    .insert(auditHeads)
    .values({ tenantId: input.tenantId, lastSeq: 0, lastHash: GENESIS_HASH })
    .onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(auditHeads)
    .where(eq(auditHeads.tenantId, input.tenantId))
    .for('update');
  if (!head) throw new Error('audit head missing');
  const seq = head.lastSeq + 1;
  // Millisecond precision: what both JavaScript and a timestamptz round trip keep exactly.
  const at = input.at ?? new Date();
  const before = plain(input.before);
  const after = plain(input.after);
  const hash = eventHash(head.lastHash, { ...input, seq, at, before, after });
  await tx.insert(auditEvents).values({
    tenantId: input.tenantId,
    seq,
    at,
    actorId: input.actorId,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId,
    before,
    after,
    requestId: input.requestId ?? null,
    prevHash: head.lastHash,
    hash,
  });
  await tx
    .update(auditHeads)
    .set({ lastSeq: seq, lastHash: hash })
    .where(eq(auditHeads.tenantId, input.tenantId));
  return { seq, hash };
}

export interface ChainReport {
  tenantId: string;
  checked: number;
  ok: boolean;
  firstBroken: { seq: number; reason: string } | null;
}

/** Recomputes the chain in order; names the first event whose link or content does not match. */
export async function verifyChain(db: Db, tenantId: string, batch = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), gt(auditEvents.seq, expectedSeq - 1)))
      .orderBy(asc(auditEvents.seq))
      .limit(batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      const broken = (reason: string): ChainReport => ({
        tenantId,
        checked,
        ok: false,
        firstBroken: { seq: row.seq, reason },
      });
      if (row.seq !== expectedSeq)
        return {
          ...broken(`missing event ${expectedSeq}`),
          firstBroken: { seq: expectedSeq, reason: `event ${expectedSeq} is missing` },
        };
      if (row.prevHash !== prevHash) return broken('previous-hash link does not match the preceding event');
      if (eventHash(prevHash, row) !== row.hash)
        return broken('content does not match its hash (the event was altered)');
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
  }
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
  if (head && head.lastSeq !== checked) {
    return {
      tenantId,
      checked,
      ok: false,
      firstBroken: {
        seq: checked + 1,
        reason: `chain ends at ${checked} but the head says ${head.lastSeq} (events were deleted)`,
      },
    };
  }
  return { tenantId, checked, ok: true, firstBroken: null };
}

/** One resource's timeline, oldest first, with the actors' display names. */
export async function resourceTimeline(db: Db, tenantId: string, resourceType: string, resourceId: string) {
  const rows = await db
    .select({ event: auditEvents, actorName: users.displayName })
    .from(auditEvents)
    .leftJoin(users, and(eq(users.tenantId, auditEvents.tenantId), eq(users.id, auditEvents.actorId)))
    .where(
      and(
        eq(auditEvents.tenantId, tenantId),
        eq(auditEvents.resourceType, resourceType),
        eq(auditEvents.resourceId, resourceId),
      ),
    )
    .orderBy(asc(auditEvents.seq));
  return rows.map(({ event, actorName }) => ({
    seq: event.seq,
    at: event.at.toISOString(),
    actorId: event.actorId,
    actorName,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    before: event.before,
    after: event.after,
    hash: event.hash,
  }));
}

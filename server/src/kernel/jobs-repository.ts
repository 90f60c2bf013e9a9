import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { jobs, tenants } from '../db/schema/index.ts';
import type { Db } from '../platform/db.ts';
import { rowsOf } from './repository.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  tenantId: string;
  kind: string;
  payload?: Record<string, unknown>;
  runAt: Date;
  maxAttempts?: number;
  key?: string | null;
  now: Date;
}

export async function insertJob(db: Db, job: NewJob): Promise<string> {
  const id = randomUUID();
  await db.insert(jobs).values({
    tenantId: job.tenantId,
    id,
    kind: job.kind,
    key: job.key ?? null,
    payload: job.payload ?? {},
    runAt: job.runAt,
    maxAttempts: job.maxAttempts ?? 8,
    createdAt: job.now,
  });
  return id;
}

/**
 * Creates the job with this key, or, when its time or kind changed, puts the existing one back in
 * the queue with the new time and payload (a new revision, attempts reset, any lease dropped).
 * Scheduling the same moment again leaves the job as it is (pending, running or done), so a
 * change that does not move the moment neither re-runs nor disturbs it. Idempotent per key.
 */
export async function upsertKeyedJob(db: Db, job: NewJob & { key: string }) {
  await db
    .insert(jobs)
    .values({
      tenantId: job.tenantId,
      id: randomUUID(),
      kind: job.kind,
      key: job.key,
      payload: job.payload ?? {},
      runAt: job.runAt,
      maxAttempts: job.maxAttempts ?? 8,
      createdAt: job.now,
    })
    .onConflictDoUpdate({
      target: [jobs.tenantId, jobs.key],
      set: {
        kind: sql`excluded.kind`,
        payload: sql`excluded.payload`,
        runAt: sql`excluded.run_at`,
        maxAttempts: sql`excluded.max_attempts`,
        attempts: 0,
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        doneAt: null,
        failedAt: null,
        revision: sql`${jobs.revision} + 1`,
      },
      setWhere: sql`${jobs.runAt} <> excluded.run_at or ${jobs.kind} <> excluded.kind or ${jobs.failedAt} is not null`,
    });
}

/**
 * Removes the jobs with these keys (nothing left to do: the item closed, or its clock is paused).
 * A run in progress then finds no row to complete, which is harmless.
 */
export async function deleteKeyedJobs(db: Db, tenantId: string, keys: string[]) {
  if (keys.length === 0) return;
  await db.delete(jobs).where(and(eq(jobs.tenantId, tenantId), inArray(jobs.key, keys)));
}

/** Removes finished jobs without a key (deliveries, one-off work) done before `before`. */
export async function purgeDoneJobs(db: Db, tenantId: string, before: Date) {
  await db
    .delete(jobs)
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        isNull(jobs.key),
        sql`${jobs.doneAt} < ${before.toISOString()}::timestamptz`,
      ),
    );
}

export async function tenantIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id));
  return rows.map((r) => r.id);
}

/**
 * Claims up to `limit` due jobs of a tenant for `worker` until `lockedUntil`, in one statement
 * (its own short transaction). `FOR UPDATE SKIP LOCKED` lets concurrent workers pass over each
 * other's candidates instead of waiting or claiming the same job; a job whose lease expired
 * (its worker died) is due again.
 */
export async function claimJobs(
  db: Db,
  tenantId: string,
  worker: string,
  now: Date,
  lockedUntil: Date,
  limit: number,
  kinds?: string[],
): Promise<JobRow[]> {
  const kindFilter = kinds
    ? sql`and j.kind in (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`
    : sql``;
  const result = await db.execute(sql`
    update ${jobs} set locked_by = ${worker}, locked_until = ${lockedUntil.toISOString()}::timestamptz,
      attempts = ${jobs.attempts} + 1
    where (tenant_id, id) in (
      select j.tenant_id, j.id from ${jobs} j
      where j.tenant_id = ${tenantId} and j.done_at is null and j.failed_at is null
        and j.run_at <= ${now.toISOString()}::timestamptz
        and (j.locked_until is null or j.locked_until < ${now.toISOString()}::timestamptz)
        and j.attempts < j.max_attempts ${kindFilter}
      order by j.run_at, j.id
      limit ${limit}
      for update skip locked)
    returning tenant_id as "tenantId", id, kind, key, payload, run_at as "runAt", attempts,
      max_attempts as "maxAttempts", locked_by as "lockedBy", locked_until as "lockedUntil",
      last_error as "lastError", done_at as "doneAt", failed_at as "failedAt", revision,
      created_at as "createdAt"`);
  return rowsOf<JobRow>(result).map((r) => ({
    ...r,
    runAt: new Date(r.runAt),
    lockedUntil: r.lockedUntil ? new Date(r.lockedUntil) : null,
    createdAt: new Date(r.createdAt),
  }));
}

/** Jobs whose last attempt's lease ran out: they will not be retried, so they are failed. */
export async function failExhaustedJobs(db: Db, tenantId: string, now: Date) {
  await db
    .update(jobs)
    .set({
      failedAt: now,
      lockedBy: null,
      lockedUntil: null,
      lastError: sql`coalesce(${jobs.lastError}, 'lease expired')`,
    })
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        isNull(jobs.doneAt),
        isNull(jobs.failedAt),
        sql`${jobs.attempts} >= ${jobs.maxAttempts}`,
        sql`${jobs.lockedUntil} < ${now.toISOString()}::timestamptz`,
      ),
    );
}

/** Guard of every completion: the worker still holds this revision of the job. */
function held(job: JobRow, worker: string) {
  return and(
    eq(jobs.tenantId, job.tenantId),
    eq(jobs.id, job.id),
    eq(jobs.lockedBy, worker),
    eq(jobs.revision, job.revision),
  );
}

export async function completeJob(db: Db, job: JobRow, worker: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ doneAt: now, lockedBy: null, lockedUntil: null, lastError: null })
    .where(held(job, worker))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** The handler asked to run again later (its moment moved): back in the queue, attempts reset. */
export async function deferJob(db: Db, job: JobRow, worker: string, runAt: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ runAt, attempts: 0, lockedBy: null, lockedUntil: null })
    .where(held(job, worker))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function failJobAttempt(
  db: Db,
  job: JobRow,
  worker: string,
  error: string,
  retryAt: Date | null,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set(
      retryAt
        ? { runAt: retryAt, lockedBy: null, lockedUntil: null, lastError: error }
        : { failedAt: now, lockedBy: null, lockedUntil: null, lastError: error },
    )
    .where(held(job, worker))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function getJob(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)));
  return row ?? null;
}

export async function getJobByKey(db: Db, tenantId: string, key: string) {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.key, key)));
  return row ?? null;
}

export async function listJobs(db: Db, tenantId: string, filter: { kind?: string; pending?: boolean } = {}) {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        filter.kind ? eq(jobs.kind, filter.kind) : undefined,
        filter.pending ? and(isNull(jobs.doneAt), isNull(jobs.failedAt)) : undefined,
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id));
}

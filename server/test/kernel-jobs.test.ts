import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../src/db/schema/index.ts';
import {
  enqueueJob,
  type KernelDeps,
  registerJobHandler,
  runDueJobs,
  runJobsOnce,
  startJobWorker,
} from '../src/kernel/index.ts';
import { BACKOFF_BASE_MS, purgeOldJobs } from '../src/kernel/jobs.ts';
import { claimJobs, completeJob, getJobByKey } from '../src/kernel/jobs-repository.ts';
import { type Database, openPostgres } from '../src/platform/db.ts';
import { TENANT, useApp } from './helper.ts';
import { vn } from './kernel-support.ts';

const ctx = useApp();
const onPostgres = Boolean(process.env.DATABASE_URL);
let second: Database | null = null;

/** A second connection pool on the same database: a second app instance, as far as jobs go. */
beforeAll(async () => {
  if (!onPostgres) return;
  const { rows } = (await ctx.deps.db.execute(sql`select current_database() as name`)) as unknown as {
    rows: Array<{ name: string }>;
  };
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  second = await openPostgres(url.toString());
});
afterAll(async () => {
  await second?.close();
});

let now = vn('2026-03-02', '08:00');
const depsOn = (db: KernelDeps['db']): KernelDeps => ({ db, now: () => now });
const enqueue = (kind: string, extra: Record<string, unknown> = {}) =>
  enqueueJob(ctx.deps.db, now, { tenantId: TENANT, kind, ...extra });

async function jobRows(kind: string) {
  return ctx.deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, TENANT), eq(jobs.kind, kind)));
}

describe('jobs', () => {
  it('runs every job exactly once with two workers side by side', async () => {
    const runs: Array<{ id: string; worker: string }> = [];
    registerJobHandler('test.record', async (deps, job) => {
      runs.push({ id: job.id, worker: job.lockedBy! });
      // Let the other worker in while this one "works".
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      await deps.db.execute(sql`select 1`);
      return undefined;
    });
    const N = 300;
    for (let i = 0; i < N; i++) await enqueue('test.record', { payload: { i } });
    const dbA = ctx.deps.db;
    // On PostgreSQL the second worker has its own pool (truly concurrent); PGlite has a single
    // connection, so the two workers interleave on it, serialised.
    const dbB = second?.db ?? ctx.deps.db;
    const options = { kinds: ['test.record'], batch: 7 };
    const [a, b] = await Promise.all([
      runDueJobs(depsOn(dbA), { ...options, workerId: 'A' }),
      runDueJobs(depsOn(dbB), { ...options, workerId: 'B' }),
    ]);
    expect(a + b).toBe(N);
    const ids = runs.map((r) => r.id);
    expect(new Set(ids).size).toBe(N);
    expect(ids).toHaveLength(N);
    const rows = await jobRows('test.record');
    expect(rows).toHaveLength(N);
    expect(rows.every((r) => r.doneAt !== null && r.attempts === 1 && r.lockedBy === null)).toBe(true);
    if (onPostgres) {
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    }
  });

  it('gives a crashed worker’s job to another worker when the lease runs out, and ignores the late finish', async () => {
    const runs: string[] = [];
    registerJobHandler('test.lease', async (_deps, job) => {
      runs.push(job.lockedBy!);
      return undefined;
    });
    await enqueue('test.lease', { key: 'lease-1' });
    const [claimed] = await claimJobs(
      ctx.deps.db,
      TENANT,
      'crashed',
      now,
      new Date(now.getTime() + 60_000),
      10,
      ['test.lease'],
    );
    expect(claimed).toMatchObject({ attempts: 1, lockedBy: 'crashed' });
    // While the lease holds nobody else gets it.
    expect(await runJobsOnce(depsOn(ctx.deps.db), { workerId: 'B', kinds: ['test.lease'] })).toBe(0);
    now = new Date(now.getTime() + 61_000);
    expect(await runJobsOnce(depsOn(ctx.deps.db), { workerId: 'B', kinds: ['test.lease'] })).toBe(1);
    expect(runs).toEqual(['B']);
    const row = await getJobByKey(ctx.deps.db, TENANT, 'lease-1');
    expect(row).toMatchObject({ attempts: 2, lockedBy: null });
    expect(row?.doneAt).not.toBeNull();
    // The crashed worker comes back and tries to finish: refused, the job stays as B left it.
    expect(await completeJob(ctx.deps.db, claimed!, 'crashed', now)).toBe(false);
  });

  it('retries a failing job with exponential backoff, then marks it failed after max attempts', async () => {
    let failuresLeft = 2;
    registerJobHandler('test.flaky', async () => {
      if (failuresLeft-- > 0) throw new Error('SMTP 451 try later');
      return undefined;
    });
    registerJobHandler('test.broken', async () => {
      throw new Error('always broken');
    });
    await enqueue('test.flaky', { key: 'flaky' });
    await enqueue('test.broken', { key: 'broken', maxAttempts: 2 });
    const deps = depsOn(ctx.deps.db);
    const kinds = ['test.flaky', 'test.broken'];
    expect(await runDueJobs(deps, { kinds })).toBe(2);
    let flaky = (await getJobByKey(ctx.deps.db, TENANT, 'flaky'))!;
    expect(flaky).toMatchObject({ attempts: 1, doneAt: null, lastError: 'Error: SMTP 451 try later' });
    const delay1 = flaky.runAt.getTime() - now.getTime();
    expect(delay1).toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
    expect(delay1).toBeLessThanOrEqual(BACKOFF_BASE_MS * 1.1);
    // Not yet due: nothing runs.
    expect(await runDueJobs(deps, { kinds })).toBe(0);
    // Past both jobs' first delays (each has its own jitter).
    now = new Date(now.getTime() + BACKOFF_BASE_MS * 1.1 + 1);
    expect(await runDueJobs(deps, { kinds })).toBe(2);
    flaky = (await getJobByKey(ctx.deps.db, TENANT, 'flaky'))!;
    const delay2 = flaky.runAt.getTime() - now.getTime();
    expect(delay2).toBeGreaterThanOrEqual(2 * BACKOFF_BASE_MS);
    expect(delay2).toBeLessThanOrEqual(2 * BACKOFF_BASE_MS * 1.1);
    const broken = (await getJobByKey(ctx.deps.db, TENANT, 'broken'))!;
    expect(broken).toMatchObject({ attempts: 2, doneAt: null, lastError: 'Error: always broken' });
    expect(broken.failedAt).not.toBeNull();
    now = new Date(now.getTime() + delay2);
    expect(await runDueJobs(deps, { kinds })).toBe(1);
    flaky = (await getJobByKey(ctx.deps.db, TENANT, 'flaky'))!;
    expect(flaky.attempts).toBe(3);
    expect(flaky.doneAt).not.toBeNull();
  });

  it('schedules idempotently by key, and a reschedule during a run survives the run’s completion', async () => {
    const seen: number[] = [];
    registerJobHandler('test.keyed', async (deps, job) => {
      seen.push(job.revision);
      if (job.revision === 1) {
        // The item changed while the job ran: its job is moved to a later moment.
        await enqueueJob(deps.db, now, {
          tenantId: TENANT,
          kind: 'test.keyed',
          key: 'keyed',
          runAt: new Date(now.getTime() + 3_600_000),
        });
      }
      return undefined;
    });
    await enqueue('test.keyed', { key: 'keyed' });
    await enqueue('test.keyed', { key: 'keyed' });
    expect(await jobRows('test.keyed')).toHaveLength(1);
    expect((await getJobByKey(ctx.deps.db, TENANT, 'keyed'))?.revision).toBe(1);
    const deps = depsOn(ctx.deps.db);
    expect(await runDueJobs(deps, { kinds: ['test.keyed'] })).toBe(1);
    const pending = (await getJobByKey(ctx.deps.db, TENANT, 'keyed'))!;
    expect(pending).toMatchObject({ revision: 2, doneAt: null, attempts: 0 });
    now = new Date(now.getTime() + 3_600_000);
    expect(await runDueJobs(deps, { kinds: ['test.keyed'] })).toBe(1);
    expect(seen).toEqual([1, 2]);
    // Scheduling the same moment again leaves a finished job finished.
    await enqueue('test.keyed', { key: 'keyed', runAt: now });
    expect((await getJobByKey(ctx.deps.db, TENANT, 'keyed'))?.doneAt).not.toBeNull();
  });

  it('purges finished jobs without a key after a while, keeping keyed ones (an item’s schedule)', async () => {
    registerJobHandler('test.purge', async () => undefined);
    await enqueue('test.purge');
    await enqueue('test.purge', { key: 'purge-keyed' });
    await runDueJobs(depsOn(ctx.deps.db), { kinds: ['test.purge'] });
    await purgeOldJobs(depsOn(ctx.deps.db), now);
    expect(await jobRows('test.purge')).toHaveLength(2);
    await purgeOldJobs(depsOn(ctx.deps.db), new Date(now.getTime() + 1));
    expect((await jobRows('test.purge')).map((j) => j.key)).toEqual(['purge-keyed']);
  });

  it('starts with the server and stops gracefully', async () => {
    let ran = 0;
    registerJobHandler('test.worker', async () => {
      ran++;
      return undefined;
    });
    await enqueue('test.worker');
    await enqueue('test.worker');
    const worker = startJobWorker(depsOn(ctx.deps.db), { pollMs: 10, kinds: ['test.worker'] });
    for (let i = 0; i < 500 && ran < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    expect(ran).toBe(2);
    await enqueue('test.worker');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toBe(2);
  });
});

/**
 * The job queue and its worker. A job is claimed in a short transaction of its own
 * (`FOR UPDATE SKIP LOCKED`, a lease of `leaseMs`), run outside any transaction, then completed,
 * deferred or failed with a guard that the worker still holds that revision of the job. So:
 *
 * - several workers (threads of one process, or several app instances on one PostgreSQL) never
 *   claim the same job at once;
 * - a worker that dies leaves its job to be claimed again when the lease runs out;
 * - a failing job is retried with exponential backoff until `max_attempts`, then marked failed;
 * - rescheduling a job while it runs (a new revision) is never undone by the old run's completion.
 *
 * What a handler does to the database must be idempotent or guarded, because a lease can run
 * out under a slow handler; the kernel's own handlers go through `transition` with a dedupe key,
 * which makes their effects happen once (see scheduling.ts). Deliveries to the outside (e-mail,
 * webhooks) are at least once.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db.ts';
import * as repo from './jobs-repository.ts';

export type { JobRow } from './jobs-repository.ts';

/** What the kernel needs from the app's dependencies. */
export interface KernelDeps {
  db: Db;
  /** The current instant; injectable so tests can move time. */
  now: () => Date;
}

export type JobResult = undefined | { runAt: Date };

export type JobHandler = (deps: KernelDeps, job: repo.JobRow) => Promise<JobResult | undefined>;

const handlers = new Map<string, JobHandler>();

/** Registers the handler of a job kind (the kernel's own: `kernel.*`, `notify.*`). */
export function registerJobHandler(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

export interface EnqueueInput {
  tenantId: string;
  kind: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
  /** Unique per tenant: enqueueing an existing key reschedules that job instead of adding one. */
  key?: string;
}

/** Adds a job in the caller's transaction (so it exists exactly when the change commits). */
export async function enqueueJob(db: Db, now: Date, job: EnqueueInput): Promise<void> {
  const base = { ...job, runAt: job.runAt ?? now, now };
  if (job.key) await repo.upsertKeyedJob(db, { ...base, key: job.key });
  else await repo.insertJob(db, base);
}

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 6 * 3_600_000;

/** Delay before retry n (1 = after the first failure): 30 s, 1 min, 2 min… capped at 6 h, +0–10 %. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + 0.1 * random()));
}

export interface WorkerOptions {
  workerId?: string;
  /** Jobs claimed per tenant per round. */
  batch?: number;
  leaseMs?: number;
  /** Only these job kinds (tests). */
  kinds?: string[];
  log?: { error(obj: unknown, msg?: string): void; warn?(obj: unknown, msg?: string): void };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000);
  return String(error).slice(0, 2000);
}

/** Runs one claimed job and records how it went. Returns true when it completed. */
async function runJob(deps: KernelDeps, job: repo.JobRow, workerId: string, options: WorkerOptions) {
  const handler = handlers.get(job.kind);
  try {
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    const result = await handler(deps, job);
    if (result?.runAt) await repo.deferJob(deps.db, job, workerId, result.runAt);
    else await repo.completeJob(deps.db, job, workerId, deps.now());
    return true;
  } catch (error) {
    const now = deps.now();
    const retryAt = job.attempts < job.maxAttempts ? new Date(now.getTime() + backoffMs(job.attempts)) : null;
    options.log?.error(
      { err: error, job: { id: job.id, kind: job.kind, attempts: job.attempts } },
      'job failed',
    );
    await repo.failJobAttempt(deps.db, job, workerId, errorText(error), retryAt, now);
    return false;
  }
}

/**
 * One round: for every tenant, claim a batch of due jobs and run them one after the other.
 * Returns how many jobs were claimed.
 */
export async function runJobsOnce(deps: KernelDeps, options: WorkerOptions = {}): Promise<number> {
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  let claimed = 0;
  for (const tenantId of await repo.tenantIds(deps.db)) {
    const now = deps.now();
    await repo.failExhaustedJobs(deps.db, tenantId, now);
    const batch = await repo.claimJobs(
      deps.db,
      tenantId,
      workerId,
      now,
      new Date(now.getTime() + leaseMs),
      options.batch ?? 20,
      options.kinds,
    );
    claimed += batch.length;
    for (const job of batch) await runJob(deps, job, workerId, options);
  }
  return claimed;
}

/** Runs rounds until no job is due at `deps.now()` (tests, CLI). Returns the jobs claimed. */
export async function runDueJobs(deps: KernelDeps, options: WorkerOptions = {}, maxRounds = 1000) {
  let total = 0;
  for (let round = 0; round < maxRounds; round++) {
    const n = await runJobsOnce(deps, options);
    total += n;
    if (n === 0) return total;
  }
  throw new Error(`jobs still due after ${maxRounds} rounds`);
}

const PURGE_EVERY_MS = 3_600_000;
/** Finished deliveries and one-off jobs are kept a week for inspection, then removed. */
const KEEP_DONE_MS = 7 * 86_400_000;

export async function purgeOldJobs(deps: KernelDeps, before: Date) {
  for (const tenantId of await repo.tenantIds(deps.db)) await repo.purgeDoneJobs(deps.db, tenantId, before);
}

export interface JobWorker {
  readonly id: string;
  /** Stops polling and waits for the round in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Starts polling for due jobs every `pollMs` (immediately again while there is work). The server
 * starts one per process; on PGlite it shares the process's single connection with requests.
 */
export function startJobWorker(
  deps: KernelDeps,
  options: WorkerOptions & { pollMs?: number } = {},
): JobWorker {
  const id = options.workerId ?? `worker-${randomUUID()}`;
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  let lastPurge = 0;
  const loop = async () => {
    while (!stopped) {
      let claimed = 0;
      try {
        claimed = await runJobsOnce(deps, { ...options, workerId: id });
        const now = deps.now().getTime();
        if (now - lastPurge > PURGE_EVERY_MS) {
          lastPurge = now;
          await purgeOldJobs(deps, new Date(now - KEEP_DONE_MS));
        }
      } catch (error) {
        options.log?.error({ err: error }, 'job worker round failed');
      }
      if (stopped) break;
      if (claimed === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, pollMs);
        });
        wake = null;
      }
    }
  };
  running = loop();
  return {
    id,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}

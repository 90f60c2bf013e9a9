/** Shared fixtures of the kernel tests: a registered `task` kind, users by name, a movable clock. */
import { localDateTime } from '@dieuhanh/core/calendar/index';
import { sampleTaskWorkflow } from '@dieuhanh/core/workflow/sample';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, notifications, users, workItemEvents } from '../src/db/schema/index.ts';
import { type KindConfig, registerKind } from '../src/kernel/index.ts';
import type { Db } from '../src/platform/db.ts';
import { TENANT, type TestContext } from './helper.ts';

export { TENANT };

/** The sample task life cycle (core/src/workflow/sample.ts) with reminders and escalation. */
export function registerTaskKind(overrides: Partial<KindConfig> = {}): KindConfig {
  return registerKind({
    kind: 'task',
    workflow: sampleTaskWorkflow,
    cancelStates: ['cancelled'],
    reminders: { before: [{ unit: 'days', amount: 1 }], atRiskShare: 0.75 },
    escalation: { after: { unit: 'days', amount: 1 }, every: { unit: 'days', amount: 1 } },
    ...overrides,
  });
}

/** A local Vietnam date and time as a Date: `vn('2026-03-02', '08:00')`. */
export const vn = (date: string, time = '08:00') => new Date(localDateTime(date, time));

export async function userId(db: Db, username: string): Promise<string> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, TENANT), eq(users.username, username)));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** Counts that must not move when a change is refused. */
export async function footprint(db: Db, itemId: string) {
  const [events] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workItemEvents)
    .where(and(eq(workItemEvents.tenantId, TENANT), eq(workItemEvents.itemId, itemId)));
  const [audits] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, TENANT));
  const [notes] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(eq(notifications.tenantId, TENANT));
  return { events: events!.n, audits: audits!.n, notifications: notes!.n };
}

/** Kernel deps on the test app's database with the test clock. */
export function kernelDeps(ctx: TestContext) {
  return { db: ctx.deps.db, now: () => ctx.deps.now() };
}

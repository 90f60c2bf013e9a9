import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, jobs, notifications } from '../src/db/schema/index.ts';
import {
  createWorkItem,
  enqueueJob,
  getWorkItem,
  listWorkItemEvents,
  runDueJobs,
  transition,
  type WorkItem,
} from '../src/kernel/index.ts';
import { allRollups, recountRollups } from '../src/kernel/repository.ts';
import { useApp } from './helper.ts';
import { kernelDeps, registerTaskKind, TENANT, userId, vn } from './kernel-support.ts';

const ctx = useApp();
const users: Record<string, string> = {};
let item: WorkItem;

beforeAll(async () => {
  // One working day before the due moment, at 75 % of the budget, escalation one working day
  // after the due moment and every working day after that.
  registerTaskKind();
  for (const name of ['chuyenvien.snv', 'giamdoc.snv', 'vanphong', 'chutich', 'phochutich'])
    users[name] = await userId(ctx.deps.db, name);
});

const at = (date: string, time: string) => ctx.setNow(vn(date, time));
const run = () => runDueJobs(kernelDeps(ctx));
const events = async () => (await listWorkItemEvents(ctx.deps.db, TENANT, item.id)).slice(1);
const notesFor = async (user: string) =>
  (
    await ctx.deps.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.tenantId, TENANT),
          eq(notifications.itemId, item.id),
          eq(notifications.recipientId, user),
        ),
      )
      .orderBy(notifications.createdAt)
  ).map((n) => [n.kind, n.titleVi]);
const itemJobs = () =>
  ctx.deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, TENANT), like(jobs.key, `wi:${item.id}:%`)))
    .orderBy(jobs.key);

describe('reminders, overdue and escalation jobs', () => {
  it('schedules the item’s jobs at working-time moments when it is created', async () => {
    at('2026-03-02', '08:00');
    item = await ctx.deps.db.transaction((tx) =>
      createWorkItem(tx, {
        tenantId: TENANT,
        kind: 'task',
        title: 'Báo cáo sơ kết công tác cải cách hành chính quý I',
        ownerUnitId: 'so-noi-vu',
        assigneeId: users['chuyenvien.snv']!,
        actor: { userId: users.vanphong! },
        now: vn('2026-03-02', '08:00'),
        budget: { unit: 'days', amount: 8 },
      }),
    );
    // Eight working days from Monday 2 March 08:00: Thursday 12 March 08:00.
    expect(item.dueAt?.toISOString()).toBe(vn('2026-03-12', '08:00').toISOString());
    const planned = (await itemJobs()).map((j) => [
      j.key!.split(':').slice(2).join(':'),
      j.runAt.toISOString(),
    ]);
    expect(planned).toEqual([
      // 75 % of 8 days = 6 working days: Tuesday 10 March 08:00.
      ['at_risk', vn('2026-03-10', '08:00').toISOString()],
      // One working day after the due moment.
      ['escalate', vn('2026-03-13', '08:00').toISOString()],
      ['overdue', new Date(vn('2026-03-12', '08:00').getTime() + 1).toISOString()],
      // One working day before the due moment.
      ['remind:0', vn('2026-03-11', '08:00').toISOString()],
    ]);
  });

  it('reminds when the item is at risk and one working day before the due moment, once each', async () => {
    at('2026-03-10', '07:59');
    expect(await run()).toBe(0);
    expect(await events()).toEqual([]);
    at('2026-03-10', '08:00');
    expect(await run()).toBeGreaterThan(0);
    at('2026-03-11', '08:00');
    await run();
    const history = await events();
    expect(history.map((e) => [e.action, e.actorId, e.payload.purpose])).toEqual([
      ['remind', null, 'at_risk'],
      ['remind', null, 'remind:0'],
    ]);
    expect(history.map((e) => e.at.toISOString())).toEqual([
      vn('2026-03-10', '08:00').toISOString(),
      vn('2026-03-11', '08:00').toISOString(),
    ]);
    // The workflow's own `remind` applies: it counts reminders and notifies the assignee.
    expect((await getWorkItem(ctx.deps.db, TENANT, item.id))?.counters).toEqual({ reminders: 2 });
    expect(await notesFor(users['chuyenvien.snv']!)).toEqual([
      ['created', 'Đã giao: Báo cáo sơ kết công tác cải cách hành chính quý I'],
      ['remind', 'Sắp đến hạn xử lý: Báo cáo sơ kết công tác cải cách hành chính quý I'],
      ['remind', 'Nhắc việc, sắp đến hạn: Báo cáo sơ kết công tác cải cách hành chính quý I'],
    ]);
    // A job that runs again (a lease ran out under a slow worker) does not remind twice.
    await enqueueJob(ctx.deps.db, vn('2026-03-11', '08:00'), {
      tenantId: TENANT,
      kind: 'kernel.remind',
      key: `wi:${item.id}:remind:0`,
      payload: { itemId: item.id },
      runAt: vn('2026-03-11', '08:30'),
    });
    at('2026-03-11', '09:00');
    expect(await run()).toBe(1);
    expect(await events()).toHaveLength(2);
  });

  it('marks the item overdue just after its due moment, which moves it to “open overdue” in the rollups', async () => {
    at('2026-03-12', '08:00');
    await run();
    expect((await getWorkItem(ctx.deps.db, TENANT, item.id))?.overdue).toBe(false);
    ctx.setNow(new Date(vn('2026-03-12', '08:00').getTime() + 1000));
    await run();
    const after = (await getWorkItem(ctx.deps.db, TENANT, item.id))!;
    expect(after.overdue).toBe(true);
    expect((await events()).at(-1)).toMatchObject({ action: 'overdue', actorId: null });
    const rollup = (await allRollups(ctx.deps.db, TENANT)).find(
      (r) => r.unitId === 'so-noi-vu' && r.kind === 'task',
    );
    expect(rollup).toMatchObject({ period: '2026-03', received: 1, openWithin: 0, openOverdue: 1 });
    expect(await notesFor(users['giamdoc.snv']!)).toEqual([
      ['overdue', 'Quá hạn xử lý: Báo cáo sơ kết công tác cải cách hành chính quý I'],
    ]);
  });

  it('escalates to the owner unit’s head, then one level up the tree per further working day', async () => {
    at('2026-03-13', '07:59');
    expect(await run()).toBe(0);
    at('2026-03-13', '08:00');
    await run();
    let last = (await events()).at(-1)!;
    expect(last).toMatchObject({
      action: 'escalated',
      actorId: null,
      payload: { level: 1, unitId: 'so-noi-vu' },
    });
    expect(last.payload.recipients).toEqual([users['giamdoc.snv']]);
    expect((await notesFor(users['giamdoc.snv']!)).at(-1)).toEqual([
      'escalated',
      'Quá hạn xử lý, báo cáo Sở Nội vụ (cấp 1): Báo cáo sơ kết công tác cải cách hành chính quý I',
    ]);
    // Saturday and Sunday are not working days: the next level is due on Monday 08:00.
    at('2026-03-16', '07:59');
    await run();
    expect((await events()).filter((e) => e.action === 'escalated')).toHaveLength(1);
    at('2026-03-16', '08:00');
    await run();
    last = (await events()).at(-1)!;
    expect(last).toMatchObject({ action: 'escalated', payload: { level: 2, unitId: 'ubnd-tinh' } });
    expect((last.payload.recipients as string[]).sort()).toEqual([users.chutich, users.phochutich].sort());
    expect((await notesFor(users.chutich!)).map(([kind]) => kind)).toEqual(['escalated']);
    // Above the root there is nobody left to tell.
    at('2026-03-20', '09:00');
    await run();
    expect((await events()).filter((e) => e.action === 'escalated')).toHaveLength(2);
    expect((await getWorkItem(ctx.deps.db, TENANT, item.id))?.counters).toEqual({
      reminders: 2,
      escalations: 2,
    });
    const audit = await ctx.deps.db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, TENANT), eq(auditEvents.resourceId, item.id)));
    expect(audit.map((a) => a.action)).toEqual([
      'task.created',
      'task.remind',
      'task.remind',
      'task.overdue',
      'task.escalated',
      'task.escalated',
    ]);
  });

  it('reschedules after an extension (back within the deadline) and drops the jobs while the clock is paused', async () => {
    at('2026-03-20', '10:00');
    const accepted = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'accept',
      roles: ['assignee'],
      actor: { userId: users['chuyenvien.snv']! },
    });
    const extended = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'extend',
      expectedVersion: accepted.item.version,
      roles: ['leader'],
      actor: { userId: users.chutich!, displayName: 'Hoàng Văn Minh' },
      reason: 'Chờ số liệu của các xã',
      clockArgs: { budget: { unit: 'days', amount: 20 } },
    });
    // Twenty working days from 2 March: Monday 30 March 08:00.
    expect(extended.item).toMatchObject({ overdue: false });
    expect(extended.item.dueAt?.toISOString()).toBe(vn('2026-03-30', '08:00').toISOString());
    const rollup = (await allRollups(ctx.deps.db, TENANT)).find(
      (r) => r.unitId === 'so-noi-vu' && r.kind === 'task',
    );
    expect(rollup).toMatchObject({ openWithin: 1, openOverdue: 0 });
    const planned = Object.fromEntries(
      (await itemJobs()).map((j) => [j.key!.split(':').slice(2).join(':'), j]),
    );
    expect(planned.overdue?.runAt.toISOString()).toBe(
      new Date(vn('2026-03-30', '08:00').getTime() + 1).toISOString(),
    );
    expect(planned['remind:0']?.runAt.toISOString()).toBe(vn('2026-03-27', '08:00').toISOString());
    expect(planned['remind:0']?.doneAt).toBeNull();
    // Level 3 is next, two working days after the first escalation moment of the new due.
    expect(planned.escalate?.payload).toMatchObject({ level: 3 });

    const started = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'start_work',
      roles: ['assignee'],
      actor: { userId: users['chuyenvien.snv']! },
    });
    at('2026-03-23', '10:00');
    await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'submit_completion',
      expectedVersion: started.item.version,
      roles: ['assignee'],
      actor: { userId: users['chuyenvien.snv']! },
      guardContext: { openSubtasks: 0, attachments: 1 },
    });
    expect(await itemJobs()).toEqual([]);
    at('2026-04-30', '10:00');
    expect(await run()).toBe(0);
    expect((await getWorkItem(ctx.deps.db, TENANT, item.id))?.overdue).toBe(false);
    const stored = (await allRollups(ctx.deps.db, TENANT)).map(({ tenantId: _t, ...r }) => r);
    expect(stored).toEqual(await recountRollups(ctx.deps.db, TENANT));
  });
});

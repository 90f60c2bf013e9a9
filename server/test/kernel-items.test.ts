import { Conflict, DomainError } from '@dieuhanh/core/errors';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, workItemRollups } from '../src/db/schema/index.ts';
import {
  createWorkItem,
  getWorkItem,
  listWorkItemEvents,
  recountRollups,
  transition,
  type WorkItem,
} from '../src/kernel/index.ts';
import { allRollups } from '../src/kernel/repository.ts';
import { verifyChain } from '../src/platform/audit.ts';
import { useApp } from './helper.ts';
import { footprint, kernelDeps, registerTaskKind, TENANT, userId, vn } from './kernel-support.ts';

const ctx = useApp();
let officer: string;
let monitor: string;
let head: string;

beforeAll(async () => {
  registerTaskKind({
    resolveRecipients: (_db, item, relation) => (relation === 'assigner' ? [item.createdBy!] : undefined),
  });
  officer = await userId(ctx.deps.db, 'chuyenvien.snv');
  monitor = await userId(ctx.deps.db, 'vanphong');
  head = await userId(ctx.deps.db, 'giamdoc.snv');
});

async function newTask(
  title = 'Rà soát thủ tục hành chính',
  at = vn('2026-03-02', '08:00'),
): Promise<WorkItem> {
  ctx.setNow(at);
  return ctx.deps.db.transaction((tx) =>
    createWorkItem(tx, {
      tenantId: TENANT,
      kind: 'task',
      title,
      ownerUnitId: 'so-noi-vu',
      supportUnitIds: ['thanh-tra-tinh'],
      assigneeId: officer,
      actor: { userId: monitor, requestId: 'req-1' },
      now: at,
      budget: { unit: 'days', amount: 5 },
    }),
  );
}

const byAssignee = (item: WorkItem, action: string, extra: Record<string, unknown> = {}) =>
  transition(kernelDeps(ctx), {
    tenantId: TENANT,
    itemId: item.id,
    action,
    expectedVersion: item.version,
    roles: ['assignee'],
    actor: { userId: officer },
    ...extra,
  });

async function rollupsMatchRecount() {
  const stored = (await allRollups(ctx.deps.db, TENANT))
    .map(({ tenantId: _t, ...r }) => r)
    .filter((r) => Object.entries(r).some(([k, v]) => typeof v === 'number' && v !== 0 && k !== 'period'));
  expect(stored).toEqual(await recountRollups(ctx.deps.db, TENANT));
}

describe('work items: create and transition', () => {
  it('creates an item with its clock, units, creation event, audit record, rollups and notification', async () => {
    const item = await newTask();
    expect(item).toMatchObject({
      kind: 'task',
      state: 'assigned',
      ownerUnitId: 'so-noi-vu',
      leadUnitIds: ['so-noi-vu'],
      supportUnitIds: ['thanh-tra-tinh'],
      version: 1,
      overdue: false,
      outcome: null,
    });
    // Five working days from Monday 08:00 is the next Monday 08:00.
    expect(item.dueAt?.toISOString()).toBe(vn('2026-03-09', '08:00').toISOString());
    const events = await listWorkItemEvents(ctx.deps.db, TENANT, item.id);
    expect(events.map((e) => [e.seq, e.action, e.fromState, e.toState, e.actorId])).toEqual([
      [1, 'created', null, 'assigned', monitor],
    ]);
    const audit = await ctx.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, TENANT), eq(auditEvents.resourceId, item.id)));
    expect(audit.map((a) => [a.resourceType, a.action, a.requestId])).toEqual([
      ['task', 'task.created', 'req-1'],
    ]);
    const [rollup] = await ctx.deps.db
      .select()
      .from(workItemRollups)
      .where(and(eq(workItemRollups.tenantId, TENANT), eq(workItemRollups.unitId, 'so-noi-vu')));
    expect(rollup).toMatchObject({
      kind: 'task',
      period: '2026-03',
      received: 1,
      openWithin: 1,
      openOverdue: 0,
    });
    const notes = await ctx.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.tenantId, TENANT), eq(notifications.itemId, item.id)));
    expect(notes.map((n) => [n.recipientId, n.kind, n.titleVi])).toEqual([
      [officer, 'created', 'Đã giao: Rà soát thủ tục hành chính'],
    ]);
  });

  it('applies a transition: new state and version, event and audit in the chain, notification by relation', async () => {
    const item = await newTask('Báo cáo kết quả cải cách hành chính');
    ctx.setNow(vn('2026-03-02', '09:00'));
    const { item: accepted, event } = await byAssignee(item, 'accept');
    expect(accepted).toMatchObject({ state: 'accepted', version: 2 });
    expect(event).toMatchObject({
      seq: 2,
      action: 'accept',
      fromState: 'assigned',
      toState: 'accepted',
      actorId: officer,
    });
    const audit = await ctx.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, TENANT), eq(auditEvents.resourceId, item.id)));
    expect(audit.map((a) => a.action)).toEqual(['task.created', 'task.accept']);
    expect((audit[1]!.before as { state: string }).state).toBe('assigned');
    expect((audit[1]!.after as { state: string }).state).toBe('accepted');
    const notes = await ctx.deps.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.tenantId, TENANT),
          eq(notifications.itemId, item.id),
          eq(notifications.kind, 'accept'),
        ),
      );
    // `assigner` is resolved by the module's resolver (here: the creator).
    expect(notes.map((n) => [n.recipientId, n.titleEn])).toEqual([
      [monitor, 'Accept: Báo cáo kết quả cải cách hành chính'],
    ]);
    expect((await verifyChain(ctx.deps.db, TENANT)).ok).toBe(true);
  });

  it('refuses a stale version with a bilingual 409 and changes nothing', async () => {
    const item = await newTask('Kiểm tra công vụ');
    await byAssignee(item, 'accept');
    const before = await footprint(ctx.deps.db, item.id);
    const error = await byAssignee(item, 'start_work').catch((e) => e);
    expect(error).toBeInstanceOf(Conflict);
    expect(error).toMatchObject({ status: 409, code: 'stale_version', extra: { currentVersion: 2 } });
    expect(error.messageVi).toMatch(/người khác/);
    expect(error.messageEn).toMatch(/reload/);
    expect(await footprint(ctx.deps.db, item.id)).toEqual(before);
    expect((await getWorkItem(ctx.deps.db, TENANT, item.id))?.version).toBe(2);
  });

  it('refuses actions not allowed in the state, to the caller, or without a reason, and changes nothing', async () => {
    const item = await newTask('Tổng hợp kiến nghị');
    const before = await footprint(ctx.deps.db, item.id);
    const rollupsBefore = await allRollups(ctx.deps.db, TENANT);
    const wrongState = await byAssignee(item, 'confirm_done').catch((e) => e);
    expect(wrongState).toMatchObject({ status: 409, code: 'invalid_transition' });
    const forbidden = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'return',
      expectedVersion: 1,
      roles: ['assignee'],
      actor: { userId: officer },
      reason: 'Không thuộc chức năng',
    }).catch((e) => e);
    expect(forbidden).toMatchObject({ status: 403, code: 'forbidden' });
    const noReason = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'return',
      expectedVersion: 1,
      roles: ['unit_head'],
      actor: { userId: head },
    }).catch((e) => e);
    expect(noReason).toMatchObject({ status: 400, code: 'reason_required' });
    expect(noReason.fields[0].field).toBe('/reason');
    const system = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'escalated',
      roles: ['leader'],
      actor: { userId: head },
    }).catch((e) => e);
    expect(system).toMatchObject({ status: 403 });
    expect(await footprint(ctx.deps.db, item.id)).toEqual(before);
    expect(await allRollups(ctx.deps.db, TENANT)).toEqual(rollupsBefore);
    expect(await getWorkItem(ctx.deps.db, TENANT, item.id)).toMatchObject({ state: 'assigned', version: 1 });
  });

  it('lets exactly one of two simultaneous identical actions succeed; the other gets a 409', async () => {
    const items = await Promise.all(Array.from({ length: 8 }, (_, i) => newTask(`Nhiệm vụ đồng thời ${i}`)));
    for (const item of items) {
      const results = await Promise.allSettled([byAssignee(item, 'accept'), byAssignee(item, 'accept')]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(failed[0]!.reason).toBeInstanceOf(DomainError);
      expect(failed[0]!.reason).toMatchObject({ status: 409, code: 'stale_version' });
      const events = await listWorkItemEvents(ctx.deps.db, TENANT, item.id);
      expect(events.map((e) => e.action)).toEqual(['created', 'accept']);
    }
    // Without a version the second caller, serialised on the row lock, finds the item moved on.
    const item = items[0]!;
    const fresh = (await getWorkItem(ctx.deps.db, TENANT, item.id))!;
    const results = await Promise.allSettled([
      byAssignee(fresh, 'start_work', { expectedVersion: undefined }),
      byAssignee(fresh, 'start_work', { expectedVersion: undefined }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(rejected.reason).toMatchObject({ status: 409, code: 'invalid_transition' });
    await rollupsMatchRecount();
  });

  it('runs the clock through the workflow: extend, pause on submission, resume on send-back, stop on completion', async () => {
    let item = await newTask('Xây dựng đề án vị trí việc làm');
    const step = async (action: string, roles: string[], at: Date, extra: Record<string, unknown> = {}) => {
      ctx.setNow(at);
      item = (
        await transition(kernelDeps(ctx), {
          tenantId: TENANT,
          itemId: item.id,
          action,
          expectedVersion: item.version,
          roles,
          actor: { userId: officer, displayName: 'Lăng Thị Mai' },
          ...extra,
        })
      ).item;
      return item;
    };
    await step('accept', ['assignee'], vn('2026-03-02', '09:00'));
    await step('start_work', ['assignee'], vn('2026-03-02', '10:00'));
    const extended = await step('extend', ['leader'], vn('2026-03-03', '10:00'), {
      reason: 'Chờ ý kiến các sở',
      clockArgs: { budget: { unit: 'days', amount: 8 } },
    });
    expect(extended.dueAt?.toISOString()).toBe(vn('2026-03-12', '08:00').toISOString());
    expect(extended.counters).toEqual({ extensions: 1 });
    expect(extended.clock?.extensions[0]).toMatchObject({
      grantedBy: 'Lăng Thị Mai',
      reason: 'Chờ ý kiến các sở',
    });
    const submitted = await step('submit_completion', ['assignee'], vn('2026-03-05', '08:00'), {
      guardContext: { openSubtasks: 0, attachments: 1 },
    });
    expect(submitted.pausedSince?.toISOString()).toBe(vn('2026-03-05', '08:00').toISOString());
    // Paused for one working day (Thursday 08:00 → Friday 08:00): the due moves by one day.
    const resumed = await step('send_back', ['monitor'], vn('2026-03-06', '08:00'), {
      reason: 'Bổ sung số liệu',
    });
    expect(resumed.pausedSince).toBeNull();
    expect(resumed.dueAt?.toISOString()).toBe(vn('2026-03-13', '08:00').toISOString());
    expect(resumed.counters).toEqual({ extensions: 1, send_backs: 1 });
    await step('submit_completion', ['assignee'], vn('2026-03-10', '08:00'), {
      guardContext: { openSubtasks: 0, attachments: 2 },
    });
    const done = await step('confirm_done', ['monitor'], vn('2026-03-10', '15:00'));
    expect(done).toMatchObject({ state: 'done', outcome: 'early', overdue: false });
    expect(done.stoppedAt?.toISOString()).toBe(vn('2026-03-10', '15:00').toISOString());
    const guard = await newTask('Có nhiệm vụ con').then(async (t) => {
      item = t;
      await step('accept', ['assignee'], vn('2026-03-02', '09:00'));
      await step('start_work', ['assignee'], vn('2026-03-02', '09:30'));
      return step('submit_completion', ['assignee'], vn('2026-03-02', '10:00'), {
        guardContext: { openSubtasks: 2, attachments: 1 },
      }).catch((e) => e);
    });
    expect(guard).toMatchObject({ status: 409, code: 'open_subtasks' });
    await rollupsMatchRecount();
  });

  it('counts a cancellation apart and moves the counters when an item is transferred to another unit', async () => {
    const item = await newTask('Chuyển đơn vị chủ trì');
    ctx.setNow(vn('2026-04-01', '09:00'));
    const moved = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'accept',
      expectedVersion: 1,
      roles: ['unit_head'],
      actor: { userId: head },
      changes: {
        ownerUnitId: 'thanh-tra-tinh',
        leadUnitIds: ['thanh-tra-tinh'],
        supportUnitIds: ['so-noi-vu'],
      },
    });
    expect(moved.item).toMatchObject({
      ownerUnitId: 'thanh-tra-tinh',
      leadUnitIds: ['thanh-tra-tinh'],
      supportUnitIds: ['so-noi-vu'],
      overdue: true,
    });
    ctx.setNow(vn('2026-04-02', '09:00'));
    const cancelled = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'cancel',
      expectedVersion: 2,
      roles: ['leader'],
      actor: { userId: head },
      reason: 'Không còn cần thiết',
    });
    expect(cancelled.item).toMatchObject({ state: 'cancelled', outcome: 'cancelled', overdue: false });
    const rows = await ctx.deps.db
      .select()
      .from(workItemRollups)
      .where(and(eq(workItemRollups.tenantId, TENANT), eq(workItemRollups.unitId, 'thanh-tra-tinh')));
    expect(rows.map((r) => [r.period, r.received, r.cancelled, r.openOverdue])).toEqual([
      ['2026-03', 1, 0, 0],
      ['2026-04', 0, 1, 0],
    ]);
    await rollupsMatchRecount();
    const bad = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: (await newTask('x')).id,
      action: 'accept',
      roles: ['assignee'],
      actor: { userId: officer },
      changes: { ownerUnitId: 'no-such-unit' },
    }).catch((e) => e);
    expect(bad).toMatchObject({ status: 400 });
    expect(bad.fields[0].field).toBe('/changes/ownerUnitId');
  });
});

import { localDateTime } from '@dieuhanh/core/calendar/index';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { notifications, workItemRollups } from '../src/db/schema/index.ts';
import { recountRollups, runDueJobs } from '../src/kernel/index.ts';
import { taskPerformanceReport } from '../src/modules/tasks/board.ts';
import { listTasksForExport } from '../src/modules/tasks/service.ts';
import type { Actor } from '../src/platform/context.ts';
import { loadPrincipal } from '../src/platform/principal.ts';
import { call, login, type Session, TENANT, useApp } from './helper.ts';

/** Reminders and escalation through the kernel's jobs, recurring tasks, and the board's figures. */
const ctx = useApp({ config: { sessionTtlHours: 24 * 365 * 20 } });
const at = (date: string, time = '08:00') => new Date(localDateTime(date, time));
const s: Record<string, Session> = {};
const jobs = () => runDueJobs({ db: ctx.deps.db, now: ctx.deps.now });

beforeAll(async () => {
  for (const u of ['chutich', 'phochutich', 'vanphong', 'giamdoc.snv', 'chuyenvien.snv', 'thanhtra'])
    s[u] = await login(ctx, u);
});

async function create(over: Record<string, unknown>, who = s.chutich!) {
  const res = await call(ctx, who, 'POST', '/api/tasks', {
    items: [{ title: 'Nhiệm vụ', leadUnitId: 'so-noi-vu', deadline: { date: '2026-12-18' }, ...over }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function ok(who: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const version = (await call(ctx, who, 'GET', `/api/tasks/${id}`)).json().version;
  const res = await call(ctx, who, 'POST', `/api/tasks/${id}/actions/${action}`, { version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function told(itemId: string, kind: string): Promise<string[]> {
  const rows = await ctx.deps.db
    .select({ recipientId: notifications.recipientId })
    .from(notifications)
    .where(
      and(eq(notifications.tenantId, TENANT), eq(notifications.itemId, itemId), eq(notifications.kind, kind)),
    );
  return rows.map((r) => r.recipientId);
}

describe('reminders and escalation through the kernel’s jobs', () => {
  it('reminds when at risk and the day before, marks overdue, then escalates up the tree', async () => {
    ctx.setNow(at('2026-05-04', '08:00'));
    const cv = s['chuyenvien.snv']!;
    const task = (
      await create({
        title: 'Báo cáo công tác cải cách hành chính',
        deadline: { date: '2026-05-08' },
        assigneeId: cv.userId,
      })
    ).tasks[0];
    const id = task.id;
    expect(await jobs()).toBe(0);

    // Thursday afternoon: three quarters of the working time are used.
    ctx.setNow(at('2026-05-07', '15:30'));
    expect(await jobs()).toBeGreaterThan(0);
    const atRisk = await told(id, 'remind');
    expect(atRisk).toEqual(expect.arrayContaining([cv.userId, s['giamdoc.snv']!.userId, s.vanphong!.userId]));
    const risky = (await call(ctx, s.vanphong!, 'GET', '/api/tasks?status=at_risk&limit=1000')).json();
    expect(risky.items.map((t: { id: string }) => t.id)).toContain(id);

    // One working day before the due moment.
    ctx.setNow(at('2026-05-08', '08:00'));
    await jobs();
    let detail = (await call(ctx, s.vanphong!, 'GET', `/api/tasks/${id}`)).json();
    expect(detail.counters.reminders).toBe(2);

    // Past the due moment: overdue, escalated to the lead unit's head, told to the assigner and the Office.
    ctx.setNow(at('2026-05-08', '17:30'));
    await jobs();
    expect(await told(id, 'overdue')).toEqual(
      expect.arrayContaining([cv.userId, s['giamdoc.snv']!.userId, s.chutich!.userId, s.vanphong!.userId]),
    );
    expect(await told(id, 'escalated')).toEqual(
      expect.arrayContaining([s['giamdoc.snv']!.userId, s.vanphong!.userId]),
    );
    detail = (await call(ctx, s.vanphong!, 'GET', `/api/tasks/${id}`)).json();
    expect(detail).toMatchObject({
      status: 'overdue',
      item: { overdue: true },
      counters: { escalations: 1 },
    });

    // Two working days later (counted from Monday's opening), one level up: the provincial leaders.
    ctx.setNow(at('2026-05-12', '17:31'));
    await jobs();
    expect((await call(ctx, s.vanphong!, 'GET', `/api/tasks/${id}`)).json().counters.escalations).toBe(1);
    ctx.setNow(at('2026-05-13', '07:31'));
    await jobs();
    expect(await told(id, 'escalated')).toEqual(
      expect.arrayContaining([s.chutich!.userId, s.phochutich!.userId, s['giamdoc.snv']!.userId]),
    );
    detail = (await call(ctx, s.vanphong!, 'GET', `/api/tasks/${id}`)).json();
    expect(detail.counters.escalations).toBe(2);
    // No third level; the jobs run once each whatever the number of runs.
    ctx.setNow(at('2026-05-20', '09:00'));
    await jobs();
    await jobs();
    detail = (await call(ctx, s.vanphong!, 'GET', `/api/tasks/${id}`)).json();
    expect(detail.counters).toMatchObject({ reminders: 2, escalations: 2 });
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'remind',
      'remind',
      'overdue',
      'escalated',
      'escalated',
    ]);
    // The unit head sees them in the inbox.
    const inbox = (await call(ctx, s['giamdoc.snv']!, 'GET', '/api/notifications?limit=100')).json();
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['remind', 'overdue', 'escalated']),
    );
  });

  it('moves the reminders when an extension moves the deadline', async () => {
    ctx.setNow(at('2026-05-04', '08:00'));
    const id = (await create({ deadline: { date: '2026-05-08' } })).tasks[0].id;
    const head = s['giamdoc.snv']!;
    await ok(head, id, 'accept');
    await ok(head, id, 'start_work');
    await ok(head, id, 'request_extension', { reason: 'Chờ số liệu', extension: { dueAt: '2026-05-29' } });
    await ok(s.chutich!, id, 'approve_extension');
    ctx.setNow(at('2026-05-08', '17:30'));
    await jobs();
    expect(await told(id, 'overdue')).toEqual([]);
    expect(await told(id, 'remind')).toEqual([]);
    expect((await call(ctx, head, 'GET', `/api/tasks/${id}`)).json().status).toBe('within');
  });
});

describe('recurring tasks', () => {
  it('creates one task per period ahead of time, by a job, once each, never born late', async () => {
    ctx.setNow(at('2026-03-02', '08:00'));
    const res = await create({
      title: 'Báo cáo kết quả thực hiện kỷ luật, kỷ cương hành chính',
      leadUnitId: 'so-noi-vu',
      deadline: { recurrence: { frequency: 'monthly', dayOfMonth: 20 } },
    });
    const seriesId = res.items[0].seriesId;
    expect(seriesId).toBeTruthy();
    // Within the 45-day horizon: March only (April's report is due on 19/4, after 16/4).
    expect(res.tasks.map((t: { period: string; dueAt: string }) => [t.period, t.dueAt])).toEqual([
      ['2026-03', at('2026-03-19', '17:00').toISOString()],
    ]);
    const periods = async () =>
      (await call(ctx, s.vanphong!, 'GET', `/api/tasks?seriesId=${seriesId}&limit=100`))
        .json()
        .items.map((t: { period: string }) => t.period)
        .sort();

    ctx.setNow(at('2026-03-04', '08:00'));
    await jobs();
    expect(await periods()).toEqual(['2026-03']);
    // April enters the horizon on 5/3.
    ctx.setNow(at('2026-03-06', '08:00'));
    await jobs();
    await jobs();
    expect(await periods()).toEqual(['2026-03', '2026-04']);
    const april = (await call(ctx, s.vanphong!, 'GET', `/api/tasks?seriesId=${seriesId}&limit=100`))
      .json()
      .items.find((t: { period: string }) => t.period === '2026-04');
    // 19/4/2026 is a Sunday: due at the end of Monday 20/4.
    expect(april).toMatchObject({
      dueAt: at('2026-04-20', '17:00').toISOString(),
      title: 'Báo cáo kết quả thực hiện kỷ luật, kỷ cương hành chính (tháng 04/2026)',
      leadUnitId: 'so-noi-vu',
    });
    // The server was down through May: May's report is not created late; June and July are.
    ctx.setNow(at('2026-06-10', '08:00'));
    await jobs();
    expect(await periods()).toEqual(['2026-03', '2026-04', '2026-06', '2026-07']);

    // Stopped: no further periods.
    expect(
      (await call(ctx, s['giamdoc.snv']!, 'POST', `/api/tasks/series/${seriesId}/stop`, { reason: 'x' }))
        .statusCode,
    ).toBe(403);
    const stopped = await call(ctx, s.chutich!, 'POST', `/api/tasks/series/${seriesId}/stop`, {
      reason: 'Chuyển sang báo cáo quý',
    });
    expect(stopped.json()).toEqual({ id: seriesId, active: false, lastPeriod: '2026-07' });
    ctx.setNow(at('2026-08-20', '08:00'));
    await jobs();
    expect(await periods()).toEqual(['2026-03', '2026-04', '2026-06', '2026-07']);
  });
});

describe('the monitor’s board', () => {
  let actor: Actor;
  beforeAll(async () => {
    actor = { principal: (await loadPrincipal(ctx.deps.db, TENANT, s.vanphong!.userId))!, requestId: 'test' };
    ctx.setNow(at('2026-06-01', '08:00'));
    const cv = s['chuyenvien.snv']!;
    const make = async (lead: string, due: string, who = s.chutich!) => {
      ctx.setNow(at('2026-06-01', '08:00'));
      return (
        await create(
          { leadUnitId: lead, deadline: { date: due }, assigneeId: lead === 'so-noi-vu' ? cv.userId : null },
          who,
        )
      ).tasks[0].id as string;
    };
    const finish = async (id: string, when: string) => {
      const head = s['giamdoc.snv']!;
      ctx.setNow(at('2026-06-01', '09:00'));
      await ok(head, id, 'accept');
      await ok(head, id, 'start_work');
      ctx.setNow(at(when, '10:00'));
      await ok(head, id, 'submit_completion', { result: { text: 'Xong' } });
      await ok(s.vanphong!, id, 'confirm_done');
    };
    await finish(await make('so-noi-vu', '2026-06-05'), '2026-06-03');
    await finish(await make('so-noi-vu', '2026-06-05'), '2026-06-05');
    await finish(await make('so-noi-vu', '2026-06-03'), '2026-06-04');
    ctx.setNow(at('2026-06-01', '08:00'));
    await make('so-noi-vu', '2026-06-04', s.phochutich!);
    await make('so-noi-vu--phong-cai-cach-hanh-chinh', '2026-06-30', s.phochutich!);
    await make('so-tai-chinh', '2026-06-09');
    await make('xa-that-khe', '2026-06-05');
    const cancelled = await make('so-tai-chinh', '2026-06-30');
    await ok(s.chutich!, cancelled, 'cancel', { reason: 'Không còn cần thiết' });
    ctx.setNow(at('2026-06-08', '16:00'));
    await jobs();
  });

  const count = async (status: string, extra = '') =>
    (await call(ctx, s.vanphong!, 'GET', `/api/tasks?status=${status}&limit=1${extra}`)).json()
      .total as number;

  it('equals a recount over the tasks, for the province and for a unit', async () => {
    const board = (await call(ctx, s.vanphong!, 'GET', '/api/tasks/board?from=2026-01&to=2026-12')).json();
    expect(board).toMatchObject({
      unitId: 'ubnd-tinh',
      unitName: 'Ủy ban nhân dân tỉnh Lạng Sơn',
      from: '2026-01',
      to: '2026-12',
    });
    const all = (await call(ctx, s.vanphong!, 'GET', '/api/tasks?limit=1')).json().total;
    expect(board.total).toEqual({
      received: all,
      open: await count('open'),
      openWithin: await count('within'),
      atRisk: await count('at_risk'),
      overdue: await count('overdue'),
      doneEarly: await count('done_early'),
      doneOnTime: await count('on_time'),
      doneLate: await count('late'),
      cancelled: await count('cancelled'),
    });
    expect(board.total).toMatchObject({ doneEarly: 1, doneOnTime: 1, doneLate: 1, cancelled: 1 });
    expect(board.total.atRisk).toBeGreaterThan(0);
    expect(board.total.overdue).toBeGreaterThan(0);

    // Rows add up to the total; the department's row is its subtree, which its own board details.
    const sum = (rows: Array<Record<string, number>>, key: string) =>
      rows.reduce((n, r) => n + (r[key] ?? 0), 0);
    for (const key of Object.keys(board.total)) expect(sum(board.units, key)).toBe(board.total[key]);
    const snvRow = board.units.find((u: { unitId: string }) => u.unitId === 'so-noi-vu');
    expect(snvRow.hasChildren).toBe(true);
    const snv = (
      await call(ctx, s.vanphong!, 'GET', '/api/tasks/board?unitId=so-noi-vu&from=2026-01&to=2026-12')
    ).json();
    const { unitId: _u, unitName: _n, own: _o, hasChildren: _h, ...rowFigures } = snvRow;
    expect(snv.total).toEqual(rowFigures);
    expect(snv.units[0]).toMatchObject({ unitId: 'so-noi-vu', own: true });
    expect(
      snv.units.find((u: { unitId: string }) => u.unitId === 'so-noi-vu--phong-cai-cach-hanh-chinh'),
    ).toMatchObject({
      received: 1,
      open: 1,
    });
    expect(snv.total.overdue).toBe(await count('overdue', '&unitId=so-noi-vu&leadOnly=true'));
    // Urgent units first.
    expect(board.units[1].overdue).toBeGreaterThanOrEqual(board.units[2].overdue);

    // Per assigning leader, adding up to the same total.
    for (const key of Object.keys(board.total)) expect(sum(board.assigners, key)).toBe(board.total[key]);
    expect(board.assigners.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['Hoàng Văn Minh', 'Lương Thị Hạnh']),
    );

    // The kernel's rollups equal a recount of the work items.
    const stored = await ctx.deps.db
      .select()
      .from(workItemRollups)
      .where(and(eq(workItemRollups.tenantId, TENANT), sql`${workItemRollups.kind} = 'task'`));
    const recount = (await recountRollups(ctx.deps.db, TENANT)).filter((r) => r.kind === 'task');
    const strip = (rows: Array<Record<string, unknown>>) =>
      rows
        .map(({ tenantId: _t, ...r }) => r)
        .filter((r) =>
          [
            'received',
            'completedEarly',
            'completedOnTime',
            'completedLate',
            'cancelled',
            'openWithin',
            'openOverdue',
          ].some((k) => r[k] !== 0),
        )
        .sort((a, b) => `${a.unitId}${a.period}`.localeCompare(`${b.unitId}${b.period}`));
    expect(strip(stored)).toEqual(strip(recount));
  });

  it('filters the months, refuses a bad month and a unit out of scope', async () => {
    const june = (await call(ctx, s.vanphong!, 'GET', '/api/tasks/board?from=2026-06&to=2026-06')).json();
    const march = (await call(ctx, s.vanphong!, 'GET', '/api/tasks/board?from=2026-03&to=2026-03')).json();
    expect(june.total.doneEarly + june.total.doneOnTime + june.total.doneLate).toBe(3);
    expect(march.total.doneEarly + march.total.doneOnTime + march.total.doneLate).toBe(0);
    expect(march.total.received).toBeGreaterThan(0);
    const bad = await call(ctx, s.vanphong!, 'GET', '/api/tasks/board?from=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/querystring/from');
    expect((await call(ctx, s.vanphong!, 'GET', '/api/tasks/board?unitId=khong-co')).statusCode).toBe(404);
    // A unit head's board is their unit.
    const head = (
      await call(ctx, s['giamdoc.snv']!, 'GET', '/api/tasks/board?from=2026-01&to=2026-12')
    ).json();
    expect(head.unitId).toBe('so-noi-vu');
    expect(
      (await call(ctx, s['giamdoc.snv']!, 'GET', '/api/tasks/board?unitId=so-tai-chinh')).statusCode,
    ).toBe(404);
  });

  it('gives the exports their rows and the periodic report its figures', async () => {
    const byUnit = await taskPerformanceReport(ctx.deps, actor, '2026-01', '2026-12', 'unit');
    const board = (await call(ctx, s.vanphong!, 'GET', '/api/tasks/board?from=2026-01&to=2026-12')).json();
    const { id: _i, name: _n, onTimeRate, ...figures } = byUnit.total;
    expect(figures).toEqual(board.total);
    expect(onTimeRate).toBeCloseTo(2 / 3);
    expect(byUnit.rows.find((r) => r.id === 'so-noi-vu')).toMatchObject({
      doneEarly: 1,
      doneOnTime: 1,
      doneLate: 1,
    });
    const byAssigner = await taskPerformanceReport(ctx.deps, actor, '2026-01', '2026-12', 'assigner');
    expect(byAssigner.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['Hoàng Văn Minh', 'Lương Thị Hạnh']),
    );
    expect(byAssigner.total.received).toBe(board.total.received);

    const rows = await listTasksForExport(ctx.deps, actor, { status: 'open' });
    expect(rows).toHaveLength(await count('open'));
    expect(rows[0]).toMatchObject({ status: 'overdue', supportUnitNames: [] });
  });
});

import { randomBytes } from 'node:crypto';
import { localDateTime } from '@dieuhanh/core/calendar/index';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { notifications, tasks, workItemEvents } from '../src/db/schema/index.ts';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { call, login, type Session, TENANT, useApp } from './helper.ts';

const ctx = useApp({ config: { sessionTtlHours: 24 * 365 * 20 } });
const at = (date: string, time = '08:00') => new Date(localDateTime(date, time));
const s: Record<string, Session> = {};

async function makeUser(username: string, unitId: string, role: string): Promise<Session> {
  const admin = s.admin!;
  const official = (await call(ctx, admin, 'GET', `/api/officials?unitId=${unitId}&limit=1`)).json().items[0];
  const user = await call(ctx, admin, 'POST', '/api/users', {
    username,
    displayName: official.fullName,
    officialId: official.id,
    password: DEMO_PASSWORD,
  });
  expect(user.statusCode).toBe(201);
  expect(
    (await call(ctx, admin, 'POST', `/api/users/${user.json().id}/grants`, { role, unitId })).statusCode,
  ).toBe(200);
  return login(ctx, username);
}

beforeAll(async () => {
  for (const u of [
    'admin',
    'chutich',
    'phochutich',
    'vanphong',
    'giamdoc.snv',
    'chuyenvien.snv',
    'chutich.thatkhe',
    'thanhtra',
    'congdan',
  ])
    s[u] = await login(ctx, u);
  s['giamdoc.stc'] = await makeUser('giamdoc.stc', 'so-tai-chinh', 'unit_head');
  ctx.setNow(at('2026-03-02', '08:00'));
});

interface NewTask {
  title?: string;
  leadUnitId?: string;
  supportUnitIds?: string[];
  assigneeId?: string | null;
  assignerId?: string;
  deadline?: Record<string, unknown>;
  priority?: string;
  directiveItemId?: string;
  attachments?: Array<{ sha256: string; name?: string }>;
}

const item = (over: NewTask = {}) => ({
  title: 'Rà soát thủ tục hành chính',
  leadUnitId: 'so-noi-vu',
  deadline: { date: '2026-04-30' },
  ...over,
});

async function create(who: Session, over: NewTask = {}) {
  const res = await call(ctx, who, 'POST', '/api/tasks', { items: [item(over)] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().tasks[0];
}

const act = (who: Session, id: string, action: string, body: Record<string, unknown>) =>
  call(ctx, who, 'POST', `/api/tasks/${id}/actions/${action}`, body);

async function ok(who: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const version = (await call(ctx, who, 'GET', `/api/tasks/${id}`)).json().version;
  const res = await act(who, id, action, { version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const get = (who: Session, id: string) => call(ctx, who, 'GET', `/api/tasks/${id}`);

async function footprint(id: string) {
  const [events] = await ctx.deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(workItemEvents)
    .where(and(eq(workItemEvents.tenantId, TENANT), eq(workItemEvents.itemId, id)));
  const [all] = await ctx.deps.db.select({ n: sql<number>`count(*)::int` }).from(tasks);
  return { events: events!.n, tasks: all!.n };
}

describe('the life cycle of a task', () => {
  it('goes assigned → accepted → in progress → submitted → sent back → done, with its history', async () => {
    ctx.setNow(at('2026-03-02', '08:00'));
    const created = await create(s.chutich!, {
      supportUnitIds: ['so-tai-chinh'],
      priority: 'high',
      deadline: { date: '2026-03-13' },
    });
    expect(created).toMatchObject({
      state: 'assigned',
      status: 'within',
      priority: 'high',
      sourceKind: 'ad_hoc',
      leadUnitId: 'so-noi-vu',
      leadUnitName: 'Sở Nội vụ',
      supportUnitIds: ['so-tai-chinh'],
      assignerId: s.chutich!.userId,
      assignerName: 'Hoàng Văn Minh',
      // Friday 13 March, end of the working day.
      dueAt: at('2026-03-13', '17:00').toISOString(),
      version: 1,
    });
    const id = created.id;

    // The unit head puts an official of the unit on it.
    const head = (await get(s['giamdoc.snv']!, id)).json();
    expect(head.actions.map((a: { name: string }) => a.name)).toEqual(['accept', 'return', 'assign_person']);
    await ok(s['giamdoc.snv']!, id, 'assign_person', { assigneeId: s['chuyenvien.snv']!.userId });

    ctx.setNow(at('2026-03-02', '09:00'));
    const cv = s['chuyenvien.snv']!;
    expect((await ok(cv, id, 'accept')).state).toBe('accepted');
    expect((await ok(cv, id, 'start_work')).state).toBe('in_progress');
    ctx.setNow(at('2026-03-03', '10:00'));
    const reported = await ok(cv, id, 'report_progress', {
      progress: { percent: 40, text: 'Đã rà soát 40 thủ tục' },
    });
    expect(reported.progress).toEqual({
      percent: 40,
      text: 'Đã rà soát 40 thủ tục',
      at: at('2026-03-03', '10:00').toISOString(),
    });

    ctx.setNow(at('2026-03-04', '10:00'));
    const asked = await ok(cv, id, 'request_extension', {
      extension: { dueAt: '2026-03-20' },
      reason: 'Chờ ý kiến của Bộ Nội vụ',
    });
    expect(asked.pendingExtension).toMatchObject({
      dueAt: at('2026-03-20', '17:00').toISOString(),
      reason: 'Chờ ý kiến của Bộ Nội vụ',
      requestedBy: cv.userId,
    });
    expect((await get(s.chutich!, id)).json().actions.map((a: { name: string }) => a.name)).toContain(
      'approve_extension',
    );
    const extended = await ok(s.chutich!, id, 'approve_extension', {});
    expect(extended.dueAt).toBe(at('2026-03-20', '17:00').toISOString());
    expect(extended.pendingExtension).toBeNull();
    expect(extended.clock.extensions).toEqual([
      expect.objectContaining({
        previousDueAt: at('2026-03-13', '17:00').toISOString(),
        dueAt: at('2026-03-20', '17:00').toISOString(),
        reason: 'Đồng ý đề nghị gia hạn: Chờ ý kiến của Bộ Nội vụ',
        grantedBy: 'Hoàng Văn Minh',
      }),
    ]);

    ctx.setNow(at('2026-03-05', '15:00'));
    const submitted = await ok(cv, id, 'submit_completion', { result: { text: 'Báo cáo số 45/BC-SNV' } });
    expect(submitted).toMatchObject({ state: 'completion_submitted', clock: { state: 'paused' } });
    expect(submitted.result).toMatchObject({ text: 'Báo cáo số 45/BC-SNV', by: cv.userId });

    ctx.setNow(at('2026-03-06', '09:00'));
    const back = await ok(s.vanphong!, id, 'send_back', { reason: 'Thiếu số liệu cấp xã' });
    expect(back).toMatchObject({ state: 'in_progress', clock: { state: 'running' } });
    await ok(cv, id, 'submit_completion', { result: { text: 'Báo cáo số 47/BC-SNV (bổ sung)' } });
    ctx.setNow(at('2026-03-09', '09:00'));
    const done = await ok(s.vanphong!, id, 'confirm_done');
    expect(done).toMatchObject({
      state: 'done',
      status: 'done_early',
      actions: [],
      progress: { percent: 100 },
      counters: {
        extension_requests: 1,
        extensions: 1,
        progress_reports: 1,
        send_backs: 1,
      },
      item: {
        kind: 'task',
        state: 'done',
        outcome: 'early',
        leadUnitIds: ['so-noi-vu'],
        supportUnitIds: ['so-tai-chinh'],
      },
    });
    expect(done.timeline.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'assign_person',
      'accept',
      'start_work',
      'report_progress',
      'request_extension',
      'approve_extension',
      'submit_completion',
      'send_back',
      'submit_completion',
      'confirm_done',
    ]);
    expect(done.timeline[8]).toMatchObject({
      actorName: 'Nông Thị Thu',
      labelVi: 'Yêu cầu thực hiện tiếp',
      reason: 'Thiếu số liệu cấp xã',
      fromState: 'completion_submitted',
      toState: 'in_progress',
    });

    // The assigner was told of each step on the doing side.
    const told = await ctx.deps.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.itemId, id), eq(notifications.recipientId, s.chutich!.userId)));
    expect(told.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['accept', 'report_progress', 'request_extension', 'submit_completion']),
    );
  });

  it('classifies completions early, on time and late against the working-day deadline', async () => {
    ctx.setNow(at('2026-03-09', '08:00'));
    const finish = async (due: string, when: [string, string]) => {
      const t = await create(s.chutich!, {
        deadline: { date: due },
        assigneeId: s['chuyenvien.snv']!.userId,
      });
      const cv = s['chuyenvien.snv']!;
      ctx.setNow(at('2026-03-09', '08:00'));
      await ok(cv, t.id, 'accept');
      await ok(cv, t.id, 'start_work');
      ctx.setNow(at(...when));
      await ok(cv, t.id, 'submit_completion', { result: { text: 'Xong' } });
      const done = await ok(s.vanphong!, t.id, 'confirm_done');
      ctx.setNow(at('2026-03-09', '08:00'));
      return done.status;
    };
    expect(await finish('2026-03-11', ['2026-03-10', '16:00'])).toBe('done_early');
    expect(await finish('2026-03-11', ['2026-03-11', '16:59'])).toBe('on_time');
    expect(await finish('2026-03-11', ['2026-03-12', '08:00'])).toBe('late');
    // Three working days from the assignment, keeping the time of day.
    const relative = await create(s.chutich!, { deadline: { workingDays: 3 } });
    expect(relative.dueAt).toBe(at('2026-03-12', '08:00').toISOString());
    // A deadline on a Sunday falls due at the end of Monday.
    const sunday = await create(s.chutich!, { deadline: { date: '2026-03-15' } });
    expect(sunday.dueAt).toBe(at('2026-03-16', '17:00').toISOString());
  });

  it('lets the assigner insist: a returned task goes back to the same unit, or is cancelled', async () => {
    ctx.setNow(at('2026-03-16', '08:00'));
    const t = await create(s.chutich!, { deadline: { date: '2026-04-24' } });
    await ok(s['giamdoc.snv']!, t.id, 'return', { reason: 'Không thuộc chức năng' });
    const back = await ok(s.chutich!, t.id, 'reassign', {
      reason: 'Đúng chức năng của Sở Nội vụ theo Quyết định 10/2025',
      reassign: { leadUnitId: 'so-noi-vu' },
    });
    expect(back).toMatchObject({
      state: 'assigned',
      leadUnitId: 'so-noi-vu',
      counters: { returns: 1, reassignments: 1 },
    });
    expect(back.assignedAt).toBe(at('2026-03-16', '08:00').toISOString());
    await ok(s['giamdoc.snv']!, t.id, 'return', { reason: 'Vẫn không thuộc chức năng' });
    const cancelled = await ok(s.chutich!, t.id, 'cancel', { reason: 'Giao Sở Tư pháp bằng văn bản khác' });
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      status: 'cancelled',
      item: { outcome: 'cancelled' },
    });
  });

  it('lists by urgency: overdue first, then the least working time left, with status filters', async () => {
    ctx.setNow(at('2026-03-16', '08:00'));
    const soon = await create(s.phochutich!, { title: 'Hạn gần', deadline: { date: '2026-03-17' } });
    const later = await create(s.phochutich!, { title: 'Hạn xa', deadline: { date: '2026-04-28' } });
    ctx.setNow(at('2026-03-18', '08:00'));
    const list = (
      await call(ctx, s.phochutich!, 'GET', `/api/tasks?assignerId=${s.phochutich!.userId}`)
    ).json();
    expect(list.items.map((t: { title: string }) => t.title)).toEqual(['Hạn gần', 'Hạn xa']);
    expect(list.items.map((t: { status: string }) => t.status)).toEqual(['overdue', 'within']);
    const overdue = (await call(ctx, s.vanphong!, 'GET', '/api/tasks?status=overdue&limit=1000')).json();
    expect(overdue.items.every((t: { status: string }) => t.status === 'overdue')).toBe(true);
    expect(overdue.items.map((t: { id: string }) => t.id)).toContain(soon.id);
    expect(overdue.items.map((t: { id: string }) => t.id)).not.toContain(later.id);
    const within = (await call(ctx, s.vanphong!, 'GET', '/api/tasks?status=within&limit=1000')).json();
    expect(within.items.map((t: { id: string }) => t.id)).toContain(later.id);
    const early = (await call(ctx, s.vanphong!, 'GET', '/api/tasks?status=done_early')).json();
    expect(early.items.every((t: { status: string }) => t.status === 'done_early')).toBe(true);
    expect(early.total).toBeGreaterThanOrEqual(2);
    // Search without diacritics, paging, due range.
    const found = (await call(ctx, s.vanphong!, 'GET', '/api/tasks?q=han%20gan')).json();
    expect(found.items.map((t: { id: string }) => t.id)).toEqual([soon.id]);
    const page = (await call(ctx, s.vanphong!, 'GET', '/api/tasks?limit=2&offset=1')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(3);
    const range = (
      await call(ctx, s.vanphong!, 'GET', '/api/tasks?dueFrom=2026-04-28&dueTo=2026-04-28')
    ).json();
    expect(range.items.map((t: { id: string }) => t.id)).toEqual([later.id]);
  });
});

describe('who sees and does what', () => {
  let id = '';
  beforeAll(async () => {
    ctx.setNow(at('2026-03-23', '08:00'));
    id = (await create(s.chutich!, { title: 'Nhiệm vụ phân quyền', supportUnitIds: ['so-tai-chinh'] })).id;
  });

  const names = (res: { json(): { actions: Array<{ name: string }> } }) =>
    res.json().actions.map((a) => a.name);

  it('shows the task to the lead unit, its divisions and the support unit, each with their buttons', async () => {
    expect(names(await get(s['giamdoc.snv']!, id))).toEqual(['accept', 'return', 'assign_person']);
    // An officer of a division of the lead department is a member of the lead unit.
    expect(names(await get(s['chuyenvien.snv']!, id))).toEqual(['accept', 'return']);
    // The support unit reads it but does not act for the lead unit.
    const support = await get(s['giamdoc.stc']!, id);
    expect(support.statusCode).toBe(200);
    expect(names(support)).toEqual([]);
    const refused = await act(s['giamdoc.stc']!, id, 'accept', { version: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    // The leaders and the Office act on the assigner's side.
    expect(names(await get(s.vanphong!, id))).toEqual(['reassign', 'assign_person', 'remind']);
    expect(names(await get(s.chutich!, id))).toEqual(['reassign', 'assign_person', 'remind', 'cancel']);
    // Oversight reads, without buttons.
    expect(names(await get(s.thanhtra!, id))).toEqual([]);
  });

  it('answers 404 to an unrelated unit and to a citizen, and leaves the task out of their lists', async () => {
    for (const who of [s['chutich.thatkhe']!, s.congdan!]) {
      const res = await get(who, id);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
      expect((await act(who, id, 'accept', { version: 1 })).statusCode).toBe(404);
    }
    const other = (await call(ctx, s['chutich.thatkhe']!, 'GET', '/api/tasks?limit=1000')).json();
    expect(other.items.map((t: { id: string }) => t.id)).not.toContain(id);
    expect((await call(ctx, s.congdan!, 'GET', '/api/tasks')).statusCode).toBe(403);
    expect((await get(s.admin!, 'khong-co-nhiem-vu')).statusCode).toBe(404);
  });

  it('scopes lists: mine, my unit’s (lead or support), all I may see', async () => {
    const ids = async (who: Session, scope: string) =>
      (await call(ctx, who, 'GET', `/api/tasks?scope=${scope}&limit=1000`))
        .json()
        .items.map((t: { id: string }) => t.id);
    expect(await ids(s['giamdoc.stc']!, 'unit')).toContain(id);
    expect(await ids(s['giamdoc.stc']!, 'mine')).not.toContain(id);
    const mine = (await call(ctx, s['chuyenvien.snv']!, 'GET', '/api/tasks?scope=mine&limit=1000')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(
      mine.items.every((t: { assigneeId: string }) => t.assigneeId === s['chuyenvien.snv']!.userId),
    ).toBe(true);
    expect(await ids(s.chutich!, 'mine')).toContain(id);
    const all = (await call(ctx, s.vanphong!, 'GET', '/api/tasks?limit=1000')).json();
    const lead = (
      await call(ctx, s.vanphong!, 'GET', '/api/tasks?unitId=so-tai-chinh&leadOnly=true&limit=1000')
    ).json();
    expect(lead.items.map((t: { id: string }) => t.id)).not.toContain(id);
    const touching = (
      await call(ctx, s.vanphong!, 'GET', '/api/tasks?unitId=so-tai-chinh&limit=1000')
    ).json();
    expect(touching.items.map((t: { id: string }) => t.id)).toContain(id);
    expect(all.total).toBeGreaterThan(touching.total);
  });

  it('lets only leaders and the Office assign', async () => {
    const res = await call(ctx, s['giamdoc.snv']!, 'POST', '/api/tasks', { items: [item()] });
    expect(res.statusCode).toBe(403);
    const onBehalf = await call(ctx, s.vanphong!, 'POST', '/api/tasks', {
      items: [item({ assignerId: s.phochutich!.userId })],
    });
    expect(onBehalf.statusCode).toBe(201);
    expect(onBehalf.json().tasks[0].assignerName).toBe('Lương Thị Hạnh');
  });
});

describe('bad input', () => {
  beforeAll(() => ctx.setNow(at('2026-03-23', '08:00')));

  async function refused(body: unknown, status = 400) {
    const before = await footprint('-');
    const res = await call(ctx, s.chutich!, 'POST', '/api/tasks', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().messageVi).toBeTruthy();
    expect(res.json().messageEn).toBeTruthy();
    expect(await footprint('-')).toEqual(before);
    return res.json();
  }
  const fields = (p: { errors: Array<{ field: string }> }) => p.errors.map((e) => e.field);

  it('names the unknown unit, the misplaced assignee and the assigner who is no leader', async () => {
    const p = await refused({
      items: [
        item({ leadUnitId: 'khong-co-don-vi' }),
        item({ supportUnitIds: ['so-tai-chinh', 'khong-co'] }),
        item({ assigneeId: s['giamdoc.stc']!.userId }),
        item({ assignerId: s['giamdoc.snv']!.userId }),
        item({ supportUnitIds: ['so-noi-vu'] }),
      ],
    });
    expect(fields(p)).toEqual([
      '/items/0/leadUnitId',
      '/items/1/supportUnitIds/1',
      '/items/2/assigneeId',
      '/items/3/assignerId',
      '/items/4/supportUnitIds/0',
    ]);
    expect(p.errors[0].messageVi).toContain('không tồn tại');
  });

  it('refuses a deadline before the assignment, or none, or two', async () => {
    const before = await refused({ items: [item({ deadline: { date: '2026-03-20' } })] });
    expect(before.code).toBe('deadline_before_assignment');
    expect(fields(before)).toEqual(['/items/0/deadline/date']);
    expect(fields(await refused({ items: [item({ deadline: {} })] }))).toEqual(['/items/0/deadline']);
    expect(
      fields(await refused({ items: [item({ deadline: { date: '2026-04-01', workingDays: 3 } })] })),
    ).toEqual(['/items/0/deadline']);
    expect(fields(await refused({ items: [item({ deadline: { date: '2026-02-30' } })] }))).toEqual([
      '/items/0/deadline/date',
    ]);
    expect(
      fields(
        await refused({
          items: [item({ deadline: { recurrence: { frequency: 'weekly', dayOfMonth: 3 } } })],
        }),
      ),
    ).toEqual(['/items/0/deadline/recurrence/dayOfMonth']);
    expect(fields(await refused({ items: [item({ deadline: { workingDays: 0 } })] }))).toEqual([
      '/items/0/deadline/workingDays',
    ]);
  });

  it('creates a batch all or nothing', async () => {
    const p = await refused({
      items: [item({ title: 'Một' }), item({ title: 'Hai' }), item({ title: 'Ba', leadUnitId: 'khong-co' })],
    });
    expect(fields(p)).toEqual(['/items/2/leadUnitId']);
  });

  it('refuses actions not allowed now, stale versions and missing fields, changing nothing', async () => {
    const t = await create(s.chutich!, { deadline: { date: '2026-04-10' } });
    const before = await footprint(t.id);
    const wrongState = await act(s.vanphong!, t.id, 'confirm_done', { version: 1 });
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json()).toMatchObject({ code: 'invalid_transition', errors: [{ field: '/action' }] });
    const stale = await act(s['giamdoc.snv']!, t.id, 'accept', { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', currentVersion: 1 });
    const noReason = await act(s['giamdoc.snv']!, t.id, 'return', { version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'reason_required', errors: [{ field: '/reason' }] });
    const unknownAction = await act(s['giamdoc.snv']!, t.id, 'approve', { version: 1 });
    expect(unknownAction.statusCode).toBe(400);
    expect(unknownAction.json().errors[0].field).toBe('/params/action');
    expect(await footprint(t.id)).toEqual(before);

    await ok(s['giamdoc.snv']!, t.id, 'accept');
    await ok(s['giamdoc.snv']!, t.id, 'start_work');
    const noPercent = await act(s['giamdoc.snv']!, t.id, 'report_progress', { version: 3 });
    expect(noPercent.json()).toMatchObject({
      code: 'progress_required',
      errors: [{ field: '/progress/percent' }],
    });
    const badPercent = await act(s['giamdoc.snv']!, t.id, 'report_progress', {
      version: 3,
      progress: { percent: 120, text: 'x' },
    });
    expect(badPercent.statusCode).toBe(400);
    expect(badPercent.json().errors[0].field).toBe('/progress/percent');
    const badDue = await act(s['giamdoc.snv']!, t.id, 'request_extension', {
      version: 3,
      reason: 'Cần thêm thời gian',
      extension: { dueAt: 'sang tuần' },
    });
    expect(badDue.json().errors.map((e: { field: string }) => e.field)).toEqual(['/extension/dueAt']);
    const earlier = await act(s['giamdoc.snv']!, t.id, 'request_extension', {
      version: 3,
      reason: 'Cần thêm thời gian',
      extension: { dueAt: '2026-04-01' },
    });
    expect(earlier.json()).toMatchObject({
      code: 'extension_not_later',
      errors: [{ field: '/extension/dueAt' }],
    });
    const noResult = await act(s['giamdoc.snv']!, t.id, 'submit_completion', { version: 3 });
    expect(noResult.json()).toMatchObject({ code: 'result_required', errors: [{ field: '/result' }] });
    const sameUnit = await act(s.vanphong!, t.id, 'reassign', {
      version: 3,
      reason: 'x',
      reassign: { leadUnitId: 'so-noi-vu' },
    });
    expect(sameUnit.json()).toMatchObject({ code: 'same_lead_unit' });
    const noUnit = await act(s.vanphong!, t.id, 'reassign', {
      version: 3,
      reason: 'x',
      reassign: { leadUnitId: 'khong-co' },
    });
    expect(noUnit.json().errors.map((e: { field: string }) => e.field)).toEqual(['/reassign/leadUnitId']);
    const noApprove = await act(s.chutich!, t.id, 'approve_extension', { version: 3 });
    expect(noApprove.json()).toMatchObject({ status: 409, code: 'no_extension_request' });
    expect((await get(s.vanphong!, t.id)).json().version).toBe(3);
  });

  it('closes the return window after the set number of working days', async () => {
    ctx.setNow(at('2026-03-23', '08:00'));
    const t = await create(s.chutich!, { deadline: { date: '2026-04-10' } });
    ctx.setNow(at('2026-03-25', '08:01'));
    const late = await act(s['giamdoc.snv']!, t.id, 'return', {
      version: 1,
      reason: 'Không thuộc chức năng',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'return_window_closed' });
    expect(late.json().messageVi).toContain('quá thời hạn');
    const shown = (await get(s['giamdoc.snv']!, t.id)).json().actions;
    expect(shown.find((a: { name: string }) => a.name === 'return').blocked.code).toBe(
      'return_window_closed',
    );
  });
});

describe('tasks from a reviewed directive', () => {
  it('creates one task per item in one transaction, titled by the items, traced to the directive', async () => {
    ctx.setNow(at('2026-03-23', '08:00'));
    const directive = await call(ctx, s.vanphong!, 'POST', '/api/directives', {
      number: '25/UBND-NC',
      documentType: 'cong_van',
      subject: 'V/v tăng cường kỷ luật, kỷ cương hành chính',
      status: 'issued',
      issuedOn: '2026-03-20',
      items: [
        {
          ref: '1',
          text: 'Sở Nội vụ kiểm tra việc thực hiện kỷ luật, kỷ cương hành chính.',
          lead: ['so-noi-vu'],
        },
        {
          ref: '2',
          text: 'Sở Tài chính bố trí kinh phí cho Bộ phận Một cửa cấp xã.',
          lead: ['so-tai-chinh'],
          support: ['so-noi-vu'],
        },
        { ref: '3', text: 'Văn phòng UBND tỉnh tổng hợp, báo cáo kết quả.', lead: ['vp-ubnd'] },
      ],
    });
    expect(directive.statusCode, directive.body).toBe(201);
    const d = directive.json();
    const [i1, i2, i3] = d.items;
    const bad = await call(ctx, s.vanphong!, 'POST', '/api/tasks', {
      directiveId: d.id,
      items: [{ directiveItemId: 'khong-co', leadUnitId: 'so-noi-vu', deadline: { date: '2026-04-15' } }],
    });
    // No such item, so no text to take the title from either.
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/items/0/directiveItemId',
      '/items/0/title',
    ]);

    const res = await call(ctx, s.vanphong!, 'POST', '/api/tasks', {
      directiveId: d.id,
      items: [
        {
          directiveItemId: i1.id,
          leadUnitId: 'so-noi-vu',
          deadline: { date: '2026-04-15' },
          assignerId: s.chutich!.userId,
        },
        {
          directiveItemId: i2.id,
          leadUnitId: 'so-tai-chinh',
          supportUnitIds: ['so-noi-vu'],
          deadline: { workingDays: 10 },
          assignerId: s.chutich!.userId,
        },
        {
          directiveItemId: i3.id,
          leadUnitId: 'vp-ubnd',
          deadline: { recurrence: { frequency: 'monthly', dayOfMonth: 25 } },
          assignerId: s.chutich!.userId,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.items).toHaveLength(3);
    expect(out.items[2].seriesId).toBeTruthy();
    expect(out.tasks[0]).toMatchObject({
      title: 'Sở Nội vụ kiểm tra việc thực hiện kỷ luật, kỷ cương hành chính.',
      sourceKind: 'directive_item',
      directiveId: d.id,
      directiveItemId: i1.id,
      assignerName: 'Hoàng Văn Minh',
    });
    // The recurring item's first period: due before the 25th of March (the 24th).
    const monthly = out.tasks.find((t: { seriesId: string | null }) => t.seriesId);
    expect(monthly).toMatchObject({ period: '2026-03', dueAt: at('2026-03-24', '17:00').toISOString() });
    expect(monthly.title).toContain('(tháng 03/2026)');

    const listed = (await call(ctx, s.vanphong!, 'GET', `/api/tasks?directiveId=${d.id}`)).json();
    expect(listed.total).toBe(out.tasks.length);
    const register = (await call(ctx, s.vanphong!, 'GET', '/api/directives?limit=100')).json();
    const row = register.items.find((x: { id: string }) => x.id === d.id);
    expect(row.taskSummary).toEqual({ total: out.tasks.length, open: out.tasks.length, done: 0, overdue: 0 });
    const withOpen = (
      await call(ctx, s.vanphong!, 'GET', '/api/directives?taskStatus=open&limit=100')
    ).json();
    expect(withOpen.items.map((x: { id: string }) => x.id)).toContain(d.id);

    // The directive item a task was made from cannot be removed from the directive.
    const current = (await call(ctx, s.vanphong!, 'GET', `/api/directives/${d.id}`)).json();
    const removed = await call(ctx, s.vanphong!, 'PATCH', `/api/directives/${d.id}`, {
      version: current.version,
      items: current.items.slice(1),
    });
    expect(removed.statusCode, removed.body).toBe(409);
    expect(removed.json().code).toBe('in_use');
  });
});

describe('concurrency and bulk actions', () => {
  it('lets exactly one of two people accepting the same task at once succeed', async () => {
    ctx.setNow(at('2026-03-23', '08:00'));
    for (let round = 0; round < 3; round++) {
      const t = await create(s.chutich!, { deadline: { date: '2026-04-10' } });
      const [a, b] = await Promise.all([
        act(s['giamdoc.snv']!, t.id, 'accept', { version: 1 }),
        act(s['chuyenvien.snv']!, t.id, 'accept', { version: 1 }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      expect((a.statusCode === 409 ? a : b).json().code).toBe('stale_version');
      const detail = (await get(s.vanphong!, t.id)).json();
      expect(detail.timeline.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1);
      expect(detail.version).toBe(2);
    }
  });

  it('reports each item of a bulk action, applying those that can be applied', async () => {
    ctx.setNow(at('2026-03-23', '08:00'));
    const t1 = await create(s.chutich!, { deadline: { date: '2026-04-10' } });
    const t2 = await create(s.chutich!, { deadline: { date: '2026-04-10' } });
    const t3 = await create(s.chutich!, { deadline: { date: '2026-04-10' } });
    const elsewhere = await create(s.chutich!, {
      leadUnitId: 'xa-that-khe',
      deadline: { date: '2026-04-10' },
    });
    await ok(s['giamdoc.snv']!, t3.id, 'accept');
    const res = await call(ctx, s['giamdoc.snv']!, 'POST', '/api/tasks/bulk', {
      action: 'accept',
      items: [
        { id: t1.id, version: 1 },
        { id: t2.id, version: 1 },
        { id: t3.id, version: 2 },
        { id: elsewhere.id, version: 1 },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ succeeded: 2, failed: 2 });
    expect(body.results).toEqual([
      { id: t1.id, ok: true, version: 2, state: 'accepted' },
      { id: t2.id, ok: true, version: 2, state: 'accepted' },
      expect.objectContaining({ id: t3.id, ok: false, status: 409, code: 'invalid_transition' }),
      expect.objectContaining({ id: elsewhere.id, ok: false, status: 404, code: 'not_found' }),
    ]);
    expect((await get(s.vanphong!, elsewhere.id)).json().state).toBe('assigned');
  });
});

describe('attachments and evidence', () => {
  function upload(session: Session, filename: string, text: string) {
    const boundary = `----dh${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from(text, 'utf8'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return ctx.app.inject({
      method: 'POST',
      url: '/api/files',
      payload,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
    });
  }

  it('keeps the files of a task and of its reports, readable by whoever sees the task', async () => {
    ctx.setNow(at('2026-03-23', '08:00'));
    const order = await upload(s.chutich!, 'giao-viec.txt', 'Công văn giao việc số 25/UBND-NC');
    expect(order.statusCode, order.body).toBe(201);
    const sha = order.json().sha256;
    const t = await create(s.chutich!, {
      supportUnitIds: ['so-tai-chinh'],
      attachments: [{ sha256: sha, name: 'Công văn giao việc.txt' }],
    });
    const detail = (await get(s['giamdoc.snv']!, t.id)).json();
    expect(detail.attachments).toEqual([{ sha256: sha, name: 'Công văn giao việc.txt' }]);
    expect((await call(ctx, s['giamdoc.stc']!, 'GET', `/api/files/${sha}`)).statusCode).toBe(200);
    expect((await call(ctx, s['chutich.thatkhe']!, 'GET', `/api/files/${sha}`)).statusCode).toBe(404);

    const cv = s['chuyenvien.snv']!;
    await ok(cv, t.id, 'accept');
    await ok(cv, t.id, 'start_work');
    const evidence = (await upload(cv, 'bien-ban.txt', 'Biên bản kiểm tra ngày 23/3/2026')).json().sha256;
    const reported = await ok(cv, t.id, 'report_progress', {
      progress: { percent: 20, text: 'Đã kiểm tra 2 xã' },
      files: [{ sha256: evidence, name: 'Biên bản.txt' }],
    });
    expect(reported.timeline.at(-1).payload).toMatchObject({ percent: 20, files: [evidence] });
    expect((await call(ctx, s.vanphong!, 'GET', `/api/files/${evidence}`)).statusCode).toBe(200);
    expect((await call(ctx, s['chutich.thatkhe']!, 'GET', `/api/files/${evidence}`)).statusCode).toBe(404);

    // A file the caller cannot read is not attached (a guessed hash stays unreadable).
    const foreign = (await upload(s['chutich.thatkhe']!, 'rieng.txt', 'Tài liệu riêng của xã')).json().sha256;
    const refused = await act(cv, t.id, 'report_progress', {
      version: reported.version,
      progress: { percent: 30, text: 'x' },
      files: [{ sha256: foreign }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['/files/0/sha256']);
  });
});

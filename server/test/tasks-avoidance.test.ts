import { localDateTime } from '@dieuhanh/core/calendar/index';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { call, login, type Session, useApp } from './helper.ts';

/** Counters of returns, reassignments, extensions and send-backs, and the avoidance signals they raise. */
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
  await call(ctx, admin, 'POST', `/api/users/${user.json().id}/grants`, { role, unitId });
  return login(ctx, username);
}

beforeAll(async () => {
  for (const u of [
    'admin',
    'chutich',
    'vanphong',
    'giamdoc.snv',
    'chuyenvien.snv',
    'thanhtra',
    'noivu',
    'congdan',
  ])
    s[u] = await login(ctx, u);
  s['giamdoc.stc'] = await makeUser('giamdoc.stc', 'so-tai-chinh', 'unit_head');
  s['giamdoc.sxd'] = await makeUser('giamdoc.sxd', 'so-xay-dung', 'unit_head');
});

async function create(title: string, leadUnitId: string, date = '2026-05-29') {
  const res = await call(ctx, s.chutich!, 'POST', '/api/tasks', {
    items: [{ title, leadUnitId, deadline: { date } }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().tasks[0].id as string;
}

async function ok(who: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const version = (await call(ctx, who, 'GET', `/api/tasks/${id}`)).json().version;
  const res = await call(ctx, who, 'POST', `/api/tasks/${id}/actions/${action}`, { version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const report = (who: Session, query = '') => call(ctx, who, 'GET', `/api/tasks/avoidance${query}`);
type Signal = {
  kind: string;
  taskId: string;
  count: number;
  ongoing: boolean;
  unitIds: string[];
  userIds: string[];
};

describe('counters and avoidance signals', () => {
  const ids: Record<string, string> = {};

  it('counts a task passed between units and raises "returned or passed between units" with its evidence', async () => {
    ctx.setNow(at('2026-04-06', '08:00'));
    const id = await create('Xây dựng đề án chuyển đổi số', 'so-tai-chinh');
    ids.bounced = id;
    ctx.setNow(at('2026-04-06', '10:00'));
    await ok(s['giamdoc.stc']!, id, 'return', { reason: 'Không thuộc chức năng của Sở Tài chính' });
    ctx.setNow(at('2026-04-07', '09:00'));
    const moved = await ok(s.vanphong!, id, 'reassign', {
      reason: 'Giao Sở Xây dựng chủ trì',
      reassign: { leadUnitId: 'so-xay-dung', supportUnitIds: ['so-tai-chinh'] },
    });
    expect(moved).toMatchObject({
      state: 'assigned',
      leadUnitId: 'so-xay-dung',
      supportUnitIds: ['so-tai-chinh'],
    });
    // The first unit no longer acts; the new one does.
    expect((await call(ctx, s['giamdoc.sxd']!, 'GET', `/api/tasks/${id}`)).json().actions[0].name).toBe(
      'accept',
    );
    ctx.setNow(at('2026-04-07', '15:00'));
    await ok(s['giamdoc.sxd']!, id, 'return', { reason: 'Đề nghị giao Sở Khoa học và Công nghệ' });
    ctx.setNow(at('2026-04-08', '09:00'));
    const again = await ok(s.vanphong!, id, 'reassign', {
      reason: 'Giao lại Sở Nội vụ',
      reassign: { leadUnitId: 'so-noi-vu' },
    });
    expect(again.counters).toMatchObject({ returns: 2, reassignments: 2 });
    expect(again.timeline.at(-1).payload).toMatchObject({
      fromUnitId: 'so-xay-dung',
      leadUnitId: 'so-noi-vu',
    });

    const body = (await report(s.vanphong!, '?from=2026-04-01&to=2026-04-30')).json();
    const signal = body.signals.find((x: Signal) => x.taskId === id && x.kind === 'bounced');
    expect(signal).toMatchObject({
      labelVi: 'Trả lại, chuyển qua lại giữa các đơn vị',
      count: 2,
      at: at('2026-04-07', '15:00').toISOString(),
      unitIds: ['so-tai-chinh', 'so-xay-dung'],
      userIds: [s['giamdoc.stc']!.userId, s['giamdoc.sxd']!.userId].sort(),
    });
    expect(
      signal.evidence.map((e: { action: string; unitName: string; reason: string }) => [
        e.action,
        e.unitName,
        e.reason,
      ]),
    ).toEqual([
      ['return', 'Sở Tài chính', 'Không thuộc chức năng của Sở Tài chính'],
      ['reassign', 'Sở Tài chính', 'Giao Sở Xây dựng chủ trì'],
      ['return', 'Sở Xây dựng', 'Đề nghị giao Sở Khoa học và Công nghệ'],
      ['reassign', 'Sở Xây dựng', 'Giao lại Sở Nội vụ'],
    ]);
    expect(signal.evidence[0].actorName).toBeTruthy();
    expect(signal.evidence[1].actorName).toBe('Nông Thị Thu');
  });

  it('counts extension requests, approvals and refusals, and raises "repeated extensions" at the second request', async () => {
    ctx.setNow(at('2026-04-06', '08:00'));
    const id = await create('Báo cáo tình hình giải ngân vốn', 'so-noi-vu', '2026-04-17');
    ids.extensions = id;
    const head = s['giamdoc.snv']!;
    await ok(head, id, 'accept');
    await ok(head, id, 'start_work');
    ctx.setNow(at('2026-04-08', '08:00'));
    await ok(head, id, 'request_extension', {
      reason: 'Chờ số liệu Kho bạc',
      extension: { dueAt: '2026-04-24' },
    });
    ctx.setNow(at('2026-04-08', '14:00'));
    await ok(s.chutich!, id, 'approve_extension', { reason: 'Đồng ý, không gia hạn thêm' });
    ctx.setNow(at('2026-04-09', '08:00'));
    await ok(head, id, 'report_progress', { progress: { percent: 50, text: 'Đã tổng hợp 50%' } });
    ctx.setNow(at('2026-04-20', '08:00'));
    await ok(head, id, 'request_extension', {
      reason: 'Chờ số liệu quyết toán',
      extension: { dueAt: '2026-05-08' },
    });
    ctx.setNow(at('2026-04-20', '10:00'));
    const refused = await ok(s.chutich!, id, 'refuse_extension', {
      reason: 'Không đồng ý; hoàn thành đúng hạn',
    });
    expect(refused).toMatchObject({
      dueAt: at('2026-04-24', '17:00').toISOString(),
      pendingExtension: null,
      counters: { extension_requests: 2, extensions: 1, extension_refusals: 1 },
    });
    const body = (await report(s.thanhtra!, '?from=2026-04-01&to=2026-04-30')).json();
    const signal = body.signals.find((x: Signal) => x.taskId === id && x.kind === 'repeated_extensions');
    expect(signal).toMatchObject({ count: 2, unitIds: ['so-noi-vu'], userIds: [head.userId] });
    expect(signal.evidence.map((e: { action: string }) => e.action)).toEqual([
      'request_extension',
      'approve_extension',
      'request_extension',
      'refuse_extension',
    ]);
  });

  it('counts completions sent back, and raises "sent back repeatedly" at the second', async () => {
    ctx.setNow(at('2026-04-06', '08:00'));
    const id = await create('Hoàn thiện quy chế phối hợp', 'so-noi-vu');
    ids.sentBack = id;
    const cv = s['chuyenvien.snv']!;
    await ok(cv, id, 'accept');
    await ok(cv, id, 'start_work');
    for (const day of ['2026-04-08', '2026-04-10']) {
      ctx.setNow(at(day, '09:00'));
      await ok(cv, id, 'submit_completion', { result: { text: 'Dự thảo quy chế' } });
      ctx.setNow(at(day, '15:00'));
      await ok(s.vanphong!, id, 'send_back', { reason: 'Chưa lấy ý kiến các sở' });
    }
    const body = (await report(s.noivu!, '?from=2026-04-01&to=2026-04-30')).json();
    const signal = body.signals.find((x: Signal) => x.taskId === id && x.kind === 'sent_back_repeatedly');
    expect(signal).toMatchObject({ count: 2, unitIds: ['so-noi-vu'], userIds: [cv.userId] });
  });

  it('raises "no progress report" after 10 working days in progress, as long as it lasts', async () => {
    ctx.setNow(at('2026-04-06', '08:00'));
    const id = await create('Kiểm tra công vụ tại các xã', 'so-noi-vu');
    ids.silent = id;
    const cv = s['chuyenvien.snv']!;
    await ok(s['giamdoc.snv']!, id, 'assign_person', { assigneeId: cv.userId });
    await ok(cv, id, 'accept');
    await ok(cv, id, 'start_work');
    // 9 working days later (the Hùng Kings' day, 26/4/2026, falls on a Sunday; 27/4 is off).
    ctx.setNow(at('2026-04-17', '09:00'));
    const early = (await report(s.vanphong!, '?from=2026-04-01&to=2026-05-31')).json();
    expect(early.signals.find((x: Signal) => x.taskId === id && x.kind === 'silent')).toBeUndefined();
    ctx.setNow(at('2026-04-22', '09:00'));
    const body = (await report(s.vanphong!, '?from=2026-04-01&to=2026-05-31')).json();
    const signal = body.signals.find((x: Signal) => x.taskId === id && x.kind === 'silent');
    expect(signal).toMatchObject({ ongoing: true, unitIds: ['so-noi-vu'], userIds: [cv.userId] });
    expect(signal.count).toBeGreaterThanOrEqual(10);
    expect(signal.evidence.map((e: { action: string }) => e.action)).toEqual(['start_work']);
    // A report ends the silence; the past silence stays on the record.
    await ok(cv, id, 'report_progress', { progress: { percent: 30, text: 'Đã kiểm tra 5 xã' } });
    const after = (await report(s.vanphong!, '?from=2026-04-01&to=2026-05-31')).json();
    expect(after.signals.find((x: Signal) => x.taskId === id && x.kind === 'silent')).toMatchObject({
      ongoing: false,
    });
  });

  it('raises "accepted late" when the acceptance comes after the window, or has not come once it closed', async () => {
    ctx.setNow(at('2026-04-06', '08:00'));
    const late = await create('Rà soát biên chế', 'so-noi-vu');
    const waiting = await create('Rà soát vị trí việc làm', 'so-tai-chinh');
    ids.late = late;
    ctx.setNow(at('2026-04-09', '10:00'));
    const accepted = await ok(s['giamdoc.snv']!, late, 'accept');
    expect(accepted.state).toBe('accepted');
    const body = (await report(s.vanphong!, '?from=2026-04-01&to=2026-04-30')).json();
    expect(body.signals.find((x: Signal) => x.taskId === late && x.kind === 'accepted_late')).toMatchObject({
      ongoing: false,
      unitIds: ['so-noi-vu'],
      userIds: [s['giamdoc.snv']!.userId],
    });
    expect(
      body.signals.find((x: Signal) => x.taskId === waiting && x.kind === 'accepted_late'),
    ).toMatchObject({
      ongoing: true,
      unitIds: ['so-tai-chinh'],
      userIds: [],
    });
  });

  it('tallies signals per unit and per official, and filters by unit and by period', async () => {
    ctx.setNow(at('2026-04-22', '10:00'));
    const body = (await report(s.vanphong!, '?from=2026-04-01&to=2026-04-30')).json();
    const unit = (id: string) => body.units.find((u: { unitId: string }) => u.unitId === id);
    expect(unit('so-noi-vu')).toMatchObject({ unitName: 'Sở Nội vụ' });
    expect(unit('so-noi-vu').byKind).toMatchObject({
      repeated_extensions: 1,
      sent_back_repeatedly: 1,
      silent: 1,
      // "Rà soát biên chế", and the bounced task, reassigned to it on 8/4 and still not accepted.
      accepted_late: 2,
    });
    expect(unit('so-noi-vu').taskIds).toEqual(
      expect.arrayContaining([ids.extensions, ids.sentBack, ids.silent, ids.late]),
    );
    expect(unit('so-xay-dung').byKind.bounced).toBe(1);
    const official = body.officials.find((o: { userId: string }) => o.userId === s['chuyenvien.snv']!.userId);
    expect(official).toMatchObject({ name: 'Lăng Thị Mai' });
    expect(official.byKind).toMatchObject({ sent_back_repeatedly: 1, silent: 1 });
    expect(body.units.map((u: { total: number }) => u.total)).toEqual(
      [...body.units.map((u: { total: number }) => u.total)].sort((a, b) => b - a),
    );

    const one = (await report(s.vanphong!, '?unitId=so-xay-dung&from=2026-04-01&to=2026-04-30')).json();
    expect(one.signals.map((x: Signal) => x.taskId)).toEqual([ids.bounced]);
    expect(one.units.map((u: { unitId: string }) => u.unitId)).toEqual(['so-xay-dung']);
    const march = (await report(s.vanphong!, '?from=2026-03-01&to=2026-03-31')).json();
    expect(march.signals).toEqual([]);
  });

  it('is for the Office, the leaders, Home Affairs and the Inspectorate only', async () => {
    expect((await report(s['giamdoc.snv']!)).statusCode).toBe(403);
    expect((await report(s.congdan!)).statusCode).toBe(403);
    expect((await report(s.chutich!)).statusCode).toBe(200);
    const bad = await report(s.vanphong!, '?from=2026-05-01&to=2026-04-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/querystring/from');
    expect((await report(s.vanphong!, '?unitId=khong-co')).statusCode).toBe(404);
  });
});

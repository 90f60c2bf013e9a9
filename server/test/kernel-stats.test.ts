import { defineWorkflow } from '@dieuhanh/core/workflow/index';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkItem, registerKind, runDueJobs, transition, type WorkItem } from '../src/kernel/index.ts';
import { call, login, type Session, useApp } from './helper.ts';
import { kernelDeps, registerTaskKind, TENANT, userId, vn } from './kernel-support.ts';

const ctx = useApp();
let admin: Session;
let creator: string;

const feedbackWorkflow = defineWorkflow({
  kind: 'feedback',
  states: {
    open: { start: true, labelVi: 'Mới', labelEn: 'Open' },
    answered: { terminal: true, labelVi: 'Đã trả lời', labelEn: 'Answered' },
  },
  actions: {
    answer: { from: ['open'], to: 'answered', roles: ['officer'], labelVi: 'Trả lời', labelEn: 'Answer' },
  },
});

async function create(kind: string, unit: string, at: Date, days: number): Promise<WorkItem> {
  ctx.setNow(at);
  return ctx.deps.db.transaction((tx) =>
    createWorkItem(tx, {
      tenantId: TENANT,
      kind,
      title: `${kind} ${unit}`,
      ownerUnitId: unit,
      actor: { userId: creator },
      now: at,
      budget: { unit: 'days', amount: days },
    }),
  );
}

/** Takes a task through to confirmed completion at `at`. */
async function complete(item: WorkItem, at: Date) {
  ctx.setNow(at);
  let version = item.version;
  for (const action of ['accept', 'start_work', 'submit_completion', 'confirm_done']) {
    const r = await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action,
      expectedVersion: version,
      roles: ['assignee', 'monitor'],
      actor: { userId: creator },
      guardContext: { openSubtasks: 0, attachments: 1 },
    });
    version = r.item.version;
  }
}

beforeAll(async () => {
  registerTaskKind();
  registerKind({ kind: 'feedback', workflow: feedbackWorkflow });
  creator = await userId(ctx.deps.db, 'vanphong');
  admin = await login(ctx, 'admin');
  // Before the July 2025 reform: a task of the former Tràng Định district, completed on time.
  const district = await create('task', 'huyen-trang-dinh', vn('2025-05-05', '08:00'), 2);
  await complete(district, vn('2025-05-07', '07:45'));
  // Sở Nội vụ: completed early, completed late (in April), still open and overdue.
  const early = await create('task', 'so-noi-vu', vn('2026-03-02', '08:00'), 5);
  const late = await create('task', 'so-noi-vu', vn('2026-03-02', '08:00'), 2);
  await create('task', 'so-noi-vu', vn('2026-03-02', '08:00'), 1);
  await complete(early, vn('2026-03-03', '10:00'));
  await create('task', 'so-noi-vu--phong-cai-cach-hanh-chinh', vn('2026-03-05', '08:00'), 60);
  await create('task', 'xa-trang-dinh', vn('2026-03-05', '08:00'), 60);
  await create('feedback', 'thanh-tra-tinh', vn('2026-03-06', '08:00'), 60);
  await complete(late, vn('2026-04-01', '10:00'));
  // The overdue job has run by mid-April.
  ctx.setNow(vn('2026-04-15', '08:00'));
  await runDueJobs(kernelDeps(ctx));
});

const stats = async (session: Session | null, query: string) =>
  call(ctx, session, 'GET', `/api/stats/work-items?${query}`);
const zero = {
  received: 0,
  completedEarly: 0,
  completedOnTime: 0,
  completedLate: 0,
  cancelled: 0,
  openWithin: 0,
  openOverdue: 0,
};

describe('GET /api/stats/work-items', () => {
  it('answers per unit and in total from the rollups', async () => {
    const res = await stats(admin, 'kind=task&from=2026-03&to=2026-04');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      kind: 'task',
      unitId: null,
      subtree: false,
      from: '2026-03',
      to: '2026-04',
    });
    const byUnit = Object.fromEntries(body.units.map((u: { unitId: string }) => [u.unitId, u]));
    expect(byUnit['so-noi-vu']).toEqual({
      unitId: 'so-noi-vu',
      unitName: 'Sở Nội vụ',
      ...zero,
      received: 3,
      completedEarly: 1,
      completedLate: 1,
      openOverdue: 1,
    });
    expect(byUnit['so-noi-vu--phong-cai-cach-hanh-chinh']).toMatchObject({ received: 1, openWithin: 1 });
    // A dissolved unit has no row of its own: its figures are its successor's.
    expect(byUnit['huyen-trang-dinh']).toBeUndefined();
    expect(body.total).toEqual({
      ...zero,
      received: 5,
      completedEarly: 1,
      completedLate: 1,
      openWithin: 2,
      openOverdue: 1,
    });
    const all = (await stats(admin, 'from=2026-03&to=2026-04')).json();
    expect(all.total.received).toBe(6);
    const feedback = (await stats(admin, 'kind=feedback&from=2026-03&to=2026-04')).json();
    expect(feedback.total).toEqual({ ...zero, received: 1, openWithin: 1 });
  });

  it('counts completions in the month they happened and open items received up to `to`', async () => {
    const march = (await stats(admin, 'kind=task&unitId=so-noi-vu&from=2026-03&to=2026-03')).json();
    expect(march.units).toEqual([
      { unitId: 'so-noi-vu', unitName: 'Sở Nội vụ', ...zero, received: 3, completedEarly: 1, openOverdue: 1 },
    ]);
    const april = (await stats(admin, 'kind=task&unitId=so-noi-vu&from=2026-04&to=2026-04')).json();
    expect(april.total).toEqual({ ...zero, completedLate: 1, openOverdue: 1 });
    const february = (await stats(admin, 'kind=task&unitId=so-noi-vu&from=2026-02&to=2026-02')).json();
    expect(february.total).toEqual(zero);
  });

  it('rolls a subtree up and attributes a dissolved unit’s figures to its successor', async () => {
    const subtree = (
      await stats(admin, 'kind=task&unitId=so-noi-vu&subtree=true&from=2026-03&to=2026-04')
    ).json();
    expect(subtree.units.map((u: { unitId: string }) => u.unitId)).toEqual(
      expect.arrayContaining(['so-noi-vu', 'so-noi-vu--phong-cai-cach-hanh-chinh']),
    );
    expect(subtree.units.every((u: { unitId: string }) => u.unitId.startsWith('so-noi-vu'))).toBe(true);
    expect(subtree.total).toMatchObject({ received: 4, openWithin: 1, openOverdue: 1 });
    const commune = (await stats(admin, 'kind=task&unitId=xa-trang-dinh&from=2025-01&to=2026-12')).json();
    expect(commune.units).toEqual([
      {
        unitId: 'xa-trang-dinh',
        unitName: 'Ủy ban nhân dân xã Tràng Định',
        ...zero,
        received: 2,
        completedOnTime: 1,
        openWithin: 1,
      },
    ]);
    // Asking for the dissolved unit answers for the unit that took over its work.
    const district = (await stats(admin, 'kind=task&unitId=huyen-trang-dinh&from=2025-01&to=2026-12')).json();
    expect(district.unitId).toBe('xa-trang-dinh');
    expect(district.total).toEqual(commune.total);
  });

  it('is scoped by the caller’s grants', async () => {
    const head = await login(ctx, 'giamdoc.snv');
    const own = (await stats(head, 'kind=task&from=2026-03&to=2026-04')).json();
    expect(own.units.every((u: { unitId: string }) => u.unitId.startsWith('so-noi-vu'))).toBe(true);
    expect(own.total.received).toBe(4);
    expect((await stats(head, 'unitId=thanh-tra-tinh')).statusCode).toBe(404);
    expect((await stats(head, 'unitId=no-such-unit')).statusCode).toBe(404);
    const officer = await login(ctx, 'chuyenvien.snv');
    expect((await stats(officer, 'kind=task')).statusCode).toBe(403);
    expect((await stats(null, 'kind=task')).statusCode).toBe(401);
  });

  it('names the field of a bad month', async () => {
    for (const [query, field] of [
      ['from=2026-13', '/querystring/from'],
      ['to=26-01', '/querystring/to'],
      ['from=2026-05&to=2026-04', '/querystring/from'],
    ]) {
      const res = await stats(admin, query!);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].field).toBe(field);
    }
  });
});

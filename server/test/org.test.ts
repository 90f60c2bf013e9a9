import { describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.ts';
import { call, login, useApp } from './helper.ts';

const ctx = useApp();

describe('units', () => {
  it('lists the real structure of Lạng Sơn: committee, office, departments, service centre, 65 communes', async () => {
    const s = await login(ctx, 'chuyenvien.snv');
    const all = (await call(ctx, s, 'GET', '/api/units?limit=1000')).json();
    const kinds = (k: string) => all.items.filter((u: { kind: string }) => u.kind === k);
    expect(kinds('committee').map((u: { name: string }) => u.name)).toEqual([
      'Ủy ban nhân dân tỉnh Lạng Sơn',
    ]);
    expect(kinds('office')).toHaveLength(1);
    expect(kinds('service_center')).toHaveLength(1);
    expect(kinds('commune')).toHaveLength(65);
    expect(kinds('department').map((u: { name: string }) => u.name)).toEqual(
      expect.arrayContaining(['Sở Nội vụ', 'Thanh tra tỉnh', 'Sở Tài chính']),
    );
    const communes = (await call(ctx, s, 'GET', '/api/units?kind=commune&limit=1000')).json();
    expect(communes.total).toBe(65);
    expect(communes.items.filter((u: { name: string }) => u.name.includes('phường'))).toHaveLength(4);
  });

  it('searches names without diacritics and by abbreviation', async () => {
    const s = await login(ctx, 'congdan');
    const hits = (q: string) =>
      call(ctx, s, 'GET', `/api/units?q=${encodeURIComponent(q)}`).then((r) =>
        r.json().items.map((u: { name: string }) => u.name),
      );
    expect(await hits('that khe')).toEqual(['Ủy ban nhân dân xã Thất Khê']);
    expect(await hits('LẠNG SƠN')).toContain('Ủy ban nhân dân tỉnh Lạng Sơn');
    expect(await hits('dong dang')).toEqual(expect.arrayContaining(['Ủy ban nhân dân xã Đồng Đăng']));
    expect(await hits('snv')).toEqual(['Sở Nội vụ']);
    expect(await hits('Thất Khê'.normalize('NFD'))).toEqual(['Ủy ban nhân dân xã Thất Khê']);
  });

  it('filters by parent, and by the date a unit was valid (the July 2025 reform)', async () => {
    const s = await login(ctx, 'admin');
    const children = (await call(ctx, s, 'GET', '/api/units?parentId=so-noi-vu')).json();
    expect(children.items.every((u: { parentId: string }) => u.parentId === 'so-noi-vu')).toBe(true);
    expect(children.total).toBe(4);
    const before = (await call(ctx, s, 'GET', '/api/units?kind=district&validOn=2025-06-30')).json();
    const after = (await call(ctx, s, 'GET', '/api/units?kind=district&validOn=2025-07-01')).json();
    expect(before.total).toBe(11);
    expect(after.total).toBe(0);
    const bacSon = (await call(ctx, s, 'GET', '/api/units/huyen-bac-son')).json();
    expect(bacSon).toMatchObject({ kind: 'district', validTo: '2025-06-30', successorId: 'xa-bac-son' });
  });

  it('returns 404 for an unknown unit and 400 naming the field for a bad filter', async () => {
    const s = await login(ctx, 'admin');
    expect((await call(ctx, s, 'GET', '/api/units/khong-co')).statusCode).toBe(404);
    const bad = await call(ctx, s, 'GET', '/api/units?validOn=30-06-2025');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/querystring/validOn');
  });

  it('lets an admin create, rename and move a unit, with NFC names, audit events and optimistic versions', async () => {
    const s = await login(ctx, 'admin');
    const created = await call(ctx, s, 'POST', '/api/units', {
      id: 'so-noi-vu--phong-thi-dua',
      parentId: 'so-noi-vu',
      kind: 'division',
      name: 'Phòng Thi đua – Khen thưởng'.normalize('NFD'),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().name).toBe('Phòng Thi đua – Khen thưởng'.normalize('NFC'));
    const moved = await call(ctx, s, 'PATCH', '/api/units/so-noi-vu--phong-thi-dua', {
      version: 1,
      parentId: 'vp-ubnd',
      name: 'Phòng Thi đua',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: 'vp-ubnd', version: 2 });
    const stale = await call(ctx, s, 'PATCH', '/api/units/so-noi-vu--phong-thi-dua', {
      version: 1,
      name: 'Khác',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    const timeline = (await call(ctx, s, 'GET', '/api/audit/unit/so-noi-vu--phong-thi-dua')).json();
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['unit.created', 'unit.updated']);
    expect(timeline[1].actorName).toBe('Quản trị hệ thống');
  });

  it('moves a whole subtree when a unit changes parent, so grants on it keep covering its divisions', async () => {
    const s = await login(ctx, 'admin');
    const snv = (await call(ctx, s, 'GET', '/api/units/so-noi-vu')).json();
    expect(
      (await call(ctx, s, 'PATCH', '/api/units/so-noi-vu', { version: snv.version, parentId: 'vp-ubnd' }))
        .statusCode,
    ).toBe(200);
    // The unit head of Sở Nội vụ still sees the officials of its divisions.
    const head = await login(ctx, 'giamdoc.snv');
    const officials = (await call(ctx, head, 'GET', '/api/officials?unitId=so-noi-vu&subtree=true')).json();
    expect(officials.items.map((o: { fullName: string }) => o.fullName)).toContain('Lăng Thị Mai');
    const back = (await call(ctx, s, 'GET', '/api/units/so-noi-vu')).json();
    await call(ctx, s, 'PATCH', '/api/units/so-noi-vu', { version: back.version, parentId: 'ubnd-tinh' });
  });

  it('refuses invalid units with the offending fields and changes nothing', async () => {
    const s = await login(ctx, 'admin');
    const cycle = await call(ctx, s, 'PATCH', '/api/units/so-noi-vu', {
      version: 99,
      parentId: 'so-noi-vu--van-phong-so',
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().errors.map((e: { field: string }) => e.field)).toContain('/parentId');
    const bad = await call(ctx, s, 'POST', '/api/units', {
      parentId: 'khong-co',
      kind: 'division',
      name: 'X',
      code: '06040',
      validFrom: '2025-01-02',
      validTo: '2025-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['/code', '/parentId', '/validTo']);
    const kind = await call(ctx, s, 'POST', '/api/units', { parentId: null, kind: 'planet', name: 'X' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0].field).toBe('/kind');
    expect(
      (await call(ctx, s, 'GET', '/api/units?q=X&limit=1000'))
        .json()
        .items.some((u: { name: string }) => u.name === 'X'),
    ).toBe(false);
  });

  it('forbids writes to non-admins', async () => {
    const s = await login(ctx, 'giamdoc.snv');
    const res = await call(ctx, s, 'POST', '/api/units', {
      parentId: 'so-noi-vu',
      kind: 'division',
      name: 'Phòng mới',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('officials are scoped by grants', () => {
  it('shows a unit head the officials of their own subtree only; another unit’s official is "not found"', async () => {
    const head = await login(ctx, 'giamdoc.snv');
    const own = (await call(ctx, head, 'GET', '/api/officials?limit=1000')).json();
    expect(own.total).toBeGreaterThan(0);
    const admin = await login(ctx, 'admin');
    const all = (await call(ctx, admin, 'GET', '/api/officials?limit=1000')).json();
    expect(all.total).toBeGreaterThan(own.total);
    const units = new Set(own.items.map((o: { unitId: string }) => o.unitId));
    expect([...units].every((u) => String(u).startsWith('so-noi-vu'))).toBe(true);
    const foreign = all.items.find((o: { unitId: string }) => o.unitId === 'so-tai-chinh');
    const res = await call(ctx, head, 'GET', `/api/officials/${foreign.id}`);
    expect(res.statusCode).toBe(404);
    expect((await call(ctx, admin, 'GET', `/api/officials/${foreign.id}`)).statusCode).toBe(200);
  });

  it('searches officials by name without diacritics', async () => {
    const admin = await login(ctx, 'admin');
    const res = (await call(ctx, admin, 'GET', '/api/officials?q=lang%20thi%20mai')).json();
    expect(res.items.map((o: { fullName: string }) => o.fullName)).toEqual(['Lăng Thị Mai']);
  });
});

describe('tenants are isolated', () => {
  it('never shows one province’s units or users to another province’s accounts', async () => {
    await seedDemo(ctx.database.db, 'cao-bang');
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'dieuhanh-demo', tenant: 'cao-bang' },
    });
    expect(other.statusCode).toBe(200);
    const otherAdminId = other.json().user.id;
    const s = await login(ctx, 'admin');
    expect((await call(ctx, s, 'GET', `/api/users/${otherAdminId}`)).statusCode).toBe(404);
    const users = (await call(ctx, s, 'GET', '/api/users?limit=1000')).json();
    expect(users.items.map((u: { id: string }) => u.id)).not.toContain(otherAdminId);
  });
});

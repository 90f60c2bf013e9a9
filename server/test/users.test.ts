import { describe, expect, it } from 'vitest';
import { call, login, useApp } from './helper.ts';

const ctx = useApp();

async function officialOf(s: Awaited<ReturnType<typeof login>>, unitId: string) {
  return (await call(ctx, s, 'GET', `/api/officials?unitId=${unitId}`)).json().items[0];
}

describe('users and role grants', () => {
  it('lets an admin create an account for an official, grant a role on a unit and revoke it', async () => {
    const admin = await login(ctx, 'admin');
    const official = await officialOf(admin, 'so-tai-chinh');
    const created = await call(ctx, admin, 'POST', '/api/users', {
      username: 'ketoan.stc',
      displayName: official.fullName,
      officialId: official.id,
      password: 'mat-khau-dai-2026',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'ketoan.stc', unitId: 'so-tai-chinh', grants: [] });
    const id = created.json().id;
    const granted = await call(ctx, admin, 'POST', `/api/users/${id}/grants`, {
      role: 'unit_head',
      unitId: 'so-tai-chinh',
    });
    expect(granted.json().grants).toEqual([
      expect.objectContaining({ role: 'unit_head', unitId: 'so-tai-chinh', unitName: 'Sở Tài chính' }),
    ]);
    const dup = await call(ctx, admin, 'POST', `/api/users/${id}/grants`, {
      role: 'unit_head',
      unitId: 'so-tai-chinh',
    });
    expect(dup.statusCode).toBe(409);
    const s = await login(ctx, 'ketoan.stc', 'mat-khau-dai-2026');
    expect((await call(ctx, s, 'GET', '/api/me')).json().roles).toEqual(['unit_head']);
    const grantId = granted.json().grants[0].id;
    expect((await call(ctx, admin, 'DELETE', `/api/users/${id}/grants/${grantId}`)).json().grants).toEqual(
      [],
    );
    expect((await call(ctx, s, 'GET', '/api/me')).json().roles).toEqual([]);
  });

  it('rejects a taken username, a weak password and an unknown role with the field named', async () => {
    const admin = await login(ctx, 'admin');
    const taken = await call(ctx, admin, 'POST', '/api/users', {
      username: 'chutich',
      displayName: 'X',
      password: 'mat-khau-dai-2026',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('username_taken');
    const weak = await call(ctx, admin, 'POST', '/api/users', {
      username: 'moi',
      displayName: 'X',
      password: '123',
    });
    expect(weak.json().errors[0].field).toBe('/password');
    const me = (await call(ctx, admin, 'GET', '/api/me')).json();
    const role = await call(ctx, admin, 'POST', `/api/users/${me.user.id}/grants`, {
      role: 'emperor',
      unitId: 'ubnd-tinh',
    });
    expect(role.statusCode).toBe(400);
    expect(role.json().errors[0].field).toBe('/role');
  });

  it('disables an account: its sessions end and it can no longer log in', async () => {
    const admin = await login(ctx, 'admin');
    const target = await login(ctx, 'phochutich');
    const user = (await call(ctx, admin, 'GET', `/api/users/${target.userId}`)).json();
    const res = await call(ctx, admin, 'PATCH', `/api/users/${target.userId}`, {
      version: user.version,
      disabled: true,
    });
    expect(res.json().disabled).toBe(true);
    expect((await call(ctx, target, 'GET', '/api/me')).statusCode).toBe(401);
    await expect(login(ctx, 'phochutich')).rejects.toThrow(/401/);
  });

  it('scopes user administration: a unit head cannot list or manage users', async () => {
    const head = await login(ctx, 'giamdoc.snv');
    expect((await call(ctx, head, 'GET', '/api/users')).statusCode).toBe(403);
    const admin = await login(ctx, 'admin');
    const someone = (await call(ctx, admin, 'GET', '/api/users?q=vanphong')).json().items[0];
    const res = await call(ctx, head, 'POST', `/api/users/${someone.id}/grants`, {
      role: 'admin',
      unitId: 'ubnd-tinh',
    });
    expect([403, 404]).toContain(res.statusCode);
    expect(
      (await call(ctx, admin, 'GET', `/api/users/${someone.id}`))
        .json()
        .grants.map((g: { role: string }) => g.role),
    ).toEqual(['monitor']);
  });
});

import { describe, expect, it } from 'vitest';
import { call, login, useApp } from './helper.ts';

const ctx = useApp({ config: { loginMaxFailures: 3, loginRateLimitPerMinute: 1000 } });

describe('login, session and CSRF', () => {
  it('logs in with the demo password and returns the user, a CSRF token and an httpOnly SameSite cookie', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'vanphong', password: 'dieuhanh-demo' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('vanphong');
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === 'dh_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('rejects a wrong password with a bilingual problem and does not reveal whether the user exists', async () => {
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chutich', password: 'nope' },
    });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json()).toMatchObject({
      code: 'invalid_credentials',
      messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
    expect(unknown.json().code).toBe(wrong.json().code);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++) {
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'thanhtra', password: `bad-${i}` },
      });
    }
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'thanhtra', password: 'dieuhanh-demo' },
    });
    expect(res.statusCode).toBe(423);
    expect(res.json().code).toBe('account_locked');
    ctx.setNow(new Date(Date.now() + 16 * 60_000));
    const later = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'thanhtra', password: 'dieuhanh-demo' },
    });
    ctx.setNow(null);
    expect(later.statusCode).toBe(200);
  });

  it('requires authentication for /api/me and reports roles and permissions', async () => {
    expect((await call(ctx, null, 'GET', '/api/me')).statusCode).toBe(401);
    const s = await login(ctx, 'giamdoc.snv');
    const me = (await call(ctx, s, 'GET', '/api/me')).json();
    expect(me.roles).toEqual(['unit_head']);
    expect(me.permissions).toContain('task.work');
    expect(me.permissions).not.toContain('user.write');
    expect(me.grants[0].unitName).toBe('Sở Nội vụ');
    expect(me.tenant).toEqual({ id: 'lang-son', name: 'Tỉnh Lạng Sơn' });
  });

  it('refuses a cookie-authenticated write without the x-csrf-token header', async () => {
    const s = await login(ctx, 'admin');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: s.cookie },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
    const ok = await call(ctx, s, 'POST', '/api/auth/tokens', { name: 'x' });
    expect(ok.statusCode).toBe(201);
  });

  it('lets a machine client use a bearer API token without CSRF, until it is revoked', async () => {
    const s = await login(ctx, 'admin');
    const created = (await call(ctx, s, 'POST', '/api/auth/tokens', { name: 'Cổng dịch vụ công' })).json();
    expect(created.token).toMatch(/^dh_/);
    const headers = { authorization: `Bearer ${created.token}` };
    const me = await ctx.app.inject({ method: 'GET', url: '/api/me', headers });
    expect(me.json().user.username).toBe('admin');
    const write = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers,
      payload: { name: 'second' },
    });
    expect(write.statusCode).toBe(201);
    expect((await call(ctx, s, 'DELETE', `/api/auth/tokens/${created.id}`)).statusCode).toBe(204);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/me', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('invalid_token');
  });

  it('logs out (the session no longer works) and changes passwords', async () => {
    const s = await login(ctx, 'noivu');
    const bad = await call(ctx, s, 'POST', '/api/auth/password', {
      currentPassword: 'wrong',
      newPassword: 'mat-khau-moi-2026',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/currentPassword');
    const short = await call(ctx, s, 'POST', '/api/auth/password', {
      currentPassword: 'dieuhanh-demo',
      newPassword: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('/newPassword');
    expect(
      (
        await call(ctx, s, 'POST', '/api/auth/password', {
          currentPassword: 'dieuhanh-demo',
          newPassword: 'mat-khau-moi-2026',
        })
      ).statusCode,
    ).toBe(204);
    await expect(login(ctx, 'noivu')).rejects.toThrow(/401/);
    const s2 = await login(ctx, 'noivu', 'mat-khau-moi-2026');
    expect((await call(ctx, s2, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await call(ctx, s2, 'GET', '/api/me')).statusCode).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { call, login, useApp } from './helper.ts';

const ctx = useApp();

describe('system', () => {
  it('reports health with the database kind in use', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      version: expect.any(String),
    });
  });

  it('serves an OpenAPI 3.1 document that describes every API route with schemas', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/units',
      '/api/units/{id}',
      '/api/auth/login',
      '/api/me',
      '/api/users',
      '/api/health',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/units'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'kind', 'parentId']),
    );
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeDefined();
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('answers unknown API routes and oversized bodies with problem+json', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const s = await login(ctx, 'admin');
    const big = await ctx.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(ctx.config.bodyLimitBytes + 10) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
  });

  it('sets security headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('never leaks internals in a 500', async () => {
    const s = await login(ctx, 'admin');
    // A unit id longer than the column allows would be a schema error; break the database instead.
    await ctx.database.db.execute('alter table units rename to units_gone' as never);
    const res = await call(ctx, s, 'GET', '/api/units');
    await ctx.database.db.execute('alter table units_gone rename to units' as never);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({
      code: 'internal_error',
      messageVi: 'Đã có lỗi hệ thống. Vui lòng thử lại sau.',
    });
    expect(res.body).not.toContain('units_gone');
  });
});

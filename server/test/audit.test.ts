import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditVerify } from '../src/cli/audit.ts';
import { verifyChain } from '../src/platform/audit.ts';
import { call, login, TENANT, useApp } from './helper.ts';

const ctx = useApp();

describe('audit chain', () => {
  it('appends one chained event per write and verifies intact', async () => {
    const admin = await login(ctx, 'admin');
    const before = await verifyChain(ctx.database.db, TENANT);
    await call(ctx, admin, 'POST', '/api/units', {
      parentId: 'so-noi-vu',
      kind: 'division',
      name: 'Phòng Tổ chức cán bộ',
      id: 'snv-tccb',
    });
    await call(ctx, admin, 'PATCH', '/api/units/snv-tccb', { version: 1, abbr: 'TCCB' });
    const after = await verifyChain(ctx.database.db, TENANT);
    expect(after.ok).toBe(true);
    expect(after.checked - before.checked).toBe(2);
  });

  it('keeps the chain gapless when many writes race', async () => {
    const admin = await login(ctx, 'admin');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(ctx, admin, 'POST', '/api/units', {
          parentId: 'vp-ubnd',
          kind: 'division',
          name: `Tổ công tác ${i + 1}`,
        }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect((await verifyChain(ctx.database.db, TENANT)).ok).toBe(true);
  });

  it('names the first broken link when an event is altered, and when one is deleted', async () => {
    const report = await verifyChain(ctx.database.db, TENANT);
    const target = Math.max(2, report.checked - 3);
    await ctx.database.db.execute(
      sql`update audit_events set after = '{"name":"đã sửa"}'::jsonb where tenant_id = ${TENANT} and seq = ${target}`,
    );
    const altered = await verifyChain(ctx.database.db, TENANT);
    expect(altered.ok).toBe(false);
    expect(altered.firstBroken?.seq).toBe(target);
    expect(altered.firstBroken?.reason).toMatch(/altered/);
    expect(await auditVerify(ctx.database.db, TENANT)).toBe(1);

    await ctx.database.db.execute(
      sql`delete from audit_events where tenant_id = ${TENANT} and seq = ${target}`,
    );
    const deleted = await verifyChain(ctx.database.db, TENANT);
    expect(deleted.firstBroken?.seq).toBe(target);
    expect(deleted.firstBroken?.reason).toMatch(/missing/);
  });

  it('shows a timeline only to holders of audit.read', async () => {
    const officer = await login(ctx, 'chuyenvien.snv');
    expect((await call(ctx, officer, 'GET', '/api/audit/unit/snv-tccb')).statusCode).toBe(403);
    const monitor = await login(ctx, 'vanphong');
    const timeline = (await call(ctx, monitor, 'GET', '/api/audit/unit/snv-tccb')).json();
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['unit.created', 'unit.updated']);
    expect(timeline[1].after).toMatchObject({ abbr: 'TCCB' });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminCreate } from '../src/cli/admin.ts';
import { auditVerify } from '../src/cli/audit.ts';
import { demoData } from '../src/cli/demo.ts';
import { transfer } from '../src/cli/transfer.ts';
import { login, TENANT, useApp } from './helper.ts';

// A server deployment: no demo data until asked.
const ctx = useApp({ demo: false });

describe('command line', () => {
  it('creates the first administrator (tenant and root unit included) without any default password', async () => {
    process.env.DIEUHANH_ADMIN_PASSWORD = 'mot-mat-khau-rat-dai';
    expect(
      await adminCreate(ctx.database.db, {
        tenantId: 'ha-giang',
        tenantName: 'Tỉnh Hà Giang',
        username: 'quantri',
      }),
    ).toBe(0);
    expect(await adminCreate(ctx.database.db, { tenantId: 'ha-giang', username: 'quantri' })).toBe(1);
    process.env.DIEUHANH_ADMIN_PASSWORD = 'ngan';
    expect(await adminCreate(ctx.database.db, { tenantId: 'ha-giang', username: 'khac' })).toBe(2);
    delete process.env.DIEUHANH_ADMIN_PASSWORD;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'quantri', password: 'mot-mat-khau-rat-dai', tenant: 'ha-giang' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.grants).toEqual([
      expect.objectContaining({ role: 'admin', unitName: 'Ủy ban nhân dân Tỉnh Hà Giang' }),
    ]);
  });

  it('loads the demo data only into a tenant that has none', async () => {
    await expect(login(ctx, 'admin')).rejects.toThrow();
    expect(await demoData(ctx.database.db, TENANT)).toBe(0);
    expect((await login(ctx, 'admin')).csrfToken).toBeTruthy();
    expect(await demoData(ctx.database.db, TENANT)).toBe(1);
  });

  it('exports and re-imports units as a named account, refusing a bad file whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-cli-'));
    const file = path.join(dir, 'units.xlsx');
    const base = { tenantId: TENANT, as: 'admin', dryRun: false, file };
    expect(await transfer(ctx.database, ctx.config, { ...base, direction: 'export', what: 'units' })).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expect(await transfer(ctx.database, ctx.config, { ...base, direction: 'import', what: 'units' })).toBe(0);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'Tên đơn vị,Loại,Đơn vị cấp trên\nPhòng X,division,khong-co\n');
    expect(
      await transfer(ctx.database, ctx.config, { ...base, file: bad, direction: 'import', what: 'units' }),
    ).toBe(1);
    expect(
      await transfer(ctx.database, ctx.config, { ...base, as: 'nobody', direction: 'import', what: 'units' }),
    ).toBe(2);
  });

  it('verifies the audit chain', async () => {
    expect(await auditVerify(ctx.database.db, TENANT)).toBe(0);
  });
});

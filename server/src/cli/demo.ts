import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import type { Db } from '../platform/db.ts';
import { tenantExists } from '../platform/tenants.ts';

export async function demoData(db: Db, tenantId: string): Promise<number> {
  if (await tenantExists(db, tenantId)) {
    console.error(
      `Đơn vị triển khai "${tenantId}" đã có dữ liệu; không nạp dữ liệu mẫu / tenant "${tenantId}" already has data; demo data not loaded.`,
    );
    return 1;
  }
  const counts = await seedDemo(db, tenantId);
  console.log(
    `Đã nạp dữ liệu mẫu / demo data loaded: ${counts.units} units, ${counts.officials} officials, ${counts.accounts} accounts.`,
  );
  console.log(
    `Tài khoản / accounts: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')} — mật khẩu / password: ${DEMO_PASSWORD}`,
  );
  return 0;
}

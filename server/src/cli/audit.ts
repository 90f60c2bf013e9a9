import { verifyChain } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';

export async function auditVerify(db: Db, tenantId: string): Promise<number> {
  const report = await verifyChain(db, tenantId);
  if (report.ok) {
    console.log(
      `Chuỗi nhật ký toàn vẹn / audit chain intact: ${report.checked} events (tenant ${tenantId}).`,
    );
    return 0;
  }
  console.error(
    `Chuỗi nhật ký bị phá vỡ tại sự kiện #${report.firstBroken?.seq} / audit chain broken at event #${report.firstBroken?.seq}: ${report.firstBroken?.reason} (${report.checked} events verified before it).`,
  );
  return 1;
}

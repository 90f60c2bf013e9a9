import { randomUUID } from 'node:crypto';
import type { Role } from '@dieuhanh/core/access/permissions';
import { fold } from '@dieuhanh/core/text/fold';
import { officials, roleGrants, units, users } from '../db/schema/index.ts';
import { appendAudit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { hashPassword } from '../platform/passwords.ts';
import { ensureTenant } from '../platform/tenants.ts';
import { langSonUnits, OFFICE_ID, ROOT_ID, type SeedUnit } from './lang-son.ts';

export const DEMO_PASSWORD = 'dieuhanh-demo';

export interface DemoAccount {
  username: string;
  displayName: string;
  position: string;
  unitId: string;
  role: Role;
  /** Where the role is granted (its subtree); defaults to the official's unit. */
  grantOn?: string;
}

/** One account per role; the README lists them. Names are fictional. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: 'Quản trị hệ thống',
    position: 'Quản trị hệ thống',
    unitId: OFFICE_ID,
    role: 'admin',
    grantOn: ROOT_ID,
  },
  {
    username: 'chutich',
    displayName: 'Hoàng Văn Minh',
    position: 'Chủ tịch UBND tỉnh',
    unitId: ROOT_ID,
    role: 'leader',
  },
  {
    username: 'phochutich',
    displayName: 'Lương Thị Hạnh',
    position: 'Phó Chủ tịch UBND tỉnh',
    unitId: ROOT_ID,
    role: 'leader',
  },
  {
    username: 'vanphong',
    displayName: 'Nông Thị Thu',
    position: 'Chuyên viên Phòng Tổng hợp, Văn phòng UBND tỉnh',
    unitId: `${OFFICE_ID}--phong-tong-hop`,
    role: 'monitor',
    grantOn: ROOT_ID,
  },
  {
    username: 'giamdoc.snv',
    displayName: 'Vi Văn Toàn',
    position: 'Giám đốc Sở Nội vụ',
    unitId: 'so-noi-vu',
    role: 'unit_head',
  },
  {
    username: 'chuyenvien.snv',
    displayName: 'Lăng Thị Mai',
    position: 'Chuyên viên Phòng Cải cách hành chính',
    unitId: 'so-noi-vu--phong-cai-cach-hanh-chinh',
    role: 'officer',
  },
  {
    username: 'chutich.thatkhe',
    displayName: 'Hứa Văn Đức',
    position: 'Chủ tịch UBND xã Thất Khê',
    unitId: 'xa-that-khe',
    role: 'unit_head',
  },
  {
    username: 'motcua',
    displayName: 'Chu Thị Lan',
    position: 'Công chức Trung tâm Phục vụ hành chính công',
    unitId: 'ttpvhcc',
    role: 'desk_officer',
  },
  {
    username: 'thanhtra',
    displayName: 'Đinh Văn Hải',
    position: 'Thanh tra viên chính',
    unitId: 'thanh-tra-tinh',
    role: 'inspector',
    grantOn: ROOT_ID,
  },
  {
    username: 'noivu',
    displayName: 'Hà Thị Nga',
    position: 'Chuyên viên Sở Nội vụ',
    unitId: 'so-noi-vu',
    role: 'home_affairs',
    grantOn: ROOT_ID,
  },
  {
    username: 'congdan',
    displayName: 'Nguyễn Văn An',
    position: 'Người dân',
    unitId: ROOT_ID,
    role: 'citizen',
  },
];

const FAMILY = [
  'Nguyễn',
  'Hoàng',
  'Lương',
  'Nông',
  'Vi',
  'Lăng',
  'Hà',
  'Đinh',
  'Chu',
  'Lý',
  'Triệu',
  'Hứa',
  'Mông',
  'Lục',
];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thanh', 'Quang', 'Ngọc'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hải',
  'Hương',
  'Khánh',
  'Linh',
  'Long',
  'Nam',
  'Phương',
  'Quân',
  'Sơn',
  'Thảo',
  'Trang',
  'Tuấn',
  'Yến',
];

/** Deterministic, distinct fictional names: a permutation of all family × middle × given combinations. */
function name(i: number): string {
  const combinations = FAMILY.length * MIDDLE.length * GIVEN.length;
  const j = (i * 37 + 11) % combinations;
  const family = FAMILY[j % FAMILY.length];
  const middle = MIDDLE[Math.floor(j / FAMILY.length) % MIDDLE.length];
  const given = GIVEN[Math.floor(j / (FAMILY.length * MIDDLE.length)) % GIVEN.length];
  return `${family} ${middle} ${given}`;
}

function headTitles(unit: SeedUnit): [string, string] {
  switch (unit.kind) {
    case 'department':
      return unit.name.startsWith('Sở') ? ['Giám đốc', 'Phó Giám đốc'] : ['Trưởng ban', 'Phó Trưởng ban'];
    case 'commune':
      return ['Chủ tịch UBND', 'Phó Chủ tịch UBND'];
    case 'office':
      return ['Chánh Văn phòng', 'Phó Chánh Văn phòng'];
    default:
      return ['Giám đốc', 'Phó Giám đốc'];
  }
}

export async function seedDemo(
  db: Db,
  tenantId: string,
): Promise<{ units: number; officials: number; accounts: number }> {
  const unitRows = langSonUnits();
  const paths = new Map<string, string>();
  for (const u of unitRows) paths.set(u.id, `${u.parentId ? paths.get(u.parentId) : '/'}${u.id}/`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    await ensureTenant(tx, tenantId, 'Tỉnh Lạng Sơn');
    // Foreign keys are checked at the end of the statement, so parents and successors may come
    // in any order within this one insert.
    await tx
      .insert(units)
      .values(unitRows.map((u) => ({ ...u, tenantId, path: paths.get(u.id)!, nameFolded: fold(u.name) })));
    const officialRows: Array<typeof officials.$inferInsert> = [];
    let n = 0;
    for (const u of unitRows) {
      if (u.validTo || !['department', 'commune', 'office', 'service_center'].includes(u.kind)) continue;
      const [head, deputy] = headTitles(u);
      const unitName = u.kind === 'commune' ? u.name.replace('Ủy ban nhân dân ', '') : u.name;
      for (const title of [head, deputy]) {
        // The demo accounts hold some of these posts themselves.
        if (DEMO_ACCOUNTS.some((a) => a.position === `${title} ${unitName}`)) continue;
        const fullName = name(n++);
        officialRows.push({
          tenantId,
          id: randomUUID(),
          unitId: u.id,
          code: `CB${String(n).padStart(5, '0')}`,
          fullName,
          nameFolded: fold(fullName),
          position: `${title} ${unitName}`,
        });
      }
    }
    const accountOfficials = DEMO_ACCOUNTS.filter((a) => a.role !== 'citizen').map((a) => ({
      tenantId,
      id: randomUUID(),
      unitId: a.unitId,
      code: `CB${String(++n).padStart(5, '0')}`,
      fullName: a.displayName,
      nameFolded: fold(a.displayName),
      position: a.position,
    }));
    await tx.insert(officials).values([...officialRows, ...accountOfficials]);
    for (const a of DEMO_ACCOUNTS) {
      const userId = randomUUID();
      const officialId = accountOfficials.find((o) => o.fullName === a.displayName)?.id ?? null;
      await tx.insert(users).values({
        tenantId,
        id: userId,
        username: a.username,
        displayName: a.displayName,
        officialId,
        passwordHash,
      });
      await tx
        .insert(roleGrants)
        .values({ tenantId, id: randomUUID(), userId, role: a.role, unitId: a.grantOn ?? a.unitId });
    }
    const counts = {
      units: unitRows.length,
      officials: officialRows.length + accountOfficials.length,
      accounts: DEMO_ACCOUNTS.length,
    };
    await appendAudit(tx, {
      tenantId,
      actorId: null,
      action: 'tenant.demo_data_loaded',
      resourceType: 'tenant',
      resourceId: tenantId,
      after: counts,
    });
    return counts;
  });
}

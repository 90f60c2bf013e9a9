import type { UnitKind } from '@dieuhanh/core/org/units';
import { fold } from '@dieuhanh/core/text/fold';
import reference from '../reference/lang-son-units.json' with { type: 'json' };

export interface SeedUnit {
  id: string;
  parentId: string | null;
  kind: UnitKind;
  code: string | null;
  name: string;
  abbr: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorId: string | null;
  sortOrder: number;
}

export const ROOT_ID = 'ubnd-tinh';
export const OFFICE_ID = 'vp-ubnd';
export const REFORM_DATE = '2025-07-01';
const LAST_DAY_BEFORE_REFORM = '2025-06-30';

/** A stable, readable id from a Vietnamese name: "Sở Nội vụ" → "so-noi-vu". */
export function slug(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const FORMER_DISTRICTS: Array<[string, string]> = [
  ['Thành phố Lạng Sơn', 'TPLS'],
  ['Tràng Định', 'TĐ'],
  ['Bình Gia', 'BG'],
  ['Văn Lãng', 'VL'],
  ['Bắc Sơn', 'BS'],
  ['Văn Quan', 'VQ'],
  ['Cao Lộc', 'CL'],
  ['Lộc Bình', 'LB'],
  ['Chi Lăng', 'CHL'],
  ['Đình Lập', 'ĐL'],
  ['Hữu Lũng', 'HL'],
];

/** Divisions inside a few agencies, so that grants on a subtree have something to cover. */
const DIVISIONS: Record<string, string[]> = {
  'so-noi-vu': [
    'Văn phòng Sở',
    'Phòng Tổ chức, biên chế và tổ chức phi chính phủ',
    'Phòng Công chức, viên chức',
    'Phòng Cải cách hành chính',
  ],
  'thanh-tra-tinh': [
    'Văn phòng Thanh tra tỉnh',
    'Phòng Thanh tra, giải quyết khiếu nại, tố cáo khối nội chính',
  ],
  [OFFICE_ID]: ['Phòng Nội chính', 'Phòng Tổng hợp', 'Phòng Kinh tế'],
};

const PUBLIC_SERVICE_UNITS: Array<[string, string]> = [
  ['Bệnh viện Đa khoa tỉnh Lạng Sơn', 'so-y-te'],
  ['Trung tâm Kiểm soát bệnh tật tỉnh', 'so-y-te'],
  ['Trường Trung học phổ thông Chuyên Chu Văn An', 'so-giao-duc-va-dao-tao'],
  ['Trung tâm Phát triển quỹ đất tỉnh', 'so-nong-nghiep-va-moi-truong'],
  // Directly under the committee: "các đơn vị sự nghiệp trực thuộc UBND tỉnh" in directives.
  ['Ban Quản lý dự án đầu tư xây dựng tỉnh', ROOT_ID],
  ['Báo và Phát thanh, Truyền hình Lạng Sơn', ROOT_ID],
];

/** Lạng Sơn's organisation: the committee, its office, agencies, the service centre, the 11
 * district-level units dissolved on 1 July 2025 (kept for history) and the 65 communes/wards. */
export function langSonUnits(): SeedUnit[] {
  const out: SeedUnit[] = [];
  const add = (
    u: Omit<SeedUnit, 'sortOrder' | 'code' | 'abbr' | 'validFrom' | 'validTo' | 'successorId'> &
      Partial<SeedUnit>,
  ) =>
    out.push({
      code: null,
      abbr: null,
      validFrom: null,
      validTo: null,
      successorId: null,
      sortOrder: out.length,
      ...u,
    });

  add({
    id: ROOT_ID,
    parentId: null,
    kind: 'committee',
    name: 'Ủy ban nhân dân tỉnh Lạng Sơn',
    abbr: 'UBND tỉnh',
    code: reference.province.code,
  });
  for (const d of reference.departments) {
    const name = d.name.normalize('NFC');
    if (d.abbr === 'VPUBND')
      add({ id: OFFICE_ID, parentId: ROOT_ID, kind: 'office', name, abbr: 'VP UBND tỉnh' });
    else if (d.abbr === 'TTPVHCC')
      add({ id: 'ttpvhcc', parentId: OFFICE_ID, kind: 'service_center', name, abbr: d.abbr });
    else add({ id: slug(name), parentId: ROOT_ID, kind: 'department', name, abbr: d.abbr });
  }
  for (const [parentId, names] of Object.entries(DIVISIONS)) {
    for (const name of names) add({ id: `${parentId}--${slug(name)}`, parentId, kind: 'division', name });
  }
  for (const [name, parentId] of PUBLIC_SERVICE_UNITS)
    add({ id: slug(name), parentId, kind: 'public_service_unit', name });

  const districtId = (name: string) => (name.startsWith('Thành phố') ? slug(name) : `huyen-${slug(name)}`);
  for (const [name, abbr] of FORMER_DISTRICTS) {
    add({
      id: districtId(name),
      parentId: ROOT_ID,
      kind: 'district',
      name: name.startsWith('Thành phố') ? name : `Ủy ban nhân dân huyện ${name}`,
      abbr: `UBND ${abbr}`,
      validTo: LAST_DAY_BEFORE_REFORM,
    });
  }
  for (const c of reference.communes) {
    const name = c.name.normalize('NFC');
    const prefix = c.kind === 'phường' ? 'phường' : 'xã';
    add({
      id: `${prefix === 'phường' ? 'phuong' : 'xa'}-${slug(name)}`,
      parentId: ROOT_ID,
      kind: 'commune',
      code: c.code,
      name: `Ủy ban nhân dân ${prefix} ${name}`,
      abbr: `UBND ${prefix} ${name}`,
      validFrom: REFORM_DATE,
    });
  }
  // Demo approximation: a former district's open work follows the commune that kept its name.
  // The former provincial city has no single successor ward, so it keeps none.
  const byName = new Map(
    out
      .filter((u) => u.kind === 'commune')
      .map((u) => [fold(u.name.replace(/^Ủy ban nhân dân (xã|phường) /, '')), u.id]),
  );
  for (const u of out) {
    if (u.kind !== 'district') continue;
    u.successorId = byName.get(fold(u.name.replace('Ủy ban nhân dân huyện ', ''))) ?? null;
  }
  return out;
}

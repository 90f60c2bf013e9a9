import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditEvents, officials, units } from '../src/db/schema/index.ts';
import {
  exportOfficials,
  exportUnits,
  ImportInvalid,
  importUnitsFromFile,
} from '../src/modules/org/transfer.ts';
import {
  mapHeaders,
  readBoolean,
  readDate,
  UNIT_COLUMNS,
  unheadedCells,
} from '../src/modules/org/transfer-columns.ts';
import { parseCsv, readSheet, UnreadableFile } from '../src/modules/org/transfer-format.ts';
import { loadPrincipal } from '../src/platform/principal.ts';
import { call, login as loginOnce, type Session, TENANT, type TestContext, useApp } from './helper.ts';

const ctx = useApp({ config: { loginRateLimitPerMinute: 1000 } });

// Logging in hashes a password; one session per user is enough for these tests.
const sessions = new Map<string, Promise<Session>>();
function login(c: TestContext, username: string, password?: string): Promise<Session> {
  if (!sessions.has(username)) sessions.set(username, loginOnce(c, username, password));
  return sessions.get(username)!;
}

// ---------------------------------------------------------------------------------------------
// Building and sending files

type Cell = string | number | Date | null;

/** An .xlsx with a header row and data rows, made with exceljs as a user's Excel would. */
async function xlsx(headers: string[], rows: Cell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

function csv(lines: string[][], { delimiter = ',', bom = true } = {}): Buffer {
  const field = (v: string) => (/[",;\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const text = lines.map((l) => l.map(field).join(delimiter)).join('\r\n');
  return Buffer.from(`${bom ? '\uFEFF' : ''}${text}\r\n`, 'utf8');
}

function multipart(filename: string, body: Buffer) {
  const boundary = `----dieuhanh${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(session: Session, url: string, filename: string, body: Buffer) {
  const { payload, headers } = multipart(filename, body);
  return ctx.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  });
}

async function download(session: Session, url: string) {
  const res = await call(ctx, session, 'GET', url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

async function counts(c: TestContext) {
  const db = c.deps.db;
  const [u] = await db.select({ n: count() }).from(units).where(eq(units.tenantId, TENANT));
  const [o] = await db.select({ n: count() }).from(officials).where(eq(officials.tenantId, TENANT));
  const [a] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.tenantId, TENANT));
  return { units: u!.n, officials: o!.n, audit: a!.n };
}

async function unitRow(id: string) {
  const [row] = await ctx.deps.db.select().from(units).where(eq(units.id, id));
  return row;
}

async function readWorkbook(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

const UNIT_HEADERS = [
  'Mã định danh',
  'Mã đơn vị',
  'Tên đơn vị',
  'Viết tắt',
  'Loại',
  'Đơn vị cấp trên',
  'Hiệu lực từ',
  'Hiệu lực đến',
  'Đơn vị kế thừa',
  'Thứ tự',
];
const OFFICIAL_HEADERS = [
  'Mã cán bộ',
  'Họ và tên',
  'Chức vụ',
  'Đơn vị',
  'Email',
  'Điện thoại',
  'Đang công tác',
  'Mã định danh',
];

// ---------------------------------------------------------------------------------------------

describe('export', () => {
  it('exports units as .xlsx with Vietnamese headers, a bold frozen header, widths and real dates', async () => {
    const admin = await login(ctx, 'admin');
    const res = await download(admin, '/api/units/export?format=xlsx');
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="Danh sach don vi \d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''Danh%20s%C3%A1ch%20/,
    );
    const workbook = await readWorkbook(res.rawPayload);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Đơn vị');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(UNIT_HEADERS);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(40);
    expect(sheet.rowCount - 1).toBe((await counts(ctx)).units);

    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), row);
    });
    expect(rows.get('so-noi-vu')!.getCell(5).value).toBe('Sở, ban, ngành');
    expect(rows.get('so-noi-vu')!.getCell(6).value).toBe('ubnd-tinh');
    const district = rows.get('huyen-trang-dinh')!.getCell(8);
    expect(district.value).toEqual(new Date(Date.UTC(2025, 5, 30)));
    expect(district.numFmt).toBe('dd/mm/yyyy');
    // Parents come before their children.
    const order = [...rows.keys()];
    expect(order.indexOf('so-noi-vu')).toBeLessThan(order.indexOf('so-noi-vu--phong-cai-cach-hanh-chinh'));
  });

  it('exports units as CSV in UTF-8 with a BOM, dates as dd/mm/yyyy', async () => {
    const admin = await login(ctx, 'admin');
    const res = await download(admin, '/api/units/export?format=csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename="Danh sach don vi \d{4}-\d{2}-\d{2}\.csv"/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(UNIT_HEADERS.join(','));
    expect(text).toContain(
      'huyen-trang-dinh,,Ủy ban nhân dân huyện Tràng Định,UBND TĐ,Cấp huyện,ubnd-tinh,,30/06/2025',
    );
    expect(text).toContain('"Xã, phường"');
    expect(text.normalize('NFC')).toBe(text);
  });

  it('scopes the officials export by the caller’s grants and by unit or subtree', async () => {
    const head = await login(ctx, 'giamdoc.snv'); // unit_head on Sở Nội vụ
    const mine = (await download(head, '/api/officials/export?format=csv')).rawPayload.toString('utf8');
    expect(mine.split('\r\n')[0]).toBe(`\uFEFF${OFFICIAL_HEADERS.join(',')}`);
    const unitsOf = (text: string) =>
      new Set(
        text
          .split('\r\n')
          .slice(1)
          .filter(Boolean)
          .map((l) => l.split(',')[3]),
      );
    const visible = unitsOf(mine);
    expect(visible.size).toBeGreaterThan(1);
    for (const unit of visible) expect(unit?.startsWith('so-noi-vu')).toBe(true);

    const admin = await login(ctx, 'admin');
    const one = await download(admin, '/api/officials/export?format=csv&unitId=so-noi-vu');
    expect([...unitsOf(one.rawPayload.toString('utf8'))]).toEqual(['so-noi-vu']);
    const tree = await download(admin, '/api/officials/export?format=xlsx&unitId=so-noi-vu&subtree=true');
    expect(tree.headers['content-disposition']).toMatch(
      /filename="Danh sach can bo \d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    const sheet = (await readWorkbook(tree.rawPayload)).worksheets[0]!;
    expect(sheet.rowCount - 1).toBe([...mine.split('\r\n').slice(1).filter(Boolean)].length);
    expect(sheet.getRow(2).getCell(7).value).toBe('Có');
  });

  it('refuses a format it does not know', async () => {
    const admin = await login(ctx, 'admin');
    expect((await call(ctx, admin, 'GET', '/api/units/export?format=pdf')).statusCode).toBe(400);
  });
});

describe('round trip', () => {
  for (const format of ['xlsx', 'csv'] as const) {
    it(`re-imports an exported ${format} of units and officials as a no-op`, async () => {
      const admin = await login(ctx, 'admin');
      const before = await counts(ctx);
      const unitFile = (await download(admin, `/api/units/export?format=${format}`)).rawPayload;
      const res = await upload(admin, '/api/units/import', `don-vi.${format}`, unitFile);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ imported: before.units, created: 0, updated: 0, errors: [] });

      const officialFile = (await download(admin, `/api/officials/export?format=${format}`)).rawPayload;
      const res2 = await upload(admin, '/api/officials/import', `can-bo.${format}`, officialFile);
      expect(res2.statusCode, res2.body).toBe(200);
      expect(res2.json()).toEqual({ imported: before.officials, created: 0, updated: 0, errors: [] });

      // Only the two summary events: no row was rewritten.
      expect(await counts(ctx)).toEqual({ ...before, audit: before.audit + 2 });
      const again = (await download(admin, `/api/units/export?format=${format}`)).rawPayload;
      if (format === 'csv') expect(again.equals(unitFile)).toBe(true);
    });
  }

  it('applies an edited export: changed rows are updated, with one audit event each', async () => {
    const admin = await login(ctx, 'admin');
    const workbook = await readWorkbook((await download(admin, '/api/units/export?format=xlsx')).rawPayload);
    const sheet = workbook.worksheets[0]!;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'so-noi-vu--van-phong-so') row.getCell(4).value = 'VP Sở NV';
    });
    const file = Buffer.from((await workbook.xlsx.writeBuffer()) as unknown as ArrayBuffer);
    const before = await counts(ctx);
    const res = await upload(admin, '/api/units/import', 'don-vi.xlsx', file);
    expect(res.json()).toMatchObject({ created: 0, updated: 1, errors: [] });
    expect((await unitRow('so-noi-vu--van-phong-so'))!.abbr).toBe('VP Sở NV');
    expect((await counts(ctx)).audit).toBe(before.audit + 2);
    const timeline = await call(ctx, admin, 'GET', '/api/audit/unit/so-noi-vu--van-phong-so');
    expect(timeline.json().at(-1)).toMatchObject({ action: 'unit.updated' });
  });
});

describe('import validation', () => {
  it('reports exactly the 3 bad rows of 10, with their fields, and writes nothing', async () => {
    const admin = await login(ctx, 'admin');
    const rows: Cell[][] = Array.from({ length: 10 }, (_, i) => [
      `phong-thu-${i + 1}`,
      `PT${i + 1}`,
      `Phòng thử nghiệm ${i + 1}`,
      null,
      'Phòng/ban',
      'so-noi-vu',
      '01/07/2025',
      null,
      null,
      i,
    ]);
    rows[2]![4] = 'Tổ công tác'; // sheet row 4: unknown kind
    rows[5]![5] = 'so-khong-ton-tai'; // row 7: no such parent
    rows[9]![6] = '31/02/2025'; // row 11: no such date
    const before = await counts(ctx);
    const res = await upload(admin, '/api/units/import', 'x.xlsx', await xlsx(UNIT_HEADERS, rows));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('import_invalid');
    expect(body.report.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [4, 'kind'],
      [7, 'parent'],
      [11, 'validFrom'],
    ]);
    expect(body.report.errors[0].messageVi).toContain('Tổ công tác');
    expect(body.report.errors[1].messageVi).toContain('so-khong-ton-tai');
    expect(body.report.errors[2].messageEn).toContain('31/02/2025');
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual([
      '/rows/4/kind',
      '/rows/7/parent',
      '/rows/11/validFrom',
    ]);
    expect(await counts(ctx)).toEqual(before);
    expect(await unitRow('phong-thu-1')).toBeUndefined();
  });

  it('reports an unknown column by name and position', async () => {
    const admin = await login(ctx, 'admin');
    const file = await xlsx(
      ['Mã định danh', 'Tên đơn vị', 'Loại', 'Đơn vị cấp trên', 'Ghi chú'],
      [['phong-moi', 'Phòng mới', 'Phòng/ban', 'so-noi-vu', 'abc']],
    );
    const res = await upload(admin, '/api/units/import', 'x.xlsx', file);
    expect(res.statusCode).toBe(400);
    const [error, ...rest] = res.json().report.errors;
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ row: 1, field: 'Ghi chú' });
    expect(error.messageVi).toContain('Cột "Ghi chú" (cột E) không được hỗ trợ');
    expect(error.messageEn).toContain('Column "Ghi chú" (column E) is not supported');
    expect(await unitRow('phong-moi')).toBeUndefined();
  });

  it('detects loops in the parent chain, within the file and through stored units', async () => {
    const admin = await login(ctx, 'admin');
    const file = csv([
      ['Mã định danh', 'Tên đơn vị', 'Loại', 'Đơn vị cấp trên'],
      ['vong-a', 'Vòng A', 'Phòng/ban', 'vong-b'],
      ['vong-b', 'Vòng B', 'Phòng/ban', 'vong-a'],
      ['so-noi-vu', 'Sở Nội vụ', 'Sở, ban, ngành', 'so-noi-vu--van-phong-so'],
      ['ok-c', 'Hợp lệ C', 'Phòng/ban', 'so-noi-vu'],
    ]);
    const res = await upload(admin, '/api/units/import', 'vong.csv', file);
    expect(res.statusCode).toBe(400);
    const errors = res.json().report.errors;
    expect(errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'parent'],
      [3, 'parent'],
      [4, 'parent'],
    ]);
    expect(errors[0].messageVi).toContain('vòng lặp: vong-a → vong-b → vong-a');
    expect(errors[2].messageEn).toContain('so-noi-vu → so-noi-vu--van-phong-so → so-noi-vu');
  });

  it('requires names, kinds and parents of new units, unique codes and well-formed ids', async () => {
    const admin = await login(ctx, 'admin');
    const file = csv([
      ['Mã định danh', 'Mã đơn vị', 'Tên đơn vị', 'Loại', 'Đơn vị cấp trên', 'Hiệu lực từ', 'Hiệu lực đến'],
      ['Khong Hop Le', '', 'Tên', 'Phòng/ban', 'so-noi-vu', '', ''],
      ['thieu-ten', '', '', '', 'so-noi-vu', '', ''],
      ['trung-ma', '20', 'Trùng mã tỉnh', 'Phòng/ban', 'so-noi-vu', '', ''],
      ['khong-cap-tren', '', 'Không cấp trên', 'Phòng/ban', '', '', ''],
      ['ngay-nguoc', '', 'Ngày ngược', 'Phòng/ban', 'so-noi-vu', '2025-07-01', '01/01/2025'],
      ['trung-dong', 'TD1', 'Trùng dòng 1', 'Phòng/ban', 'so-noi-vu', '', ''],
      ['trung-dong', 'TD2', 'Trùng dòng 2', 'Phòng/ban', 'so-noi-vu', '', ''],
    ]);
    const res = await upload(admin, '/api/units/import', 'x.csv', file);
    expect(res.statusCode).toBe(400);
    expect(res.json().report.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'id'],
      [3, 'kind'],
      [3, 'name'],
      [4, 'code'],
      [5, 'parent'],
      [6, 'validTo'],
      [8, 'id'],
    ]);
  });

  it('refuses a tree nested too deep for the path index, rather than failing in the database', async () => {
    const admin = await login(ctx, 'admin');
    const id = (i: number) => `cap-${String(i).padStart(2, '0')}-${'x'.repeat(50)}`;
    const rows = [['Mã định danh', 'Tên đơn vị', 'Loại', 'Đơn vị cấp trên']];
    for (let i = 0; i < 45; i++) rows.push([id(i), `Cấp ${i}`, 'Phòng/ban', i ? id(i - 1) : 'so-noi-vu']);
    const res = await upload(admin, '/api/units/import', 'sau.csv', csv(rows));
    expect(res.statusCode).toBe(400);
    const errors = res.json().report.errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ field: 'parent', messageEn: expect.stringContaining('too deep') });
    expect(await unitRow(id(0))).toBeUndefined();
  });

  it('reports a file it cannot read on row 0', async () => {
    const admin = await login(ctx, 'admin');
    const legacy = await upload(
      admin,
      '/api/units/import',
      'cu.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]),
    );
    expect(legacy.statusCode).toBe(400);
    expect(legacy.json().report.errors).toEqual([
      expect.objectContaining({ row: 0, field: 'file', messageEn: expect.stringContaining('.xls') }),
    ]);
    const latin1 = Buffer.from('Tên đơn vị\nS\xf4 ', 'latin1');
    const res = await upload(admin, '/api/units/import', 'x.csv', latin1);
    expect(res.json().report.errors[0].messageVi).toContain('UTF-8');
    const none = await call(ctx, admin, 'POST', '/api/units/import', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('/file');
  });
});

describe('import', () => {
  it('reads CSV separated by semicolons with a BOM, NFD text, quoted separators and both date forms', async () => {
    const admin = await login(ctx, 'admin');
    const nfd = (s: string) => s.normalize('NFD');
    const file = csv(
      [
        ['Mã định danh', 'Tên đơn vị', 'Viết tắt', 'Loại', 'Đơn vị cấp trên', 'Hiệu lực từ', 'Hiệu lực đến'],
        [
          'phong-csv-1',
          nfd('  Phòng Tổng hợp; Hành chính  '),
          'TH;HC',
          'Phòng/ban',
          'so-noi-vu',
          '01/07/2025',
          '',
        ],
        [
          'phong-csv-2',
          nfd('Phòng Quản lý văn thư'),
          '',
          'Phòng/ban',
          'so-noi-vu',
          '2025-07-01',
          '31/12/2030',
        ],
      ],
      { delimiter: ';' },
    );
    const res = await upload(admin, '/api/units/import', 'csv-cham-phay.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2, created: 2, updated: 0, errors: [] });
    const one = (await call(ctx, admin, 'GET', '/api/units/phong-csv-1')).json();
    expect(one).toMatchObject({ name: 'Phòng Tổng hợp; Hành chính', abbr: 'TH;HC', validFrom: '2025-07-01' });
    expect(one.name).toBe(one.name.normalize('NFC'));
    expect((await call(ctx, admin, 'GET', '/api/units/phong-csv-2')).json().validTo).toBe('2030-12-31');
    expect((await unitRow('phong-csv-1'))!.path).toBe('/ubnd-tinh/so-noi-vu/phong-csv-1/');
  });

  it('accepts Vietnamese kind labels and English kinds and headers, ignoring case and diacritics', async () => {
    const admin = await login(ctx, 'admin');
    const file = await xlsx(
      ['ID', 'Name', 'KIND', 'parent id', 'Valid From'],
      [
        ['nhan-1', 'Sở Thử nghiệm', 'Sở, ban, ngành', 'ubnd-tinh', new Date(Date.UTC(2025, 6, 1))],
        ['nhan-2', 'Xã Thử nghiệm', 'xa, phuong', 'ubnd-tinh', null],
        ['nhan-3', 'Phòng Thử nghiệm', 'PHÒNG/BAN', 'nhan-1', null],
        ['nhan-4', 'Huyện Thử nghiệm', 'Cấp huyện', 'ubnd-tinh', null],
        ['nhan-5', 'Trường Thử nghiệm', 'public_service_unit', 'nhan-1', null],
        ['nhan-6', 'Trung tâm Thử nghiệm', 'Trung tâm Phục vụ hành chính công', 'vp-ubnd', null],
      ],
    );
    const res = await upload(admin, '/api/units/import', 'nhan.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    const kinds = await Promise.all([1, 2, 3, 4, 5, 6].map(async (i) => (await unitRow(`nhan-${i}`))!.kind));
    expect(kinds).toEqual([
      'department',
      'commune',
      'division',
      'district',
      'public_service_unit',
      'service_center',
    ]);
    expect((await unitRow('nhan-1'))!.validFrom).toBe('2025-07-01');
  });

  it('resolves parents and successors defined later in the file, by id or by code, and keeps paths right', async () => {
    const admin = await login(ctx, 'admin');
    const before = await counts(ctx);
    const file = await xlsx(UNIT_HEADERS, [
      // A child whose parent comes two rows later, referenced by the parent's code.
      ['cap-duoi', null, 'Phòng cấp dưới', null, 'Phòng/ban', 'KHOI-01', null, null, null, 1],
      // An existing unit (with its divisions) moved under a new unit, and given a successor below.
      ['thanh-tra-tinh', null, 'Thanh tra tỉnh', 'TTr', 'Sở, ban, ngành', 'khoi-moi', null, null, null, 2],
      ['khoi-moi', 'KHOI-01', 'Khối mới', null, 'Sở, ban, ngành', 'ubnd-tinh', null, null, null, 3],
      // No id: the id is made from the name.
      [
        null,
        'GT-01',
        'Phòng Giám sát Tổng hợp',
        null,
        'Phòng/ban',
        'khoi-moi',
        null,
        '31/12/2026',
        'cap-duoi',
        4,
      ],
    ]);
    const res = await upload(admin, '/api/units/import', 'cay.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 4, created: 3, updated: 1 });
    expect((await unitRow('cap-duoi'))!).toMatchObject({
      parentId: 'khoi-moi',
      path: '/ubnd-tinh/khoi-moi/cap-duoi/',
    });
    expect((await unitRow('thanh-tra-tinh'))!.path).toBe('/ubnd-tinh/khoi-moi/thanh-tra-tinh/');
    expect((await unitRow('thanh-tra-tinh--van-phong-thanh-tra-tinh'))!.path).toBe(
      '/ubnd-tinh/khoi-moi/thanh-tra-tinh/thanh-tra-tinh--van-phong-thanh-tra-tinh/',
    );
    expect((await unitRow('phong-giam-sat-tong-hop'))!).toMatchObject({
      code: 'GT-01',
      successorId: 'cap-duoi',
      validTo: '2026-12-31',
    });
    const after = await counts(ctx);
    expect(after.units).toBe(before.units + 3);
    expect(after.audit).toBe(before.audit + 5); // 3 created, 1 updated, 1 summary
    // The inspector's grant (on the province) still works: the grant paths follow the unit.
    const inspector = await login(ctx, 'thanhtra');
    expect((await call(ctx, inspector, 'GET', '/api/me')).statusCode).toBe(200);
  });

  it('moves codes between units in one file', async () => {
    const admin = await login(ctx, 'admin');
    const file = csv([
      ['Mã định danh', 'Mã đơn vị'],
      ['cap-duoi', 'KHOI-01'],
      ['khoi-moi', 'KHOI-02'],
    ]);
    const res = await upload(admin, '/api/units/import', 'doi-ma.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ updated: 2 });
    expect((await unitRow('cap-duoi'))!.code).toBe('KHOI-01');
    expect((await unitRow('khoi-moi'))!.code).toBe('KHOI-02');
    expect((await unitRow('khoi-moi'))!.name).toBe('Khối mới'); // absent columns are kept
  });

  it('guards CSV exports against formula injection and undoes the guard on re-import', async () => {
    const admin = await login(ctx, 'admin');
    const file = csv([
      ['Mã định danh', 'Tên đơn vị', 'Viết tắt', 'Loại', 'Đơn vị cấp trên'],
      ['cong-thuc', '=HYPERLINK("http://x";"Bấm")', '+TEST', 'Phòng/ban', 'so-noi-vu'],
    ]);
    expect((await upload(admin, '/api/units/import', 'x.csv', file)).statusCode).toBe(200);
    const exported = (await download(admin, '/api/units/export?format=csv')).rawPayload;
    expect(exported.toString('utf8')).toContain(`cong-thuc,,"'=HYPERLINK(""http://x"";""Bấm"")",'+TEST,`);
    const again = await upload(admin, '/api/units/import', 'x.csv', exported);
    expect(again.json()).toMatchObject({ created: 0, updated: 0 });
    expect((await unitRow('cong-thuc'))!.name).toBe('=HYPERLINK("http://x";"Bấm")');
  });

  it('checks everything but writes nothing on a dry run', async () => {
    const admin = await login(ctx, 'admin');
    const before = await counts(ctx);
    const file = csv([
      ['Mã định danh', 'Tên đơn vị', 'Loại', 'Đơn vị cấp trên'],
      ['thu-khong-ghi', 'Thử không ghi', 'Phòng/ban', 'so-noi-vu'],
    ]);
    const res = await upload(admin, '/api/units/import?dryRun=true', 'x.csv', file);
    expect(res.json()).toEqual({ imported: 1, created: 1, updated: 0, errors: [] });
    expect(await counts(ctx)).toEqual(before);
  });

  it('imports officials: upsert by code, unit by id or code, Có/Không, and per-row errors', async () => {
    const admin = await login(ctx, 'admin');
    const before = await counts(ctx);
    const bad = await xlsx(OFFICIAL_HEADERS, [
      [
        'NV-001',
        'Nguyễn Văn Thử',
        'Chuyên viên',
        'so-noi-vu',
        'thu@langson.gov.vn',
        '0912345678',
        'Có',
        null,
      ],
      ['NV-002', 'Trần Thị Lỗi', 'Chuyên viên', 'don-vi-ma', 'sai-email', null, 'Có lẽ', null],
      ['NV-001', 'Trùng Mã', null, 'so-noi-vu', null, null, null, null],
      [null, null, null, null, null, null, 'Không', null],
    ]);
    const res = await upload(admin, '/api/officials/import', 'can-bo.xlsx', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().report.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'active'],
      [3, 'email'],
      [3, 'unit'],
      [4, 'code'],
      [5, 'fullName'],
      [5, 'unit'],
    ]);
    expect(await counts(ctx)).toEqual(before);

    const commune = (await unitRow('xa-that-khe'))!;
    const good = await xlsx(OFFICIAL_HEADERS, [
      [
        'NV-001',
        'Nguyễn Văn Thử',
        'Chuyên viên',
        'so-noi-vu',
        'thu@langson.gov.vn',
        '0912345678',
        'Có',
        null,
      ],
      ['NV-003', 'Hoàng Thị Xã', 'Công chức', commune.code, null, null, 'Không', null],
    ]);
    const ok = await upload(admin, '/api/officials/import', 'can-bo.xlsx', good);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ imported: 2, created: 2, updated: 0, errors: [] });
    const [x] = await ctx.deps.db.select().from(officials).where(eq(officials.code, 'NV-003'));
    expect(x).toMatchObject({ unitId: 'xa-that-khe', active: false, fullName: 'Hoàng Thị Xã' });

    const update = csv([
      ['Mã cán bộ', 'Chức vụ', 'Đang công tác'],
      ['NV-003', 'Phó Chủ tịch', 'Có'],
    ]);
    const res3 = await upload(admin, '/api/officials/import', 'cap-nhat.csv', update);
    expect(res3.json()).toMatchObject({ created: 0, updated: 1 });
    const [y] = await ctx.deps.db.select().from(officials).where(eq(officials.code, 'NV-003'));
    expect(y).toMatchObject({ position: 'Phó Chủ tịch', active: true, fullName: 'Hoàng Thị Xã', version: 2 });
  });
});

describe('permissions', () => {
  it('lets an administrator of one department import only within it', async () => {
    const root = await login(ctx, 'admin');
    const created = await call(ctx, root, 'POST', '/api/users', {
      username: 'quantri.snv',
      displayName: 'Quản trị Sở Nội vụ',
      password: 'mat-khau-thu-nghiem',
    });
    expect(created.statusCode, created.body).toBe(201);
    const granted = await call(ctx, root, 'POST', `/api/users/${created.json().id}/grants`, {
      role: 'admin',
      unitId: 'so-noi-vu',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const snv = await login(ctx, 'quantri.snv', 'mat-khau-thu-nghiem');
    const before = await counts(ctx);

    const elsewhere = csv([
      ['Mã định danh', 'Tên đơn vị', 'Loại', 'Đơn vị cấp trên'],
      ['phong-cua-snv', 'Phòng của Sở Nội vụ', 'Phòng/ban', 'so-noi-vu'],
      ['phong-cua-syt', 'Phòng của Sở Y tế', 'Phòng/ban', 'so-y-te'],
      ['so-y-te', 'Sở Y tế (đổi tên)', 'Sở, ban, ngành', 'ubnd-tinh'],
      ['so-noi-vu--van-phong-so', 'Văn phòng Sở', 'Phòng/ban', 'so-y-te'],
    ]);
    const res = await upload(snv, '/api/units/import', 'x.csv', elsewhere);
    expect(res.statusCode).toBe(400);
    expect(res.json().report.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'parent'],
      [4, 'id'],
      [5, 'parent'],
    ]);
    expect(await counts(ctx)).toEqual(before);

    const inside = csv([
      ['Mã định danh', 'Tên đơn vị', 'Loại', 'Đơn vị cấp trên'],
      ['phong-cua-snv', 'Phòng của Sở Nội vụ', 'Phòng/ban', 'so-noi-vu'],
    ]);
    expect((await upload(snv, '/api/units/import', 'x.csv', inside)).statusCode).toBe(200);

    const official = csv([
      ['Mã cán bộ', 'Họ và tên', 'Đơn vị'],
      ['SNV-9', 'Cán bộ Sở Nội vụ', 'phong-cua-snv'],
      ['SYT-9', 'Cán bộ Sở Y tế', 'so-y-te'],
    ]);
    const res2 = await upload(snv, '/api/officials/import', 'x.csv', official);
    expect(res2.json().report.errors).toEqual([expect.objectContaining({ row: 3, field: 'unit' })]);

    // A department head may read but not write: the import is refused outright.
    const head = await login(ctx, 'giamdoc.snv');
    expect((await upload(head, '/api/units/import', 'x.csv', inside)).statusCode).toBe(403);
  });
});

describe('service functions for the CLI and the API description', () => {
  it('imports and exports without HTTP', async () => {
    const [user] = await ctx.deps.db.query.users.findMany({ where: (u, { eq }) => eq(u.username, 'admin') });
    const principal = (await loadPrincipal(ctx.deps.db, TENANT, user!.id))!;
    const actor = { principal, requestId: 'cli-test' };
    const exported = await exportUnits(ctx.deps, actor, 'csv');
    expect(exported.filename).toMatch(/^Danh sách đơn vị .*\.csv$/);
    const report = await importUnitsFromFile(ctx.deps, actor, exported.buffer, 'csv', {
      filename: exported.filename,
    });
    expect(report).toMatchObject({ imported: exported.rows, created: 0, updated: 0 });
    await expect(importUnitsFromFile(ctx.deps, actor, exported.buffer, 'xlsx')).rejects.toBeInstanceOf(
      ImportInvalid,
    );
    const officialsFile = await exportOfficials(ctx.deps, actor, 'xlsx', {
      unitId: 'so-noi-vu',
      subtree: true,
    });
    expect(officialsFile.rows).toBeGreaterThan(0);
  });

  it('describes the routes in OpenAPI, with multipart uploads and binary downloads', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const imp = doc.paths['/api/units/import'].post;
    expect(Object.keys(imp.requestBody.content)).toEqual(['multipart/form-data']);
    expect(imp.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(imp.parameters.map((p: { name: string }) => p.name)).toContain('dryRun');
    expect(imp.responses['200'].content['application/json'].schema.properties).toHaveProperty('errors');
    const exp = doc.paths['/api/officials/export'].get;
    expect(exp.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['format', 'unitId', 'subtree']),
    );
    expect(Object.keys(exp.responses['200'].content)).toEqual(
      expect.arrayContaining([
        'text/csv',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]),
    );
    expect(doc.paths['/api/officials/import']).toBeDefined();
    expect(doc.paths['/api/units/export']).toBeDefined();
  });
});

describe('spreadsheet reading and writing', () => {
  it('parses RFC 4180 CSV: quoted separators, doubled quotes, line breaks in fields, any line ending', () => {
    expect(parseCsv('a,"b,1","c ""x"""\r\n"d\ne",f\rg,h\n')).toEqual([
      ['a', 'b,1', 'c "x"'],
      ['d\ne', 'f'],
      ['g', 'h'],
    ]);
    expect(parseCsv('"Tên; đơn vị";Loại\nA;B')).toEqual([
      ['Tên; đơn vị', 'Loại'],
      ['A', 'B'],
    ]);
  });

  it('reads UTF-16 tab-separated text (Excel "Unicode text")', async () => {
    const text = 'Tên đơn vị\tLoại\r\nPhòng Một\tPhòng/ban\r\n';
    const sheet = await readSheet(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'csv',
    );
    expect(sheet.headers).toEqual(['Tên đơn vị', 'Loại']);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['Phòng Một', 'Phòng/ban'] }]);
  });

  it('reads rich text, hyperlinks and formula results from .xlsx cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('A');
    sheet.addRow(['Họ và tên', 'Email', 'Chức vụ']);
    sheet.addRow([
      { richText: [{ text: 'Nguyễn ' }, { font: { bold: true }, text: 'Văn A' }] },
      { text: 'a@langson.gov.vn', hyperlink: 'mailto:a@langson.gov.vn' },
      { formula: '"Chuyên"&" viên"', result: 'Chuyên viên' },
    ]);
    const buffer = Buffer.from((await workbook.xlsx.writeBuffer()) as unknown as ArrayBuffer);
    expect((await readSheet(buffer, 'xlsx')).rows[0]!.cells).toEqual([
      'Nguyễn Văn A',
      'a@langson.gov.vn',
      'Chuyên viên',
    ]);
  });

  it('refuses an .xlsx whose declared content is implausibly large (a zip bomb)', async () => {
    const buffer = await xlsx(['Tên đơn vị'], [['A']]);
    const central = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    buffer.writeUInt32LE(0x7fffffff, central + 24);
    await expect(readSheet(buffer, 'xlsx')).rejects.toBeInstanceOf(UnreadableFile);
  });

  it('reads dates as dd/mm/yyyy, yyyy-mm-dd, Excel dates and serials; rejects impossible ones', () => {
    const value = (cell: string | number | Date) => {
      const r = readDate(cell);
      return r.ok ? r.value : 'error';
    };
    expect(value('1/7/2025')).toBe('2025-07-01');
    expect(value('01.07.2025')).toBe('2025-07-01');
    expect(value('01-07-2025')).toBe('2025-07-01');
    expect(value('2025-7-1')).toBe('2025-07-01');
    expect(value(new Date(Date.UTC(2025, 6, 1)))).toBe('2025-07-01');
    expect(value(45839)).toBe('2025-07-01');
    expect(value('29/02/2025')).toBe('error');
    expect(value('07/2025')).toBe('error');
    expect(value('hôm nay')).toBe('error');
  });

  it('reads Có/Không in any case, with or without diacritics', () => {
    const value = (cell: string | boolean) => {
      const r = readBoolean(cell);
      return r.ok ? r.value : 'error';
    };
    expect(['Có', 'co', 'CÓ', 'x', 'yes', true].map(value)).toEqual([true, true, true, true, true, true]);
    expect(['Không', 'KHONG', 'no', '0', false].map(value)).toEqual([false, false, false, false, false]);
    expect(value('Có lẽ')).toBe('error');
  });

  it('matches headers without case or diacritics and reports repeated columns and unheaded data', () => {
    const { index, errors } = mapHeaders(['HIEU LUC TU', 'valid_to', 'Tên đơn vị', 'name'], 1, UNIT_COLUMNS);
    expect([...index.entries()]).toEqual([
      ['validFrom', 0],
      ['validTo', 1],
      ['name', 2],
    ]);
    expect(errors).toEqual([expect.objectContaining({ row: 1, field: 'name' })]);
    expect(unheadedCells(['A', ''], 5, ['x', 'lost'])).toEqual([
      expect.objectContaining({ row: 5, field: 'column B' }),
    ]);
  });
});

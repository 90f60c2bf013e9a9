import { localDateTime } from '@dieuhanh/core/calendar/index';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session, useApp } from './helper.ts';

const ctx = useApp();
const at = (date: string, time = '08:00') => new Date(localDateTime(date, time));
let chutich: Session;
let vanphong: Session;

beforeAll(async () => {
  ctx.setNow(at('2026-03-02'));
  chutich = await login(ctx, 'chutich');
  vanphong = await login(ctx, 'vanphong');
  const res = await call(ctx, chutich, 'POST', '/api/tasks', {
    items: [
      {
        title: 'Rà soát thủ tục hành chính nội bộ',
        leadUnitId: 'so-noi-vu',
        deadline: { date: '2026-04-30' },
      },
      {
        title: 'Báo cáo tình hình giải ngân vốn đầu tư công',
        leadUnitId: 'so-tai-chinh',
        deadline: { date: '2026-03-20' },
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
});

async function rowsOf(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as never);
  const sheet = book.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('task exports', () => {
  it('exports the list the caller sees as .xlsx, with Vietnamese headers and the tasks', async () => {
    const res = await call(ctx, vanphong, 'GET', '/api/tasks/export?scope=all');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await rowsOf(res.rawPayload);
    const header = rows.find((r) => r.includes('Nhiệm vụ'));
    expect(header).toEqual(expect.arrayContaining(['Đơn vị chủ trì', 'Hạn xử lý', 'Tình trạng']));
    const text = rows.map((r) => r.join(' | ')).join('\n');
    expect(text).toContain('Rà soát thủ tục hành chính nội bộ');
    expect(text).toContain('Sở Tài chính');
  });

  it('scopes the export by grants: the head of Sở Nội vụ does not get Sở Tài chính’s task', async () => {
    const head = await login(ctx, 'giamdoc.snv');
    const res = await call(ctx, head, 'GET', '/api/tasks/export?scope=all&format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body).toContain('Rà soát thủ tục hành chính nội bộ');
    expect(res.body).not.toContain('giải ngân');
  });

  it('refuses a bad format with the field named', async () => {
    const res = await call(ctx, vanphong, 'GET', '/api/tasks/export?format=pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('/querystring/format');
  });

  it('writes the periodic report as an administrative .docx with the figures per unit', async () => {
    const res = await call(ctx, vanphong, 'GET', '/api/tasks/board/report?from=2026-03&to=2026-03');
    expect(res.statusCode, res.body).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: res.rawPayload });
    expect(value).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(value).toContain('BÁO CÁO');
    expect(value).toContain('tháng 03/2026');
    expect(value).toContain('được giao 2 nhiệm vụ');
    expect(value).toContain('Sở Nội vụ');
    expect(value).toContain('Sở Tài chính');
    expect(value).toContain('Nông Thị Thu');
  });

  it('keeps the report from those without statistics rights', async () => {
    const officer = await login(ctx, 'chuyenvien.snv');
    expect((await call(ctx, officer, 'GET', '/api/tasks/board/report')).statusCode).toBe(403);
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  type ExportColumn,
  type ListExport,
  writeCsv,
  writeList,
  writeXlsx,
} from '../src/platform/exports/index.ts';

interface TaskRow {
  code: string;
  title: string;
  lead: string;
  dueAt: string | null;
  completedAt: Date | null;
  days: number | null;
  onTimeRate: number | null;
}

const COLUMNS: ExportColumn<TaskRow>[] = [
  { key: 'code', headerVi: 'Mã nhiệm vụ', headerEn: 'Task code', type: 'text' },
  { key: 'title', headerVi: 'Nội dung nhiệm vụ', headerEn: 'Task', type: 'text', width: 50 },
  { key: 'lead', headerVi: 'Đơn vị chủ trì', headerEn: 'Lead unit', type: 'text' },
  { key: 'dueAt', headerVi: 'Hạn xử lý', headerEn: 'Due', type: 'date' },
  { key: 'completedAt', headerVi: 'Hoàn thành lúc', headerEn: 'Completed at', type: 'datetime' },
  { key: 'days', headerVi: 'Số ngày quá hạn', headerEn: 'Days late', type: 'number' },
  { key: 'onTimeRate', headerVi: 'Tỷ lệ đúng hạn', headerEn: 'On time', type: 'percent' },
];

const ROWS: TaskRow[] = [
  {
    code: '0012',
    // Decomposed (NFD) on purpose, as text pasted from some sources arrives.
    title: 'Rà soát, báo cáo tình hình thực hiện nhiệm vụ quý I'.normalize('NFD'),
    lead: 'Sở Nội vụ',
    dueAt: '2024-04-05',
    // 2024-04-04 23:30 in Vietnam: still the 4th there, already the 4th 16:30 in UTC.
    completedAt: new Date('2024-04-04T16:30:00Z'),
    days: 0,
    onTimeRate: 0.9302,
  },
  {
    code: '0013',
    title: 'Đôn đốc "giải ngân" vốn đầu tư công; báo cáo, kiến nghị',
    lead: 'UBND huyện Cao Lộc',
    dueAt: '2024-01-31',
    // 18:00 UTC is 01:00 the next day in Vietnam.
    completedAt: new Date('2024-02-01T18:00:00Z'),
    days: 2,
    onTimeRate: 0.5,
  },
  {
    code: '=1+1',
    title: 'Nhiệm vụ\nhai dòng',
    lead: '',
    dueAt: null,
    completedAt: null,
    days: null,
    onTimeRate: null,
  },
];

const SPEC: ListExport<TaskRow> = {
  sheetName: 'Nhiệm vụ',
  title: 'DANH SÁCH NHIỆM VỤ QUÁ HẠN',
  subtitle: 'Tính đến ngày 15/04/2024',
  columns: COLUMNS,
  rows: ROWS,
  locale: 'vi',
};

async function open(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook.worksheets[0]!;
}

describe('writeXlsx', () => {
  it('writes the title rows, then a bold, frozen, filtered header row', async () => {
    const sheet = await open(await writeXlsx(SPEC));
    expect(sheet.name).toBe('Nhiệm vụ');
    expect(sheet.getCell('A1').value).toBe('DANH SÁCH NHIỆM VỤ QUÁ HẠN');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect(sheet.getCell('A2').value).toBe('Tính đến ngày 15/04/2024');
    expect(sheet.getCell('A3').value).toBeNull();

    const header = sheet.getRow(4);
    expect(COLUMNS.map((_, i) => header.getCell(i + 1).value)).toEqual([
      'Mã nhiệm vụ',
      'Nội dung nhiệm vụ',
      'Đơn vị chủ trì',
      'Hạn xử lý',
      'Hoàn thành lúc',
      'Số ngày quá hạn',
      'Tỷ lệ đúng hạn',
    ]);
    expect(header.getCell(1).font).toMatchObject({ bold: true, name: 'Times New Roman' });
    expect(sheet.getCell('B5').font).toMatchObject({ name: 'Times New Roman', size: 12 });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.autoFilter).toBe('A4:G7');
    expect(sheet.pageSetup.printTitlesRow).toBe('4:4');
  });

  it('writes dates as Excel dates shown dd/mm/yyyy, on the Vietnamese calendar', async () => {
    const sheet = await open(await writeXlsx(SPEC));
    const due = sheet.getCell('D5');
    expect(due.type).toBe(ExcelJS.ValueType.Date);
    expect(due.value).toEqual(new Date(Date.UTC(2024, 3, 5)));
    expect(due.numFmt).toBe('dd/mm/yyyy');

    const done = sheet.getCell('E5');
    expect(done.type).toBe(ExcelJS.ValueType.Date);
    expect(done.numFmt).toBe('dd/mm/yyyy hh:mm');
    // 16:30 UTC is 23:30 in Vietnam, the same day.
    expect(done.value).toEqual(new Date(Date.UTC(2024, 3, 4, 23, 30)));
    // 18:00 UTC on the 1st is 01:00 on 2 February in Vietnam.
    expect(sheet.getCell('E6').value).toEqual(new Date(Date.UTC(2024, 1, 2, 1, 0)));
  });

  it('keeps Vietnamese text whole and in NFC, codes as text, numbers and percentages as numbers', async () => {
    const sheet = await open(await writeXlsx(SPEC));
    const title = sheet.getCell('B5').value as string;
    expect(title).toBe('Rà soát, báo cáo tình hình thực hiện nhiệm vụ quý I');
    expect(title.normalize('NFC')).toBe(title);
    expect(title).not.toBe(ROWS[0]!.title); // the input was NFD
    expect(sheet.getCell('C6').value).toBe('UBND huyện Cao Lộc');
    expect(sheet.getCell('A5').value).toBe('0012');
    expect(sheet.getCell('A5').numFmt).toBe('@');
    // A string that looks like a formula stays a string, never a formula.
    expect(sheet.getCell('A7').value).toBe('=1+1');
    expect(sheet.getCell('A7').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('B7').value).toBe('Nhiệm vụ\nhai dòng');
    expect(sheet.getCell('F6').value).toBe(2);
    expect(sheet.getCell('F6').numFmt).toBe('#,##0');
    expect(sheet.getCell('G5').value).toBe(0.9302);
    expect(sheet.getCell('G5').numFmt).toBe('0.0%');
    // Blanks are empty cells, not "null" or 0.
    expect(sheet.getCell('C7').value).toBeNull();
    expect(sheet.getCell('D7').value).toBeNull();
    expect(sheet.getCell('F7').value).toBeNull();
  });

  it('sizes columns from their content unless a width is given', async () => {
    const sheet = await open(await writeXlsx(SPEC));
    expect(sheet.getColumn(2).width).toBe(50);
    expect(sheet.getColumn(4).width).toBeGreaterThanOrEqual(10); // dd/mm/yyyy fits
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual('UBND huyện Cao Lộc'.length);
    for (let c = 1; c <= COLUMNS.length; c++) expect(sheet.getColumn(c).width).toBeLessThanOrEqual(60);
  });

  it('uses English headers for locale en and puts the header first without a title', async () => {
    const sheet = await open(
      await writeXlsx({ ...SPEC, title: undefined, subtitle: undefined, locale: 'en' }),
    );
    expect(sheet.getRow(1).getCell(1).value).toBe('Task code');
    expect(sheet.getRow(1).getCell(7).value).toBe('On time');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('D2').value).toEqual(new Date(Date.UTC(2024, 3, 5)));
  });

  it('makes any sheet name acceptable to Excel', async () => {
    const sheet = await open(
      await writeXlsx({ ...SPEC, sheetName: 'Nhiệm vụ [quý I/2024]: tổng hợp toàn tỉnh Lạng Sơn' }),
    );
    expect(sheet.name.length).toBeLessThanOrEqual(31);
    expect(sheet.name).not.toMatch(/[[\]:*?/\\]/);
  });

  it('writes an empty list as a header row alone', async () => {
    const sheet = await open(await writeXlsx({ ...SPEC, rows: [] }));
    expect(sheet.getRow(4).getCell(1).value).toBe('Mã nhiệm vụ');
    expect(sheet.getRow(5).getCell(1).value).toBeNull();
  });

  it('computed columns read what their function returns', async () => {
    const sheet = await open(
      await writeXlsx({
        sheetName: 'Tính',
        columns: [
          { key: 'code', headerVi: 'Mã', type: 'text' },
          { key: 'late', headerVi: 'Quá hạn', type: 'text', value: (r: TaskRow) => (r.days ?? 0) > 0 },
        ],
        rows: ROWS,
        locale: 'vi',
      }),
    );
    expect(sheet.getCell('B2').value).toBe('Không');
    expect(sheet.getCell('B3').value).toBe('Có');
  });

  it('writes every row of a long list, past the rows sampled for widths', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({ ...ROWS[0]!, code: String(i + 1), days: i }));
    const sheet = await open(await writeXlsx({ ...SPEC, rows: many }));
    expect(sheet.getCell('A2504').value).toBe('2500');
    expect(sheet.getCell('F2504').value).toBe(2499);
    expect(sheet.getCell('D2504').value).toEqual(new Date(Date.UTC(2024, 3, 5)));
    expect(sheet.getCell('D2504').numFmt).toBe('dd/mm/yyyy');
    expect(sheet.autoFilter).toBe('A4:G2504');
  });

  it('refuses values of the wrong kind, naming the column', async () => {
    const bad = { ...SPEC, rows: [{ ...ROWS[0]!, dueAt: '15/04/2024' }] };
    await expect(writeXlsx(bad)).rejects.toThrow(/Column "dueAt"/);
    const worse = { ...SPEC, rows: [{ ...ROWS[0]!, days: Number.NaN }] };
    await expect(writeXlsx(worse)).rejects.toThrow(/Column "days"/);
  });
});

describe('writeCsv', () => {
  const text = (buffer: Buffer) => buffer.subarray(3).toString('utf8');

  it('starts with the UTF-8 byte order mark and ends lines with CRLF', () => {
    const buffer = writeCsv(SPEC);
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text(buffer).split('\r\n');
    expect(lines[0]).toBe(
      'Mã nhiệm vụ,Nội dung nhiệm vụ,Đơn vị chủ trì,Hạn xử lý,Hoàn thành lúc,Số ngày quá hạn,Tỷ lệ đúng hạn',
    );
    expect(lines.at(-1)).toBe('');
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180), and nothing else', () => {
    const lines = text(writeCsv(SPEC));
    expect(lines).toContain(
      '0012,"Rà soát, báo cáo tình hình thực hiện nhiệm vụ quý I",Sở Nội vụ,05/04/2024,04/04/2024 23:30,0,0.9302\r\n',
    );
    expect(lines).toContain(
      '0013,"Đôn đốc ""giải ngân"" vốn đầu tư công; báo cáo, kiến nghị",UBND huyện Cao Lộc,31/01/2024,02/02/2024 01:00,2,0.5\r\n',
    );
    // A line break inside a field stays inside its quotes; a formula-like text is defused.
    expect(lines).toContain(`'=1+1,"Nhiệm vụ\nhai dòng",,,,,\r\n`);
  });

  it('is in NFC and leaves out the title rows', () => {
    const body = text(writeCsv(SPEC));
    expect(body.normalize('NFC')).toBe(body);
    expect(body).not.toContain('DANH SÁCH');
  });

  it('takes another delimiter and quotes by it', () => {
    const lines = text(writeCsv(SPEC, { delimiter: ';' })).split('\r\n');
    expect(lines[1]).toBe(
      '0012;Rà soát, báo cáo tình hình thực hiện nhiệm vụ quý I;Sở Nội vụ;05/04/2024;04/04/2024 23:30;0;0.9302',
    );
    expect(lines[2]!.startsWith('0013;"Đôn đốc ""giải ngân"" vốn đầu tư công; báo cáo, kiến nghị";')).toBe(
      true,
    );
  });
});

describe('writeList', () => {
  it('gives the bytes with their content type and extension', async () => {
    const xlsx = await writeList('xlsx', SPEC);
    expect(xlsx.extension).toBe('xlsx');
    expect(xlsx.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect([...xlsx.buffer.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip
    const csv = await writeList('csv', SPEC);
    expect(csv.mime).toBe('text/csv; charset=utf-8');
    expect(csv.buffer.equals(writeCsv(SPEC))).toBe(true);
  });
});

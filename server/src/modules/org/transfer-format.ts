/**
 * Reading spreadsheets for the import of units and officials: .xlsx or CSV bytes → a header row
 * and rows of cells. Knows nothing about units (see transfer-columns.ts). Writing goes through
 * the platform's list exports, whose CSV formula guard `readCsv` undoes.
 */
import ExcelJS from 'exceljs';

export type SheetFormat = 'xlsx' | 'csv';

/** A cell as read: CSV gives strings; Excel also numbers, booleans and dates. */
export type CellInput = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number the user sees (Excel row, or CSV record counting the header as 1). */
  row: number;
  cells: CellInput[];
}

export interface Sheet {
  headers: string[];
  /** The row number of the header row. */
  headerRow: number;
  rows: SheetRow[];
}

/** The file as a whole cannot be read; reported as one error on row 0. */
export class UnreadableFile extends Error {
  constructor(
    readonly messageVi: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
  }
}

/** Enough for a province's whole staff list; more is almost certainly a wrong file. */
export const MAX_ROWS = 50_000;
/** Declared uncompressed size of an .xlsx; bounds the memory a small upload can claim. */
const MAX_XLSX_UNCOMPRESSED = 150 * 1024 * 1024;

const startsWith = (buffer: Uint8Array, bytes: number[]) => bytes.every((b, i) => buffer[i] === b);

/** By content first (an .xlsx is a zip), then by the file name. */
export function detectFormat(buffer: Uint8Array, filename?: string): SheetFormat {
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0]) || /\.xls$/i.test(filename ?? '')) {
    throw new UnreadableFile(
      'Định dạng Excel 97-2003 (.xls) không được hỗ trợ; hãy lưu lại thành .xlsx.',
      'The Excel 97-2003 format (.xls) is not supported; save the file as .xlsx.',
    );
  }
  if (/\.xlsx$/i.test(filename ?? '')) {
    throw new UnreadableFile('Tệp .xlsx bị hỏng hoặc không đúng định dạng.', 'The .xlsx file is damaged.');
  }
  return 'csv';
}

export async function readSheet(buffer: Uint8Array, format: SheetFormat): Promise<Sheet> {
  const table = format === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer);
  const first = table.findIndex((r) => r.cells.some((c) => !isBlank(c)));
  if (first < 0) throw new UnreadableFile('Tệp không có dữ liệu.', 'The file is empty.');
  const header = table[first]!;
  const rows = table.slice(first + 1).filter((r) => r.cells.some((c) => !isBlank(c)));
  if (rows.length > MAX_ROWS) {
    throw new UnreadableFile(
      `Tệp có quá nhiều dòng (tối đa ${MAX_ROWS}).`,
      `The file has too many rows (at most ${MAX_ROWS}).`,
    );
  }
  const headers = header.cells.map((c) => (isBlank(c) ? '' : String(c).normalize('NFC').trim()));
  while (headers.length && headers.at(-1) === '') headers.pop();
  return { headers, headerRow: header.row, rows };
}

export function isBlank(cell: CellInput | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * UTF-8 with or without BOM (Excel's "CSV UTF-8"), or UTF-16 with BOM (Excel's "Unicode text").
 * Anything else is refused rather than guessed: a legacy code page would garble Vietnamese.
 */
export function decodeText(buffer: Uint8Array): string {
  if (startsWith(buffer, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (startsWith(buffer, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  const body = startsWith(buffer, [0xef, 0xbb, 0xbf]) ? buffer.subarray(3) : buffer;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new UnreadableFile(
      'Tệp CSV không ở mã UTF-8. Trong Excel hãy chọn "Lưu thành" → "CSV UTF-8".',
      'The CSV file is not UTF-8. In Excel use "Save as" → "CSV UTF-8".',
    );
  }
}

/** The separator used most often, outside quotes, in the first record: comma, semicolon or tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > counts.get(best)!) best = ch;
  return best;
}

/** RFC 4180: quoted fields may hold separators, doubled quotes and line breaks. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Characters that make a spreadsheet treat a text cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function readCsv(buffer: Uint8Array): SheetRow[] {
  return parseCsv(decodeText(buffer)).map((cells, i) => ({
    row: i + 1,
    // Undo the quote the export puts before formula-like text (platform/exports/csv.ts).
    cells: cells.map((c) => (c.startsWith("'") && FORMULA_START.test(c.slice(1)) ? c.slice(1) : c)),
  }));
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** Sums the uncompressed sizes the zip's central directory declares, without inflating anything. */
function declaredZipSize(buffer: Uint8Array): number {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const min = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return Number.POSITIVE_INFINITY;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buffer.length || view.getUint32(at, true) !== 0x02014b50) return Number.POSITIVE_INFINITY;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // zip64: far beyond any sane sheet
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

function excelCell(value: ExcelJS.CellValue): CellInput {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return typeof text === 'string' ? text : excelCell(text as ExcelJS.CellValue);
  }
  if ('error' in value) return String(value.error);
  if ('result' in value) return excelCell((value.result ?? null) as ExcelJS.CellValue);
  return null;
}

async function readXlsx(buffer: Uint8Array): Promise<SheetRow[]> {
  if (declaredZipSize(buffer) > MAX_XLSX_UNCOMPRESSED) {
    throw new UnreadableFile('Tệp .xlsx quá lớn hoặc bị hỏng.', 'The .xlsx file is too large or damaged.');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new UnreadableFile('Tệp .xlsx bị hỏng hoặc không đúng định dạng.', 'The .xlsx file is damaged.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFile('Tệp không có trang tính nào.', 'The workbook has no worksheet.');
  const rows: SheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based: index 0 is empty
    rows.push({ row: rowNumber, cells: values.slice(1).map((v) => excelCell(v)) });
  });
  return rows;
}

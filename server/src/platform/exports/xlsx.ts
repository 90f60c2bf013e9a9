/**
 * Lists as .xlsx: optional title rows, then a bold, frozen, filterable header row and the data.
 * Dates are real Excel dates (so they sort and filter) shown as dd/mm/yyyy in Vietnam time;
 * text stays text, so codes keep their leading zeros.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellValueOf, type ExportColumn, headerOf, type ListExport } from './list.ts';
import { type Cell, cleanText, toCell } from './values.ts';

/** The administration's typeface, as in its documents; Excel's default would be Calibri. */
const FONT = { name: 'Times New Roman', size: 12 } as const;

const FORMATS = { date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm', text: '@' } as const;

function numberFormat(type: 'number' | 'percent', decimals: number): string {
  const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  return type === 'percent' ? `0${fraction}%` : `#,##0${fraction}`;
}

/** Excel refuses sheet names longer than 31 characters or holding []:*?/\. */
export function safeSheetName(name: string): string {
  const cleaned = cleanText(name)
    .replace(/[[\]:*?/\\]/g, '-')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31)
    .trim();
  return cleaned || 'Sheet1';
}

/** The text a cell shows, to size columns whose width is not given. */
function shownLength(cell: Cell, column: Pick<ExportColumn<never>, 'type' | 'decimals'>): number {
  if (cell === null) return 0;
  if (cell.kind === 'text') return Math.max(...cell.text.split('\n').map((l) => l.length));
  if (cell.kind === 'date') return column.type === 'datetime' ? 16 : 10;
  return cell.value.toLocaleString('en-US', { maximumFractionDigits: column.decimals ?? 2 }).length + 1;
}

/** Widths are sampled on the first rows: enough to size a column, cheap on 50 000 rows. */
const SAMPLED_ROWS = 2000;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Headers wrap, so a long header does not widen its column past this. */
const MAX_HEADER_WIDTH = 24;

/** The style of a data cell that does not depend on its value: set once per column. */
function columnStyle(column: ExportColumn<never>): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = { font: { ...FONT } };
  if (column.type === 'text' || column.type === 'date' || column.type === 'datetime') {
    style.numFmt = FORMATS[column.type];
  } else if (column.decimals !== undefined) {
    style.numFmt = numberFormat(column.type, column.decimals);
  } else if (column.type === 'percent') {
    style.numFmt = numberFormat('percent', 1);
  }
  return style;
}

/**
 * Writes through exceljs's streaming writer, row by row: a 50 000-row list takes a fraction of
 * the time and memory of the in-memory workbook.
 */
export async function writeXlsx<R extends object>(spec: ListExport<R>): Promise<Buffer> {
  const { columns, rows, locale } = spec;
  if (columns.length === 0) throw new TypeError('An exported list needs at least one column.');
  const cellsOf = (row: R) =>
    columns.map((column) => toCell(cellValueOf(column, row), column.type, column.key, locale));

  const titleRows = (spec.title ? 1 : 0) + (spec.subtitle ? 1 : 0);
  const headerRow = titleRows ? titleRows + 2 : 1; // a blank row between the titles and the table
  const lastRow = headerRow + rows.length;

  const sampled = rows.slice(0, SAMPLED_ROWS).map(cellsOf);
  const widths = columns.map((column, c) => {
    if (column.width) return column.width;
    let longest = Math.min(headerOf(column, locale).length, MAX_HEADER_WIDTH);
    for (const row of sampled) longest = Math.max(longest, shownLength(row[c]!, column));
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'Điều hành';
  const sheet = workbook.addWorksheet(safeSheetName(spec.sheetName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: totalWidth > 110 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  const styles = columns.map((column) => columnStyle(column as ExportColumn<never>));
  sheet.columns = columns.map((_, c) => ({ width: widths[c]!, style: styles[c]! }));

  const titleLine = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    const cell = sheet.getCell(row, 1);
    cell.value = cleanText(text);
    cell.font = { ...FONT, ...font };
    cell.numFmt = 'General';
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (columns.length > 1) sheet.mergeCells(row, 1, row, columns.length);
  };
  if (spec.title) titleLine(1, spec.title, { bold: true, size: 14 });
  if (spec.subtitle) titleLine(spec.title ? 2 : 1, spec.subtitle, { italic: true, size: 12 });
  if (spec.title) sheet.getRow(1).height = 22;

  const header = sheet.getRow(headerRow);
  columns.forEach((column, c) => {
    const cell = header.getCell(c + 1);
    cell.value = headerOf(column, locale);
    cell.font = { ...FONT, bold: true };
    cell.numFmt = 'General';
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
    cell.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
  for (let r = 1; r <= headerRow; r++) sheet.getRow(r).commit();

  rows.forEach((source, r) => {
    const rowCells = r < sampled.length ? sampled[r]! : cellsOf(source);
    const row = sheet.getRow(headerRow + 1 + r);
    rowCells.forEach((cell, c) => {
      if (cell === null) return;
      const column = columns[c]!;
      const target = row.getCell(c + 1);
      if (cell.kind === 'text') {
        target.value = cell.text;
        if (cell.text.includes('\n')) target.alignment = { wrapText: true };
      } else if (cell.kind === 'date') {
        target.value = cell.wall;
      } else {
        target.value = cell.value;
        // Without fixed decimals, a whole number shows none and a fraction shows two.
        if (column.type === 'number' && column.decimals === undefined) {
          target.numFmt = numberFormat('number', Number.isInteger(cell.value) ? 0 : 2);
        }
      }
    });
    row.commit();
  });

  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: Math.max(lastRow, headerRow), column: columns.length },
  };
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

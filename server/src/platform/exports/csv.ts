/**
 * CSV for the machines and for Excel users who prefer it: UTF-8 with a byte order mark (without
 * it Excel reads Vietnamese as a legacy code page), RFC 4180 quoting and CRLF line ends.
 */
import { cellValueOf, headerOf, type ListExport } from './list.ts';
import { formatWall, toCell } from './values.ts';

export interface CsvOptions {
  /** Comma by default; a semicolon suits Excel set up with a decimal comma. */
  delimiter?: ',' | ';' | '\t';
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Text that a spreadsheet would run as a formula (CSV injection); such text gets a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180: a field holding the delimiter, a quote or a line break is quoted, quotes doubled. */
export function csvField(value: string, delimiter = ','): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The rows as CSV. Dates are dd/mm/yyyy (dd/mm/yyyy HH:mm for date-times) in Vietnam time,
 * numbers use a decimal point, percentages are written as ratios like in the .xlsx cells. The
 * title and subtitle are left out: a CSV has one header line and data.
 */
export function writeCsv<R extends object>(spec: ListExport<R>, options: CsvOptions = {}): Buffer {
  const delimiter = options.delimiter ?? ',';
  const line = (fields: string[]) => fields.map((f) => csvField(f, delimiter)).join(delimiter);
  const lines = [line(spec.columns.map((c) => headerOf(c, spec.locale)))];
  for (const row of spec.rows) {
    const fields = spec.columns.map((column) => {
      const cell = toCell(cellValueOf(column, row), column.type, column.key, spec.locale);
      if (cell === null) return '';
      if (cell.kind === 'number') return String(cell.value);
      if (cell.kind === 'date')
        return formatWall(cell.wall, column.type === 'datetime' ? 'datetime' : 'date');
      return FORMULA_START.test(cell.text) ? `'${cell.text}` : cell.text;
    });
    lines.push(line(fields));
  }
  return Buffer.concat([BOM, Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

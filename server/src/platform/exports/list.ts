/**
 * The description of an exported list (a table of rows), shared by the .xlsx and CSV writers so
 * that a module describes its columns once and offers both formats.
 */
import type { ColumnType, ExportLocale, ExportValue } from './values.ts';

interface ColumnBase {
  headerVi: string;
  /** Used when `locale` is `en`; the Vietnamese header otherwise. */
  headerEn?: string;
  /** Width in characters in Excel; measured from the header and the values when omitted. */
  width?: number;
  type: ColumnType;
  /** Decimal places for `number` and `percent` (default: 0 for whole numbers, else 2; percent 1). */
  decimals?: number;
}

/**
 * A column reads `row[key]`, or what `value(row)` returns for a computed column (then `key` only
 * names the column).
 */
export type ExportColumn<R extends object = Record<string, ExportValue>> = ColumnBase &
  ({ key: keyof R & string; value?: undefined } | { key: string; value: (row: R) => ExportValue });

export interface ListExport<R extends object = Record<string, ExportValue>> {
  /** The worksheet's name (cut to Excel's 31 characters, without []:*?/\). */
  sheetName: string;
  /** Shown above the header row in .xlsx (e.g. "DANH SÁCH NHIỆM VỤ QUÁ HẠN"); not written to CSV. */
  title?: string;
  /** A second line under the title (e.g. "Tính đến ngày 15/04/2024"); not written to CSV. */
  subtitle?: string;
  columns: readonly ExportColumn<R>[];
  rows: readonly R[];
  locale: ExportLocale;
}

export function headerOf(column: ColumnBase, locale: ExportLocale): string {
  return (locale === 'en' && column.headerEn ? column.headerEn : column.headerVi).normalize('NFC');
}

export function cellValueOf<R extends object>(column: ExportColumn<R>, row: R): ExportValue {
  return column.value ? column.value(row) : ((row as Record<string, unknown>)[column.key] as ExportValue);
}

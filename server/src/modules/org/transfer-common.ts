/**
 * What the unit and official imports and exports share: the error report, reading rows by
 * column, the write transaction and rendering a file.
 */
import { type Permission, scopePaths } from '@dieuhanh/core/access/permissions';
import type { ImportReport } from '@dieuhanh/core/api/org';
import { Conflict, DomainError } from '@dieuhanh/core/errors';
import type { Actor, Deps } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { datedFilename, type ExportValue, type FileToSend, writeList } from '../../platform/exports/index.ts';
import {
  type ColumnDef,
  exportColumns,
  mapHeaders,
  type Parsed,
  type RowError,
  readText,
  unheadedCells,
} from './transfer-columns.ts';
import {
  type CellInput,
  detectFormat,
  readSheet,
  type Sheet,
  type SheetFormat,
  UnreadableFile,
} from './transfer-format.ts';

export interface ImportOptions {
  /** Check everything and report, but write nothing. */
  dryRun?: boolean;
  /** The uploaded file's name: a hint for the format and recorded in the audit trail. */
  filename?: string;
}

/** 400 `import_invalid`: the report (every bad row) travels in `report` and, flattened, in `errors`. */
export class ImportInvalid extends DomainError {
  constructor(readonly report: ImportReport) {
    const n = report.errors.length;
    super(
      400,
      'import_invalid',
      `Tệp có ${n} lỗi; chưa có dữ liệu nào được ghi. Hãy sửa các dòng được nêu rồi nhập lại.`,
      `The file has ${n} error(s); nothing was written. Fix the rows listed and import again.`,
      report.errors.map((e) => ({
        field: `/rows/${e.row}/${e.field}`,
        messageVi: e.messageVi,
        messageEn: e.messageEn,
      })),
      { report },
    );
  }
}

/** A file ready for `sendFile` (routes) or to be written to disk (CLI). */
export interface ExportedFile extends FileToSend {
  buffer: Buffer;
  /** Data rows written (the header not counted). */
  rows: number;
}

/** A wrong file (say, another sheet) could give an error per cell: the report stays readable. */
const MAX_LISTED_ERRORS = 1000;

const sortErrors = (errors: RowError[]) =>
  errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));

/** One message per cell: the first (e.g. "unknown kind" rather than the "kind is required" it causes). */
export function fail(errors: RowError[]): never {
  const seen = new Set<string>();
  const first = errors.filter((e) => {
    const key = `${e.row}\u0000${e.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const listed = sortErrors(first).slice(0, MAX_LISTED_ERRORS);
  if (first.length > listed.length) {
    const more = first.length - listed.length;
    listed.push({
      row: 0,
      field: 'file',
      messageVi: `Còn ${more} lỗi khác không được liệt kê; hãy sửa các lỗi trên rồi nhập lại.`,
      messageEn: `${more} more errors are not listed; fix those above and import again.`,
    });
  }
  throw new ImportInvalid({ imported: 0, created: 0, updated: 0, errors: listed });
}

export async function loadSheet(
  buffer: Uint8Array,
  format: SheetFormat | 'auto',
  filename?: string,
): Promise<Sheet> {
  try {
    const actual = detectFormat(buffer, filename);
    if (format !== 'auto' && actual !== format) {
      throw new UnreadableFile(
        `Nội dung tệp không phải định dạng ${format.toUpperCase()}.`,
        `The file's content is not ${format.toUpperCase()}.`,
      );
    }
    return await readSheet(buffer, actual);
  } catch (error) {
    if (error instanceof UnreadableFile)
      fail([{ row: 0, field: 'file', messageVi: error.messageVi, messageEn: error.messageEn }]);
    throw error;
  }
}

export type Given<K extends string> = Partial<Record<K, unknown>>;

/**
 * Reads each row's cells by column. A column absent from the file is `undefined` in `given` (the
 * stored value is kept); a blank cell in a present column is `null` (the value is cleared).
 */
export function readRows<K extends string>(
  sheet: Sheet,
  defs: readonly ColumnDef<K>[],
  readers: Record<K, (cell: CellInput, def: ColumnDef<K>) => Parsed<unknown>>,
  errors: RowError[],
): Array<{ row: number; given: Given<K> }> {
  const { index, errors: headerErrors } = mapHeaders(sheet.headers, sheet.headerRow, defs);
  errors.push(...headerErrors);
  return sheet.rows.map(({ row, cells }) => {
    errors.push(...unheadedCells(sheet.headers, row, cells));
    const given: Given<K> = {};
    for (const def of defs) {
      const i = index.get(def.key);
      if (i === undefined) continue;
      const parsed = readers[def.key](cells[i] ?? null, def);
      if (parsed.ok) given[def.key] = parsed.value;
      else
        errors.push({
          row,
          field: def.key,
          messageVi: `${def.header}: ${parsed.messageVi}`,
          messageEn: `${def.header}: ${parsed.messageEn}`,
        });
    }
    return { row, given };
  });
}

export const text = <K extends string>(cell: CellInput, def: ColumnDef<K>) => readText(cell, def.maxLength);
export const str = (v: unknown) => (v === undefined ? undefined : (v as string | null));

export function rowError(row: number, field: string, messageVi: string, messageEn: string): RowError {
  return { row, field, messageVi, messageEn };
}

/** Whether the actor holds `permission` on the subtree at `path`. */
export function scopeCheck(actor: Actor, permission: Permission): (path: string) => boolean {
  const scope = scopePaths(actor.principal, permission);
  return (path) => scope.some((p) => path.startsWith(p));
}

/** Postgres unique violations (someone wrote the same code meanwhile) become a 409, not a 500. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

export async function writeTransaction<T>(deps: Deps, work: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await deps.db.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict(
        'import_conflict',
        'Dữ liệu vừa bị người khác thay đổi trong lúc nhập; hãy nhập lại.',
        'The data changed while importing; import again.',
      );
    throw error;
  }
}

export const stale = () =>
  new Conflict(
    'stale_version',
    'Dữ liệu đã bị người khác thay đổi trong lúc nhập; hãy nhập lại.',
    'A record changed while importing; import again.',
  );

/**
 * Renders an export with the platform's list writer: a bold, frozen, filterable header row in
 * .xlsx; UTF-8 with a BOM in CSV; dates as dd/mm/yyyy in both.
 */
export async function render(
  format: SheetFormat,
  title: string,
  now: Date,
  sheetName: string,
  defs: readonly ColumnDef[],
  rows: Array<Record<string, ExportValue>>,
): Promise<ExportedFile> {
  const { buffer, mime, extension } = await writeList(format, {
    sheetName,
    columns: exportColumns(defs),
    rows,
    locale: 'vi',
  });
  return { buffer, mime, filename: datedFilename(title, extension, now), rows: rows.length };
}

/**
 * The columns of the unit and official spreadsheets: headers (Vietnamese, with English and other
 * accepted spellings), and how each cell is read and written. Pure: no database.
 */
import type { ImportReport } from '@dieuhanh/core/api/org';
import { UNIT_KINDS, type UnitKind } from '@dieuhanh/core/org/units';
import { fold } from '@dieuhanh/core/text/fold';
import type { ExportColumn, ExportValue } from '../../platform/exports/index.ts';
import { type CellInput, isBlank } from './transfer-format.ts';

export type RowError = ImportReport['errors'][number];

export interface ColumnDef<K extends string = string> {
  key: K;
  /** The Vietnamese header written on export. */
  header: string;
  /** Width in characters in Excel. */
  width: number;
  /** `date` cells hold ISO dates (written as dd/mm/yyyy). */
  type: 'text' | 'date' | 'integer';
  /** Other accepted headers (English names, common variants); matching ignores case and diacritics. */
  aliases: string[];
  maxLength?: number;
}

export const UNIT_COLUMNS = [
  {
    key: 'id',
    header: 'Mã định danh',
    aliases: ['id', 'identifier'],
    width: 30,
    type: 'text',
    maxLength: 100,
  },
  {
    key: 'code',
    header: 'Mã đơn vị',
    aliases: ['code', 'unit code'],
    width: 12,
    type: 'text',
    maxLength: 50,
  },
  {
    key: 'name',
    header: 'Tên đơn vị',
    aliases: ['name', 'unit name'],
    width: 50,
    type: 'text',
    maxLength: 300,
  },
  {
    key: 'abbr',
    header: 'Viết tắt',
    aliases: ['abbr', 'abbreviation', 'tên viết tắt'],
    width: 16,
    type: 'text',
    maxLength: 50,
  },
  { key: 'kind', header: 'Loại', aliases: ['kind', 'type', 'loại đơn vị'], width: 22, type: 'text' },
  {
    key: 'parent',
    header: 'Đơn vị cấp trên',
    aliases: ['parent', 'parent id', 'parentId', 'parent unit', 'cấp trên'],
    width: 28,
    type: 'text',
    maxLength: 100,
  },
  {
    key: 'validFrom',
    header: 'Hiệu lực từ',
    aliases: ['valid from', 'từ ngày'],
    width: 13,
    type: 'date',
  },
  { key: 'validTo', header: 'Hiệu lực đến', aliases: ['valid to', 'đến ngày'], width: 13, type: 'date' },
  {
    key: 'successor',
    header: 'Đơn vị kế thừa',
    aliases: ['successor', 'successor id', 'successorId'],
    width: 28,
    type: 'text',
    maxLength: 100,
  },
  { key: 'sortOrder', header: 'Thứ tự', aliases: ['sort order', 'order'], width: 8, type: 'integer' },
] as const satisfies readonly ColumnDef[];
export type UnitColumn = (typeof UNIT_COLUMNS)[number]['key'];

export const OFFICIAL_COLUMNS = [
  {
    key: 'code',
    header: 'Mã cán bộ',
    aliases: ['code', 'official code', 'mã'],
    width: 12,
    type: 'text',
    maxLength: 50,
  },
  {
    key: 'fullName',
    header: 'Họ và tên',
    aliases: ['full name', 'name', 'họ tên'],
    width: 28,
    type: 'text',
    maxLength: 300,
  },
  {
    key: 'position',
    header: 'Chức vụ',
    aliases: ['position', 'title'],
    width: 40,
    type: 'text',
    maxLength: 200,
  },
  {
    key: 'unit',
    header: 'Đơn vị',
    aliases: ['unit', 'unit id', 'unitId'],
    width: 30,
    type: 'text',
    maxLength: 100,
  },
  {
    key: 'email',
    header: 'Email',
    aliases: ['thư điện tử', 'e-mail'],
    width: 28,
    type: 'text',
    maxLength: 200,
  },
  {
    key: 'phone',
    header: 'Điện thoại',
    aliases: ['phone', 'số điện thoại', 'telephone'],
    width: 15,
    type: 'text',
    maxLength: 30,
  },
  {
    key: 'active',
    header: 'Đang công tác',
    aliases: ['active', 'còn công tác'],
    width: 14,
    type: 'text',
  },
  // Not in the brief's list: lets a re-import update an official whose code was blank or changed.
  {
    key: 'id',
    header: 'Mã định danh',
    aliases: ['id', 'identifier'],
    width: 38,
    type: 'text',
    maxLength: 100,
  },
] as const satisfies readonly ColumnDef[];
export type OfficialColumn = (typeof OFFICIAL_COLUMNS)[number]['key'];

/** The columns as the platform's list writer takes them. */
export function exportColumns(defs: readonly ColumnDef[]): ExportColumn<Record<string, ExportValue>>[] {
  return defs.map((d) => ({
    key: d.key,
    headerVi: d.header,
    width: d.width,
    ...(d.type === 'integer' ? { type: 'number', decimals: 0 } : { type: d.type }),
  }));
}

/** "Hiệu lực từ", "hieu luc tu", "validFrom" and "VALID_FROM" all give the same key. */
export function headerKey(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}

const colLetter = (index: number): string =>
  (index >= 26 ? colLetter(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));

export interface HeaderMap<K extends string> {
  /** Column key → cell index; absent columns are missing from the map. */
  index: Map<K, number>;
  errors: RowError[];
}

/** Matches the header row to the columns; unknown and repeated headers are errors. */
export function mapHeaders<K extends string>(
  headers: string[],
  headerRow: number,
  defs: readonly ColumnDef<K>[],
): HeaderMap<K> {
  const byKey = new Map<string, ColumnDef<K>>();
  for (const def of defs)
    for (const name of [def.header, def.key, ...def.aliases]) byKey.set(headerKey(name), def);
  const index = new Map<K, number>();
  const errors: RowError[] = [];
  headers.forEach((header, i) => {
    if (!header) return;
    const def = byKey.get(headerKey(header));
    if (!def) {
      errors.push({
        row: headerRow,
        field: header,
        messageVi: `Cột "${header}" (cột ${colLetter(i)}) không được hỗ trợ. Các cột hợp lệ: ${defs.map((d) => d.header).join(', ')}.`,
        messageEn: `Column "${header}" (column ${colLetter(i)}) is not supported. Valid columns: ${defs.map((d) => d.header).join(', ')}.`,
      });
    } else if (index.has(def.key)) {
      errors.push({
        row: headerRow,
        field: def.key,
        messageVi: `Cột "${def.header}" xuất hiện nhiều lần (cột ${colLetter(i)}).`,
        messageEn: `Column "${def.header}" appears more than once (column ${colLetter(i)}).`,
      });
    } else index.set(def.key, i);
  });
  return { index, errors };
}

/** Values in columns that have no header would be silently lost: report them. */
export function unheadedCells(headers: string[], row: number, cells: CellInput[]): RowError[] {
  return cells.flatMap((cell, i) =>
    isBlank(cell) || headers[i]
      ? []
      : [
          {
            row,
            field: `column ${colLetter(i)}`,
            messageVi: `Có dữ liệu ở cột ${colLetter(i)} nhưng cột này không có tiêu đề.`,
            messageEn: `Column ${colLetter(i)} holds data but has no header.`,
          },
        ],
  );
}

// ---------------------------------------------------------------------------------------------
// Cells

export type Parsed<T> = { ok: true; value: T } | { ok: false; messageVi: string; messageEn: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(messageVi: string, messageEn: string): Parsed<T> => ({ ok: false, messageVi, messageEn });

/** NFC, trimmed; numbers as typed (Excel stores "20" typed in a General cell as 20). */
export function readText(cell: CellInput, maxLength = 1000): Parsed<string | null> {
  if (isBlank(cell)) return ok(null);
  if (cell instanceof Date) return ok(isoOf(cell));
  const text = String(cell).normalize('NFC').trim();
  if (text.length > maxLength)
    return bad(`Dài quá ${maxLength} ký tự.`, `Longer than ${maxLength} characters.`);
  return ok(text);
}

const isoOf = (d: Date) => d.toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** dd/mm/yyyy (also with - or .), yyyy-mm-dd, an Excel date cell or an Excel date serial. */
export function readDate(cell: CellInput): Parsed<string | null> {
  if (isBlank(cell)) return ok(null);
  const wrong = () =>
    bad<string | null>(
      `Ngày "${String(cell)}" không hợp lệ; hãy ghi theo dạng dd/mm/yyyy.`,
      `Date "${String(cell)}" is not valid; write it as dd/mm/yyyy.`,
    );
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? wrong() : ok(isoOf(cell));
  if (typeof cell === 'number') {
    // Days since 1899-12-30 (Excel's epoch, leap-year bug included).
    if (!Number.isInteger(cell) || cell < 1 || cell > 120_000) return wrong();
    return ok(isoOf(new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000)));
  }
  const text = String(cell).trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) {
    const iso = validDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return iso ? ok(iso) : wrong();
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) {
    const iso = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? ok(iso) : wrong();
  }
  return wrong();
}

export function readInteger(cell: CellInput): Parsed<number | null> {
  if (isBlank(cell)) return ok(null);
  const n =
    typeof cell === 'number' ? cell : /^[+-]?\d+$/.test(String(cell).trim()) ? Number(cell) : Number.NaN;
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2_147_483_647) {
    return bad(`"${String(cell)}" không phải số nguyên.`, `"${String(cell)}" is not a whole number.`);
  }
  return ok(n);
}

const TRUE_WORDS = new Set(['co', 'x', 'yes', 'y', 'true', '1', 'dang cong tac']);
const FALSE_WORDS = new Set(['khong', 'k', 'no', 'n', 'false', '0', 'nghi', 'da nghi']);

/** Có / Không (also yes/no, true/false, 1/0, x). */
export function readBoolean(cell: CellInput): Parsed<boolean | null> {
  if (isBlank(cell)) return ok(null);
  if (typeof cell === 'boolean') return ok(cell);
  const word = fold(String(cell));
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return bad(
    `"${String(cell)}" không hợp lệ; hãy ghi Có hoặc Không.`,
    `"${String(cell)}" is not valid; write Có or Không.`,
  );
}

export const formatBoolean = (value: boolean) => (value ? 'Có' : 'Không');

/** The label written on export comes first; the others are accepted on import. */
export const UNIT_KIND_LABELS: Record<UnitKind, string[]> = {
  committee: ['Ủy ban nhân dân', 'UBND', 'Ủy ban nhân dân tỉnh'],
  office: ['Văn phòng', 'Văn phòng UBND'],
  department: ['Sở, ban, ngành', 'Sở', 'Ban', 'Sở, ngành', 'Cơ quan chuyên môn'],
  public_service_unit: ['Đơn vị sự nghiệp công lập', 'Đơn vị sự nghiệp'],
  service_center: ['Trung tâm Phục vụ hành chính công', 'Trung tâm PVHCC', 'TTPVHCC'],
  district: ['Cấp huyện', 'Huyện', 'Huyện, thành phố', 'Huyện/thành phố'],
  commune: ['Xã, phường', 'Xã', 'Phường', 'Đặc khu', 'Xã, phường, đặc khu', 'Cấp xã'],
  division: ['Phòng/ban', 'Phòng', 'Phòng, ban', 'Phòng chuyên môn'],
};

const KIND_BY_KEY = new Map<string, UnitKind>(
  UNIT_KINDS.flatMap((kind) => [kind, ...UNIT_KIND_LABELS[kind]].map((s) => [headerKey(s), kind] as const)),
);

export function readKind(cell: CellInput): Parsed<UnitKind | null> {
  if (isBlank(cell)) return ok(null);
  const kind = KIND_BY_KEY.get(headerKey(String(cell)));
  if (kind) return ok(kind);
  const labels = UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k][0]).join('; ');
  return bad(
    `Loại đơn vị "${String(cell)}" không hợp lệ. Các loại: ${labels}.`,
    `Unknown unit kind "${String(cell)}". Kinds: ${labels} (or ${UNIT_KINDS.join(', ')}).`,
  );
}

export const formatKind = (kind: string) => UNIT_KIND_LABELS[kind as UnitKind]?.[0] ?? kind;

/** Deliberately simple: one @, something before, a dot in the domain, no spaces. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

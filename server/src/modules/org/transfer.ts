/**
 * Import and export of units and officials as .xlsx or CSV. Every row is checked against the
 * database and the rest of the file before anything is written; one bad row and nothing is
 * written, and the report names every bad row and column. Rows that match the database exactly
 * are accepted and left alone, so an export re-imports as a no-op.
 *
 * These functions are what the routes and the CLI call.
 */
import { randomUUID } from 'node:crypto';
import { P, scopePaths } from '@dieuhanh/core/access/permissions';
import type { ImportReport } from '@dieuhanh/core/api/org';
import { Conflict, DomainError } from '@dieuhanh/core/errors';
import { fold } from '@dieuhanh/core/text/fold';
import { appendAudit } from '../../platform/audit.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import * as repo from './repository.ts';
import {
  type ColumnDef,
  EMAIL,
  formatBoolean,
  formatKind,
  mapHeaders,
  OFFICIAL_COLUMNS,
  type Parsed,
  type RowError,
  readBoolean,
  readDate,
  readInteger,
  readKind,
  readText,
  UNIT_COLUMNS,
  UNIT_KIND_LABELS,
  unheadedCells,
} from './transfer-columns.ts';
import {
  type CellInput,
  CONTENT_TYPES,
  detectFormat,
  type OutCell,
  readSheet,
  type Sheet,
  type SheetFormat,
  UnreadableFile,
  writeCsv,
  writeXlsx,
  type XlsxSheetSpec,
} from './transfer-format.ts';

export type { SheetFormat } from './transfer-format.ts';

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

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: Buffer;
  /** Data rows written (the header not counted). */
  rows: number;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

const sortErrors = (errors: RowError[]) =>
  errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));

/** One message per cell: the first (e.g. "unknown kind" rather than the "kind is required" it causes). */
function fail(errors: RowError[]): never {
  const seen = new Set<string>();
  const first = errors.filter((e) => {
    const key = `${e.row}\u0000${e.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  throw new ImportInvalid({ imported: 0, created: 0, updated: 0, errors: sortErrors(first) });
}

async function loadSheet(
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

type Given<K extends string> = Partial<Record<K, unknown>>;

/**
 * Reads each row's cells by column. A column absent from the file is `undefined` in `given` (the
 * stored value is kept); a blank cell in a present column is `null` (the value is cleared).
 */
function readRows<K extends string>(
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

const text = <K extends string>(cell: CellInput, def: ColumnDef<K>) => readText(cell, def.maxLength);
const str = (v: unknown) => (v === undefined ? undefined : (v as string | null));

function rowError(row: number, field: string, messageVi: string, messageEn: string): RowError {
  return { row, field, messageVi, messageEn };
}

/** Postgres unique violations (someone wrote the same code meanwhile) become a 409, not a 500. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

async function writeTransaction<T>(deps: Deps, work: (tx: Db) => Promise<T>): Promise<T> {
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

const stale = () =>
  new Conflict(
    'stale_version',
    'Dữ liệu đã bị người khác thay đổi trong lúc nhập; hãy nhập lại.',
    'A record changed while importing; import again.',
  );

/** The date in Vietnam, for file names. */
function localDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

async function render(
  format: SheetFormat,
  base: string,
  now: Date,
  data: XlsxSheetSpec,
  help: XlsxSheetSpec,
): Promise<ExportedFile> {
  const body = format === 'xlsx' ? await writeXlsx(data, [help]) : writeCsv(data.columns, data.rows);
  return {
    filename: `${base}-${localDate(now)}.${format}`,
    contentType: CONTENT_TYPES[format],
    body,
    rows: data.rows.length,
  };
}

function helpSheet(defs: readonly ColumnDef[], notes: Record<string, string>): XlsxSheetSpec {
  return {
    name: 'Hướng dẫn',
    columns: [
      { header: 'Cột', width: 22, type: 'text' },
      { header: 'Tên khác được chấp nhận', width: 36, type: 'text' },
      { header: 'Ghi chú', width: 90, type: 'text' },
    ],
    rows: defs.map((d) => [d.header, d.aliases.join(', '), notes[d.key] ?? '']),
  };
}

// ---------------------------------------------------------------------------------------------
// Units

const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

interface UnitState {
  id: string;
  parentId: string | null;
  kind: string | null;
  code: string | null;
  name: string | null;
  abbr: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorId: string | null;
  sortOrder: number;
}

const UNIT_FIELDS = [
  'parentId',
  'kind',
  'code',
  'name',
  'abbr',
  'validFrom',
  'validTo',
  'successorId',
  'sortOrder',
] as const;

const unitReaders = {
  id: text,
  code: text,
  name: text,
  abbr: text,
  kind: readKind,
  parent: text,
  validFrom: readDate,
  validTo: readDate,
  successor: text,
  sortOrder: readInteger,
} satisfies Record<(typeof UNIT_COLUMNS)[number]['key'], unknown>;

function slugOf(name: string): string {
  return (
    fold(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 56)
      .replace(/-$/, '') || 'don-vi'
  );
}

/**
 * Imports units. Upserts by `Mã định danh` (id); a row without an id updates the unit with its
 * `Mã đơn vị` (code) or else creates a unit whose id is made from its name. Parents and successors
 * are given by id or code and may be defined anywhere in the same file.
 */
export async function importUnitsFromFile(
  deps: Deps,
  actor: Actor,
  buffer: Uint8Array,
  format: SheetFormat | 'auto' = 'auto',
  opts: ImportOptions = {},
): Promise<ImportReport> {
  requirePermission(actor, P.unitWrite);
  const { tenantId } = actor.principal;
  const sheet = await loadSheet(buffer, format, opts.filename);
  const errors: RowError[] = [];
  const rows = readRows(sheet, UNIT_COLUMNS, unitReaders, errors);
  const writeScope = scopePaths(actor.principal, P.unitWrite);
  const canWriteAt = (path: string) => writeScope.some((p) => path.startsWith(p));

  return writeTransaction(deps, async (tx) => {
    const stored = await repo.allUnits(tx, tenantId);
    const storedById = new Map(stored.map((u) => [u.id, u]));
    const storedByCode = new Map(stored.flatMap((u) => (u.code ? [[u.code, u] as const] : [])));

    // 1. Which unit each row is about.
    interface Plan {
      row: number;
      given: (typeof rows)[number]['given'];
      id: string | null;
      before: repo.UnitRow | null;
    }
    const plans: Plan[] = [];
    const rowOf = new Map<string, number>();
    const claim = (plan: Plan, field: string) => {
      const other = plan.id ? rowOf.get(plan.id) : undefined;
      if (other !== undefined) {
        errors.push(
          rowError(
            plan.row,
            field,
            `Trùng đơn vị với dòng ${other} (mã định danh "${plan.id}").`,
            `Same unit as row ${other} (id "${plan.id}").`,
          ),
        );
        plan.id = null;
      } else if (plan.id) rowOf.set(plan.id, plan.row);
    };
    for (const { row, given } of rows) {
      const plan: Plan = { row, given, id: null, before: null };
      const id = str(given.id);
      const code = str(given.code);
      if (id) {
        plan.before = storedById.get(id) ?? null;
        if (plan.before || UNIT_ID.test(id)) plan.id = id;
        else
          errors.push(
            rowError(
              row,
              'id',
              `Mã định danh "${id}" không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 63 ký tự).`,
              `Id "${id}" is not valid: lower-case letters, digits and hyphens only (at most 63).`,
            ),
          );
      } else if (code && storedByCode.has(code)) {
        plan.before = storedByCode.get(code)!;
        plan.id = plan.before.id;
      }
      plans.push(plan);
    }
    // Claimed ids first, so that generated ids avoid every id the file names.
    for (const plan of plans) if (plan.id) claim(plan, plan.given.id ? 'id' : 'code');
    for (const plan of plans) {
      if (plan.id || plan.given.id) continue;
      const name = str(plan.given.name);
      if (!name) continue; // reported below as a missing name
      const base = slugOf(name);
      let id = base;
      for (let n = 2; storedById.has(id) || rowOf.has(id); n++) id = `${base}-${n}`;
      plan.id = id;
      claim(plan, 'name');
    }

    // 2. The tree as it will be: stored units, overlaid with the file's rows.
    const state = new Map<string, UnitState>(
      stored.map((u) => [
        u.id,
        {
          id: u.id,
          parentId: u.parentId,
          kind: u.kind,
          code: u.code,
          name: u.name,
          abbr: u.abbr,
          validFrom: u.validFrom,
          validTo: u.validTo,
          successorId: u.successorId,
          sortOrder: u.sortOrder,
        },
      ]),
    );
    const planned = plans.filter((p): p is Plan & { id: string } => p.id !== null);
    for (const { id, given, before } of planned) {
      const base: UnitState = before
        ? { ...state.get(id)! }
        : {
            id,
            parentId: null,
            kind: null,
            code: null,
            name: null,
            abbr: null,
            validFrom: null,
            validTo: null,
            successorId: null,
            sortOrder: 0,
          };
      for (const key of ['kind', 'code', 'name', 'abbr', 'validFrom', 'validTo'] as const) {
        if (given[key] !== undefined) base[key] = given[key] as string | null;
      }
      if (given.sortOrder !== undefined) base.sortOrder = (given.sortOrder as number | null) ?? 0;
      state.set(id, base);
    }

    // 3. Codes are unique across the final tree.
    const holders = new Map<string, string[]>();
    for (const u of state.values()) if (u.code) holders.set(u.code, [...(holders.get(u.code) ?? []), u.id]);
    for (const { id, row } of planned) {
      const code = state.get(id)!.code;
      const others = code ? holders.get(code)!.filter((o) => o !== id) : [];
      if (!others.length) continue;
      const where = others.map((o) => (rowOf.has(o) ? `dòng ${rowOf.get(o)}` : `"${o}"`)).join(', ');
      const whereEn = others.map((o) => (rowOf.has(o) ? `row ${rowOf.get(o)}` : `"${o}"`)).join(', ');
      errors.push(
        rowError(
          row,
          'code',
          `Mã đơn vị "${code}" đã được dùng cho đơn vị khác (${where}).`,
          `Unit code "${code}" is already used by another unit (${whereEn}).`,
        ),
      );
    }

    // 4. Parents and successors by id, else by (final) code.
    const resolve = (ref: string) => {
      if (state.has(ref)) return ref;
      const byCode = holders.get(ref);
      return byCode?.length === 1 ? byCode[0]! : null;
    };
    for (const { id, row, given } of planned) {
      const unit = state.get(id)!;
      for (const [column, field, label, labelEn] of [
        ['parent', 'parentId', 'Đơn vị cấp trên', 'Parent unit'],
        ['successor', 'successorId', 'Đơn vị kế thừa', 'Successor unit'],
      ] as const) {
        const ref = str(given[column]);
        if (ref === undefined) continue;
        const target = ref === null ? null : resolve(ref);
        if (ref !== null && target === null) {
          errors.push(
            rowError(
              row,
              column,
              `${label}: không tìm thấy đơn vị "${ref}" (theo mã định danh hoặc mã đơn vị) trong hệ thống hay trong tệp.`,
              `${labelEn}: no unit "${ref}" (by id or code) in the system or in the file.`,
            ),
          );
        } else unit[field] = target;
      }
      if (unit.successorId === id)
        errors.push(
          rowError(
            row,
            'successor',
            'Đơn vị kế thừa không thể là chính nó.',
            'A unit cannot succeed itself.',
          ),
        );
      if (!unit.name)
        errors.push(rowError(row, 'name', 'Tên đơn vị là bắt buộc.', 'The unit name is required.'));
      if (!unit.kind)
        errors.push(
          rowError(
            row,
            'kind',
            `Loại đơn vị là bắt buộc (${Object.values(UNIT_KIND_LABELS)
              .map((l) => l[0])
              .join('; ')}).`,
            'The unit kind is required.',
          ),
        );
      if (unit.validFrom && unit.validTo && unit.validTo < unit.validFrom)
        errors.push(
          rowError(
            row,
            'validTo',
            'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.',
            'The end date must not be before the start date.',
          ),
        );
    }

    // 5. Paths in dependency order (parents first); a loop in the parent chain is an error.
    const paths = new Map<string, string | null>();
    const cycles = new Map<string, string[]>();
    for (const start of state.keys()) {
      const chain: string[] = [];
      let at: string | null = start;
      let base: string | null = '/';
      while (at !== null && !paths.has(at)) {
        const loopAt = chain.indexOf(at);
        if (loopAt >= 0) {
          const loop = chain.slice(loopAt);
          for (const member of loop)
            cycles.set(member, [
              ...loop.slice(loop.indexOf(member)),
              ...loop.slice(0, loop.indexOf(member)),
              member,
            ]);
          base = null;
          break;
        }
        chain.push(at);
        const parentId: string | null = state.get(at)?.parentId ?? null;
        if (parentId !== null && !state.has(parentId)) {
          base = null;
          break;
        }
        at = parentId;
      }
      if (base !== null && at !== null) base = paths.get(at) ?? null;
      for (const id of chain.reverse()) {
        base = base === null || cycles.has(id) ? null : `${base}${id}/`;
        paths.set(id, base);
      }
    }
    for (const { id, row } of planned) {
      const loop = cycles.get(id);
      if (loop)
        errors.push(
          rowError(
            row,
            'parent',
            `Quan hệ cấp trên tạo thành vòng lặp: ${loop.join(' → ')}.`,
            `The parent chain loops: ${loop.join(' → ')}.`,
          ),
        );
    }

    // 6. What changes, and whether the caller may change it.
    const creates: Array<Plan & { id: string }> = [];
    const updates: Array<Plan & { id: string; before: repo.UnitRow }> = [];
    for (const plan of planned) {
      const unit = state.get(plan.id)!;
      const path = paths.get(plan.id);
      if (!plan.before) {
        creates.push(plan);
        const parentPath = unit.parentId ? paths.get(unit.parentId) : null;
        if (!unit.parentId)
          errors.push(
            rowError(
              plan.row,
              'parent',
              'Đơn vị cấp trên là bắt buộc khi tạo đơn vị mới.',
              'A new unit needs a parent unit.',
            ),
          );
        else if (parentPath && !canWriteAt(parentPath))
          errors.push(
            rowError(
              plan.row,
              'parent',
              'Bạn không có quyền tạo đơn vị ở vị trí này (ngoài phạm vi được phân quyền).',
              'You may not create a unit there (outside your granted scope).',
            ),
          );
        continue;
      }
      const before = plan.before;
      if (UNIT_FIELDS.every((f) => unit[f] === before[f])) continue;
      updates.push({ ...plan, before });
      if (!canWriteAt(before.path))
        errors.push(
          rowError(
            plan.row,
            'id',
            `Bạn không có quyền sửa đơn vị "${before.name}" (ngoài phạm vi được phân quyền).`,
            `You may not change unit "${before.name}" (outside your granted scope).`,
          ),
        );
      else if (path && unit.parentId !== before.parentId && !canWriteAt(path))
        errors.push(
          rowError(
            plan.row,
            'parent',
            'Bạn không có quyền chuyển đơn vị tới vị trí này (ngoài phạm vi được phân quyền).',
            'You may not move the unit there (outside your granted scope).',
          ),
        );
    }

    if (errors.length) fail(errors);
    const report: ImportReport = {
      imported: rows.length,
      created: creates.length,
      updated: updates.length,
      errors: [],
    };
    if (opts.dryRun) return report;

    // 7. Write: free re-assigned codes, insert, update, re-path moved subtrees, audit.
    const recoded = updates.filter((u) => state.get(u.id)!.code !== u.before.code).map((u) => u.id);
    await repo.clearUnitCodes(tx, tenantId, recoded);
    const inserted = creates.map(({ id }) => {
      const u = state.get(id)!;
      return {
        tenantId,
        id,
        parentId: u.parentId,
        path: paths.get(id)!,
        kind: u.kind!,
        code: u.code,
        name: u.name!,
        abbr: u.abbr,
        nameFolded: fold(u.name!),
        validFrom: u.validFrom,
        validTo: u.validTo,
        successorId: u.successorId,
        sortOrder: u.sortOrder,
      };
    });
    await repo.insertUnits(tx, inserted);
    const changes = new Map<string, Record<string, unknown>>();
    for (const { id, before } of updates) {
      const u = state.get(id)!;
      const patch: Record<string, unknown> = {};
      for (const f of UNIT_FIELDS) if (u[f] !== before[f]) patch[f] = u[f];
      if (patch.name !== undefined) patch.nameFolded = fold(u.name!);
      if (paths.get(id) !== before.path) patch.path = paths.get(id);
      if (!(await repo.updateUnit(tx, tenantId, id, before.version, patch))) throw stale();
      changes.set(id, patch);
    }
    const touched = new Set([...creates, ...updates].map((p) => p.id));
    for (const u of stored) {
      const path = paths.get(u.id)!;
      if (!touched.has(u.id) && path !== u.path) await repo.setUnitPath(tx, tenantId, u.id, path);
    }

    const audit = {
      tenantId,
      actorId: actor.principal.userId,
      requestId: actor.requestId,
      resourceType: 'unit',
    };
    const insertedById = new Map(inserted.map((r) => [r.id, r]));
    for (const plan of planned) {
      if (insertedById.has(plan.id))
        await appendAudit(tx, {
          ...audit,
          action: 'unit.created',
          resourceId: plan.id,
          after: insertedById.get(plan.id),
        });
      else if (changes.has(plan.id))
        await appendAudit(tx, {
          ...audit,
          action: 'unit.updated',
          resourceId: plan.id,
          before: plan.before,
          after: changes.get(plan.id),
        });
    }
    await appendAudit(tx, {
      ...audit,
      action: 'unit.imported',
      resourceType: 'import',
      resourceId: randomUUID(),
      after: {
        filename: opts.filename ?? null,
        imported: report.imported,
        created: report.created,
        updated: report.updated,
      },
    });
    return report;
  });
}

/** Parents before children, siblings by their order then name. */
function treeOrder(rows: repo.UnitRow[]): repo.UnitRow[] {
  const children = new Map<string | null, repo.UnitRow[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const key = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  for (const list of children.values())
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'vi'));
  const out: repo.UnitRow[] = [];
  const visit = (parent: string | null) => {
    for (const r of children.get(parent) ?? []) {
      out.push(r);
      visit(r.id);
    }
  };
  visit(null);
  return out;
}

/** Every unit (units are visible to anyone holding unit.read, as in the list endpoint). */
export async function exportUnits(deps: Deps, actor: Actor, format: SheetFormat): Promise<ExportedFile> {
  requirePermission(actor, P.unitRead);
  const rows = treeOrder(await repo.allUnits(deps.db, actor.principal.tenantId));
  const data: XlsxSheetSpec = {
    name: 'Đơn vị',
    columns: [...UNIT_COLUMNS],
    rows: rows.map((u): OutCell[] => [
      u.id,
      u.code,
      u.name,
      u.abbr,
      formatKind(u.kind),
      u.parentId,
      u.validFrom,
      u.validTo,
      u.successorId,
      u.sortOrder,
    ]),
  };
  const help = helpSheet(UNIT_COLUMNS, {
    id: 'Khóa để cập nhật. Để trống khi tạo mới: hệ thống tạo từ tên (hoặc cập nhật đơn vị có cùng Mã đơn vị).',
    code: 'Không được trùng.',
    name: 'Bắt buộc.',
    kind: `Bắt buộc. Một trong: ${Object.values(UNIT_KIND_LABELS)
      .map((l) => l[0])
      .join('; ')}.`,
    parent: 'Mã định danh hoặc Mã đơn vị của đơn vị cấp trên; có thể là đơn vị ở dòng khác trong tệp.',
    validFrom: 'dd/mm/yyyy',
    validTo: 'dd/mm/yyyy',
    successor: 'Đơn vị tiếp nhận nhiệm vụ khi đơn vị này giải thể, sáp nhập.',
  });
  return render(format, 'don-vi', deps.now(), data, help);
}

// ---------------------------------------------------------------------------------------------
// Officials

const officialReaders = {
  code: text,
  fullName: text,
  position: text,
  unit: text,
  email: text,
  phone: text,
  active: readBoolean,
  id: text,
} satisfies Record<(typeof OFFICIAL_COLUMNS)[number]['key'], unknown>;

const OFFICIAL_FIELDS = ['unitId', 'code', 'fullName', 'position', 'email', 'phone', 'active'] as const;
type OfficialState = Pick<repo.OfficialRow, 'id' | (typeof OFFICIAL_FIELDS)[number]>;

/**
 * Imports officials. Upserts by `Mã định danh` (id) when it names a stored official, else by
 * `Mã cán bộ` (code); other rows create officials. `Đơn vị` is a unit id or code.
 */
export async function importOfficialsFromFile(
  deps: Deps,
  actor: Actor,
  buffer: Uint8Array,
  format: SheetFormat | 'auto' = 'auto',
  opts: ImportOptions = {},
): Promise<ImportReport> {
  requirePermission(actor, P.officialWrite);
  const { tenantId } = actor.principal;
  const sheet = await loadSheet(buffer, format, opts.filename);
  const errors: RowError[] = [];
  const rows = readRows(sheet, OFFICIAL_COLUMNS, officialReaders, errors);
  const writeScope = scopePaths(actor.principal, P.officialWrite);
  const canWriteAt = (path: string) => writeScope.some((p) => path.startsWith(p));

  return writeTransaction(deps, async (tx) => {
    const units = await repo.allUnits(tx, tenantId);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const unitByCode = new Map(units.flatMap((u) => (u.code ? [[u.code, u] as const] : [])));
    const givenIds = rows.flatMap((r) => (str(r.given.id) ? [str(r.given.id)!] : []));
    const givenCodes = rows.flatMap((r) => (str(r.given.code) ? [str(r.given.code)!] : []));
    const stored = await repo.officialsByIdsOrCodes(tx, tenantId, givenIds, givenCodes);
    const storedById = new Map(stored.map((o) => [o.id, o]));
    const storedByCode = new Map(stored.flatMap((o) => (o.code ? [[o.code, o] as const] : [])));

    interface Plan {
      row: number;
      id: string;
      before: repo.OfficialRow | null;
      next: OfficialState;
    }
    const plans: Plan[] = [];
    const rowOf = new Map<string, number>();
    for (const { row, given } of rows) {
      const givenId = str(given.id);
      const code = str(given.code);
      const before = (givenId && storedById.get(givenId)) || (code && storedByCode.get(code)) || null;
      const id = before?.id ?? givenId ?? randomUUID();
      if (rowOf.has(id)) {
        errors.push(
          rowError(
            row,
            before && !storedById.has(givenId ?? '') ? 'code' : 'id',
            `Trùng cán bộ với dòng ${rowOf.get(id)}.`,
            `Same official as row ${rowOf.get(id)}.`,
          ),
        );
        continue;
      }
      rowOf.set(id, row);
      const next: OfficialState = before
        ? { ...before }
        : {
            id,
            unitId: '',
            code: null,
            fullName: '',
            position: null,
            email: null,
            phone: null,
            active: true,
          };
      for (const key of ['code', 'fullName', 'position', 'email', 'phone'] as const) {
        if (given[key] !== undefined) next[key] = given[key] as string; // null when blank: checked below
      }
      if (given.active !== undefined && given.active !== null) next.active = given.active as boolean;
      const unitRef = str(given.unit);
      if (unitRef) {
        const unit = unitById.get(unitRef) ?? unitByCode.get(unitRef);
        if (unit) next.unitId = unit.id;
        else
          errors.push(
            rowError(
              row,
              'unit',
              `Đơn vị: không tìm thấy đơn vị "${unitRef}" (theo mã định danh hoặc mã đơn vị).`,
              `Unit: no unit "${unitRef}" (by id or code).`,
            ),
          );
      } else if (unitRef === null || !before) {
        errors.push(rowError(row, 'unit', 'Đơn vị là bắt buộc.', 'The unit is required.'));
      }
      if (!next.fullName)
        errors.push(rowError(row, 'fullName', 'Họ và tên là bắt buộc.', 'The full name is required.'));
      if (next.email && next.email !== before?.email && !EMAIL.test(next.email))
        errors.push(
          rowError(
            row,
            'email',
            `Email "${next.email}" không đúng định dạng.`,
            `Email "${next.email}" is not a valid address.`,
          ),
        );
      plans.push({ row, id, before, next });
    }

    // Codes are unique: against the file, and against stored officials the file does not re-code.
    const fileCodes = new Map<string, number>();
    for (const plan of plans) {
      const code = plan.next.code;
      if (!code) continue;
      const owner = storedByCode.get(code);
      const ownerPlan = owner ? plans.find((p) => p.id === owner.id) : undefined;
      const elsewhere = owner && owner.id !== plan.id && (!ownerPlan || ownerPlan.next.code === code);
      if (fileCodes.has(code) || elsewhere)
        errors.push(
          rowError(
            plan.row,
            'code',
            `Mã cán bộ "${code}" đã được dùng${fileCodes.has(code) ? ` ở dòng ${fileCodes.get(code)}` : ''}.`,
            `Official code "${code}" is already used${fileCodes.has(code) ? ` on row ${fileCodes.get(code)}` : ''}.`,
          ),
        );
      else fileCodes.set(code, plan.row);
    }

    const creates: Plan[] = [];
    const updates: Array<Plan & { before: repo.OfficialRow }> = [];
    for (const plan of plans) {
      const { before, next } = plan;
      if (before && OFFICIAL_FIELDS.every((f) => next[f] === before[f])) continue;
      if (before) updates.push({ ...plan, before });
      else creates.push(plan);
      const from = before ? unitById.get(before.unitId) : undefined;
      const to = unitById.get(next.unitId);
      if (from && !canWriteAt(from.path))
        errors.push(
          rowError(
            plan.row,
            before?.code && !storedById.has(plan.id) ? 'code' : 'id',
            'Cán bộ này thuộc đơn vị ngoài phạm vi bạn được phân quyền.',
            'This official belongs to a unit outside your granted scope.',
          ),
        );
      else if (to && !canWriteAt(to.path))
        errors.push(
          rowError(
            plan.row,
            'unit',
            `Đơn vị "${to.name}" nằm ngoài phạm vi bạn được phân quyền.`,
            `Unit "${to.name}" is outside your granted scope.`,
          ),
        );
    }

    if (errors.length) fail(errors);
    const report: ImportReport = {
      imported: rows.length,
      created: creates.length,
      updated: updates.length,
      errors: [],
    };
    if (opts.dryRun) return report;

    await repo.clearOfficialCodes(
      tx,
      tenantId,
      updates.filter((u) => u.next.code !== u.before.code).map((u) => u.id),
    );
    const inserted = creates.map(({ next }) => ({
      tenantId,
      ...next,
      fullName: next.fullName,
      nameFolded: fold(next.fullName),
    }));
    await repo.insertOfficials(tx, inserted);
    const audit = {
      tenantId,
      actorId: actor.principal.userId,
      requestId: actor.requestId,
      resourceType: 'official',
    };
    const insertedById = new Map(inserted.map((r) => [r.id, r]));
    const updatedById = new Map(updates.map((u) => [u.id, u]));
    for (const plan of plans) {
      const row = insertedById.get(plan.id);
      if (row) {
        await appendAudit(tx, { ...audit, action: 'official.created', resourceId: plan.id, after: row });
        continue;
      }
      const update = updatedById.get(plan.id);
      if (!update) continue;
      const patch: Record<string, unknown> = {};
      for (const f of OFFICIAL_FIELDS) if (update.next[f] !== update.before[f]) patch[f] = update.next[f];
      if (patch.fullName !== undefined) patch.nameFolded = fold(update.next.fullName);
      if (!(await repo.updateOfficial(tx, tenantId, plan.id, update.before.version, patch))) throw stale();
      await appendAudit(tx, {
        ...audit,
        action: 'official.updated',
        resourceId: plan.id,
        before: update.before,
        after: patch,
      });
    }
    await appendAudit(tx, {
      ...audit,
      action: 'official.imported',
      resourceType: 'import',
      resourceId: randomUUID(),
      after: {
        filename: opts.filename ?? null,
        imported: report.imported,
        created: report.created,
        updated: report.updated,
      },
    });
    return report;
  });
}

export interface OfficialExportOptions {
  /** Only this unit's officials (with `subtree`, also those of every unit below it). */
  unitId?: string | undefined;
  subtree?: boolean | undefined;
}

/** The officials the caller may read (official.read grants), optionally of one unit or subtree. */
export async function exportOfficials(
  deps: Deps,
  actor: Actor,
  format: SheetFormat,
  opts: OfficialExportOptions = {},
): Promise<ExportedFile> {
  requirePermission(actor, P.officialRead);
  const { tenantId } = actor.principal;
  let subtreePath: string | undefined;
  if (opts.unitId && opts.subtree)
    subtreePath = (await repo.getUnitRow(deps.db, tenantId, opts.unitId))?.path ?? '/nonexistent/';
  const filter = {
    unitId: opts.unitId,
    subtreePath,
    scopePaths: scopePaths(actor.principal, P.officialRead),
  };
  // One query, not pages: paging by (unit path, name) could split ties between pages.
  const { items: all } = await repo.listOfficials(deps.db, tenantId, filter, 1_000_000, 0);
  const data: XlsxSheetSpec = {
    name: 'Cán bộ',
    columns: [...OFFICIAL_COLUMNS],
    rows: all.map((o): OutCell[] => [
      o.code,
      o.fullName,
      o.position,
      o.unitId,
      o.email,
      o.phone,
      formatBoolean(o.active),
      o.id,
    ]),
  };
  const help = helpSheet(OFFICIAL_COLUMNS, {
    code: 'Khóa để cập nhật; không được trùng. Để trống khi tạo mới cán bộ chưa có mã.',
    fullName: 'Bắt buộc.',
    unit: 'Bắt buộc. Mã định danh hoặc Mã đơn vị.',
    active: 'Có hoặc Không (để trống: Có).',
    id: 'Do hệ thống tạo; giữ nguyên để cập nhật đúng cán bộ kể cả khi đổi Mã cán bộ. Để trống khi tạo mới.',
  });
  return render(format, 'can-bo', deps.now(), data, help);
}

/**
 * Importing and exporting the organisation tree. The file is laid over the stored tree to give
 * the tree as it would be; that tree is checked whole (codes, references, loops, scope) before
 * anything is written, so rows may refer to units defined further down the file.
 */
import { randomUUID } from 'node:crypto';
import { P } from '@dieuhanh/core/access/permissions';
import type { ImportReport } from '@dieuhanh/core/api/org';
import { fold } from '@dieuhanh/core/text/fold';
import { appendAudit } from '../../platform/audit.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { ExportValue } from '../../platform/exports/index.ts';
import * as repo from './repository.ts';
import {
  formatKind,
  type RowError,
  readDate,
  readInteger,
  readKind,
  UNIT_COLUMNS,
  UNIT_KIND_LABELS,
} from './transfer-columns.ts';
import {
  type ExportedFile,
  fail,
  type Given,
  type ImportOptions,
  loadSheet,
  readRows,
  render,
  rowError,
  scopeCheck,
  stale,
  str,
  text,
  writeTransaction,
} from './transfer-common.ts';
import type { SheetFormat } from './transfer-format.ts';

type UnitColumn = (typeof UNIT_COLUMNS)[number]['key'];

const readers = {
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
} satisfies Record<UnitColumn, unknown>;

/** Paths are indexed, and a b-tree entry must stay well under 2.7 kB: about 30 levels of long ids. */
const MAX_PATH = 2000;

/** The pattern `POST /units` accepts for a chosen id. */
const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const FIELDS = [
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

/** A unit as it will be; `kind` and `name` are null only on rows that lack them (an error). */
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

interface RowPlan {
  row: number;
  given: Given<UnitColumn>;
  id: string;
  before: repo.UnitRow | null;
}

interface TreePlan {
  rows: RowPlan[];
  state: Map<string, UnitState>;
  /** Materialised path of every unit; null when its parent chain loops. */
  paths: Map<string, string | null>;
}

const blankState = (id: string): UnitState => ({
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
});

function slugOf(name: string): string {
  const slug = fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 56)
    .replace(/-$/, '');
  return slug || 'don-vi';
}

/**
 * Which unit each row is about: the stored unit with the row's id, else the stored unit with its
 * code, else a new unit (with the row's id, or one made from its name).
 */
function targetRows(
  rows: Array<{ row: number; given: Given<UnitColumn> }>,
  stored: repo.UnitRow[],
  errors: RowError[],
): RowPlan[] {
  const byId = new Map(stored.map((u) => [u.id, u]));
  const byCode = new Map(stored.flatMap((u) => (u.code ? [[u.code, u] as const] : [])));
  const rowOf = new Map<string, number>();
  const claim = (plan: RowPlan, field: string) => {
    const other = rowOf.get(plan.id);
    if (other === undefined) {
      rowOf.set(plan.id, plan.row);
      return true;
    }
    errors.push(
      rowError(
        plan.row,
        field,
        `Trùng đơn vị với dòng ${other} (mã định danh "${plan.id}").`,
        `Same unit as row ${other} (id "${plan.id}").`,
      ),
    );
    return false;
  };
  const named: RowPlan[] = [];
  const unnamed: Array<{ row: number; given: Given<UnitColumn> }> = [];
  for (const { row, given } of rows) {
    const id = str(given.id);
    const code = str(given.code);
    if (id) {
      const before = byId.get(id) ?? null;
      if (before || UNIT_ID.test(id)) named.push({ row, given, id, before });
      else
        errors.push(
          rowError(
            row,
            'id',
            `Mã định danh "${id}" không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 63 ký tự).`,
            `Id "${id}" is not valid: lower-case letters, digits and hyphens only (at most 63).`,
          ),
        );
    } else if (code && byCode.has(code)) {
      const before = byCode.get(code)!;
      named.push({ row, given, id: before.id, before });
    } else unnamed.push({ row, given });
  }
  // Ids the file names are claimed first, so that made-up ids avoid all of them.
  const plans = named.filter((p) => claim(p, p.given.id ? 'id' : 'code'));
  for (const { row, given } of unnamed) {
    const name = str(given.name);
    if (!name) {
      errors.push(rowError(row, 'name', 'Tên đơn vị là bắt buộc.', 'The unit name is required.'));
      continue;
    }
    const base = slugOf(name);
    let id = base;
    for (let n = 2; byId.has(id) || rowOf.has(id); n++) id = `${base}-${n}`;
    const plan = { row, given, id, before: null };
    if (claim(plan, 'name')) plans.push(plan);
  }
  return plans.sort((a, b) => a.row - b.row);
}

/** Parents' paths first; a parent chain that comes back on itself is reported on each of its rows. */
function treePaths(state: Map<string, UnitState>) {
  const paths = new Map<string, string | null>();
  const loops = new Map<string, string[]>();
  for (const start of state.keys()) {
    const chain: string[] = [];
    let at: string | null = start;
    let base: string | null = '/';
    while (at !== null && !paths.has(at)) {
      const seen = chain.indexOf(at);
      if (seen >= 0) {
        const loop = chain.slice(seen);
        loop.forEach((member, i) => {
          loops.set(member, [...loop.slice(i), ...loop.slice(0, i), member]);
        });
        base = null;
        break;
      }
      chain.push(at);
      at = state.get(at)?.parentId ?? null;
    }
    if (base !== null && at !== null) base = paths.get(at) ?? null;
    for (const id of chain.reverse()) {
      base = base === null || loops.has(id) ? null : `${base}${id}/`;
      paths.set(id, base);
    }
  }
  return { paths, loops };
}

/** Lays the rows over the stored tree and checks the result. */
function planTree(
  rows: Array<{ row: number; given: Given<UnitColumn> }>,
  stored: repo.UnitRow[],
  errors: RowError[],
): TreePlan {
  const plans = targetRows(rows, stored, errors);
  const state = new Map<string, UnitState>(
    stored.map((u) => [
      u.id,
      Object.fromEntries([['id', u.id], ...FIELDS.map((f) => [f, u[f]])]) as UnitState,
    ]),
  );
  for (const { id, given, before } of plans) {
    const unit = before ? { ...state.get(id)! } : blankState(id);
    for (const key of ['kind', 'code', 'name', 'abbr', 'validFrom', 'validTo'] as const) {
      if (given[key] !== undefined) unit[key] = given[key] as string | null;
    }
    if (given.sortOrder !== undefined) unit.sortOrder = (given.sortOrder as number | null) ?? 0;
    state.set(id, unit);
  }

  // Codes are unique across the tree as it will be.
  const holders = new Map<string, string[]>();
  for (const u of state.values()) if (u.code) holders.set(u.code, [...(holders.get(u.code) ?? []), u.id]);
  const rowOf = new Map(plans.map((p) => [p.id, p.row]));
  for (const { id, row } of plans) {
    const code = state.get(id)!.code;
    const others = code ? holders.get(code)!.filter((o) => o !== id) : [];
    if (!others.length) continue;
    const where = (word: string) =>
      others.map((o) => (rowOf.has(o) ? `${word} ${rowOf.get(o)}` : `"${o}"`)).join(', ');
    errors.push(
      rowError(
        row,
        'code',
        `Mã đơn vị "${code}" đã được dùng cho đơn vị khác (${where('dòng')}).`,
        `Unit code "${code}" is already used by another unit (${where('row')}).`,
      ),
    );
  }

  // Parents and successors by id, else by code, among stored units and the file's.
  const resolve = (ref: string) => {
    if (state.has(ref)) return ref;
    const byCode = holders.get(ref);
    return byCode?.length === 1 ? byCode[0]! : null;
  };
  const references = [
    ['parent', 'parentId', 'Đơn vị cấp trên', 'Parent unit'],
    ['successor', 'successorId', 'Đơn vị kế thừa', 'Successor unit'],
  ] as const;
  for (const { id, row, given, before } of plans) {
    const unit = state.get(id)!;
    for (const [column, field, label, labelEn] of references) {
      const ref = str(given[column]);
      if (ref === undefined) continue;
      const target = ref === null ? null : resolve(ref);
      if (ref === null || target) unit[field] = target;
      else
        errors.push(
          rowError(
            row,
            column,
            `${label}: không tìm thấy đơn vị "${ref}" (theo mã định danh hoặc mã đơn vị) trong hệ thống hay trong tệp.`,
            `${labelEn}: no unit "${ref}" (by id or code) in the system or in the file.`,
          ),
        );
    }
    if (!before && !unit.parentId)
      errors.push(
        rowError(row, 'parent', 'Đơn vị mới phải có đơn vị cấp trên.', 'A new unit needs a parent unit.'),
      );
    if (unit.successorId === id)
      errors.push(
        rowError(row, 'successor', 'Đơn vị kế thừa không thể là chính nó.', 'A unit cannot succeed itself.'),
      );
    if (!unit.name)
      errors.push(rowError(row, 'name', 'Tên đơn vị là bắt buộc.', 'The unit name is required.'));
    if (!unit.kind) {
      const kinds = Object.values(UNIT_KIND_LABELS)
        .map((l) => l[0])
        .join('; ');
      errors.push(rowError(row, 'kind', `Loại đơn vị là bắt buộc (${kinds}).`, 'The unit kind is required.'));
    }
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

  const { paths, loops } = treePaths(state);
  for (const { id, row } of plans) {
    const path = paths.get(id);
    if (path && path.length > MAX_PATH)
      errors.push(
        rowError(
          row,
          'parent',
          'Đơn vị nằm quá sâu trong cây đơn vị (quá nhiều cấp trên).',
          'The unit is nested too deep (too many levels above it).',
        ),
      );
    const loop = loops.get(id);
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
  return { rows: plans, state, paths };
}

/** Splits the rows into creations, updates and no-ops, and checks the caller's scope on the first two. */
function changesIn(plan: TreePlan, canWriteAt: (path: string) => boolean, errors: RowError[]) {
  const creates: RowPlan[] = [];
  const updates: Array<RowPlan & { before: repo.UnitRow }> = [];
  for (const row of plan.rows) {
    const unit = plan.state.get(row.id)!;
    const path = plan.paths.get(row.id);
    const before = row.before;
    if (!before) {
      creates.push(row);
      const parentPath = unit.parentId ? plan.paths.get(unit.parentId) : null;
      if (parentPath && !canWriteAt(parentPath))
        errors.push(
          rowError(
            row.row,
            'parent',
            'Bạn không có quyền tạo đơn vị ở vị trí này (ngoài phạm vi được phân quyền).',
            'You may not create a unit there (outside your granted scope).',
          ),
        );
      continue;
    }
    // A row equal to the stored unit is left alone, and needs no permission.
    if (FIELDS.every((f) => unit[f] === before[f])) continue;
    updates.push({ ...row, before });
    if (!canWriteAt(before.path))
      errors.push(
        rowError(
          row.row,
          'id',
          `Bạn không có quyền sửa đơn vị "${before.name}" (ngoài phạm vi được phân quyền).`,
          `You may not change unit "${before.name}" (outside your granted scope).`,
        ),
      );
    else if (path && unit.parentId !== before.parentId && !canWriteAt(path))
      errors.push(
        rowError(
          row.row,
          'parent',
          'Bạn không có quyền chuyển đơn vị tới vị trí này (ngoài phạm vi được phân quyền).',
          'You may not move the unit there (outside your granted scope).',
        ),
      );
  }
  return { creates, updates };
}

async function writeTree(
  tx: Db,
  actor: Actor,
  plan: TreePlan,
  stored: repo.UnitRow[],
  { creates, updates }: ReturnType<typeof changesIn>,
) {
  const { tenantId } = actor.principal;
  const { state, paths } = plan;
  // Codes that move between units are freed first: the unique index is checked row by row.
  await repo.clearUnitCodes(
    tx,
    tenantId,
    updates.filter((u) => state.get(u.id)!.code !== u.before.code).map((u) => u.id),
  );
  const inserted = creates.map(({ id }) => {
    const u = state.get(id)!;
    return {
      tenantId,
      ...u,
      kind: u.kind!,
      name: u.name!,
      nameFolded: fold(u.name!),
      path: paths.get(id)!,
    };
  });
  await repo.insertUnits(tx, inserted);
  const patches = new Map<string, Record<string, unknown>>();
  for (const { id, before } of updates) {
    const u = state.get(id)!;
    const patch: Record<string, unknown> = {};
    for (const f of FIELDS) if (u[f] !== before[f]) patch[f] = u[f];
    if (patch.name !== undefined) patch.nameFolded = fold(u.name!);
    if (paths.get(id) !== before.path) patch.path = paths.get(id);
    if (!(await repo.updateUnit(tx, tenantId, id, before.version, patch))) throw stale();
    patches.set(id, patch);
  }
  // Units below a unit that moved take its new path.
  const written = new Set([...creates, ...updates].map((p) => p.id));
  for (const u of stored) {
    const path = paths.get(u.id)!;
    if (!written.has(u.id) && path !== u.path) await repo.setUnitPath(tx, tenantId, u.id, path);
  }

  const audit = {
    tenantId,
    actorId: actor.principal.userId,
    requestId: actor.requestId,
    resourceType: 'unit',
  };
  const insertedById = new Map(inserted.map((r) => [r.id, r]));
  for (const { id, before } of plan.rows) {
    if (insertedById.has(id))
      await appendAudit(tx, {
        ...audit,
        action: 'unit.created',
        resourceId: id,
        after: insertedById.get(id),
      });
    else if (patches.has(id))
      await appendAudit(tx, {
        ...audit,
        action: 'unit.updated',
        resourceId: id,
        before,
        after: patches.get(id),
      });
  }
}

/**
 * Imports units from an .xlsx or CSV file. Upserts by `Mã định danh` (id); a row without an id
 * updates the unit with its `Mã đơn vị` (code), or else creates a unit whose id is made from its
 * name. Parents and successors are given by id or code and may be defined anywhere in the file.
 * Throws `ImportInvalid` (nothing written) when any row is wrong.
 */
export async function importUnitsFromFile(
  deps: Deps,
  actor: Actor,
  buffer: Uint8Array,
  format: SheetFormat | 'auto' = 'auto',
  opts: ImportOptions = {},
): Promise<ImportReport> {
  requirePermission(actor, P.unitWrite);
  const sheet = await loadSheet(buffer, format, opts.filename);
  const errors: RowError[] = [];
  const rows = readRows(sheet, UNIT_COLUMNS, readers, errors);
  const canWriteAt = scopeCheck(actor, P.unitWrite);

  return writeTransaction(deps, async (tx) => {
    const stored = await repo.allUnits(tx, actor.principal.tenantId);
    const plan = planTree(rows, stored, errors);
    const changes = changesIn(plan, canWriteAt, errors);
    if (errors.length) fail(errors);
    const report: ImportReport = {
      imported: rows.length,
      created: changes.creates.length,
      updated: changes.updates.length,
      errors: [],
    };
    if (opts.dryRun) return report;
    await writeTree(tx, actor, plan, stored, changes);
    const { errors: _none, ...counts } = report;
    await appendAudit(tx, {
      tenantId: actor.principal.tenantId,
      actorId: actor.principal.userId,
      requestId: actor.requestId,
      action: 'unit.imported',
      resourceType: 'import',
      resourceId: randomUUID(),
      after: { filename: opts.filename ?? null, ...counts },
    });
    return report;
  });
}

/** Parents before children, siblings by their order then name. */
function treeOrder(rows: repo.UnitRow[]): repo.UnitRow[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, repo.UnitRow[]>();
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

/** Every unit, as the list endpoint shows them to anyone holding unit.read. */
export async function exportUnits(deps: Deps, actor: Actor, format: SheetFormat): Promise<ExportedFile> {
  requirePermission(actor, P.unitRead);
  const rows = treeOrder(await repo.allUnits(deps.db, actor.principal.tenantId));
  const data = rows.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    abbr: u.abbr,
    kind: formatKind(u.kind),
    parent: u.parentId,
    validFrom: u.validFrom,
    validTo: u.validTo,
    successor: u.successorId,
    sortOrder: u.sortOrder,
  })) satisfies Array<Record<UnitColumn, ExportValue>>;
  return render(format, 'Danh sách đơn vị', deps.now(), 'Đơn vị', UNIT_COLUMNS, data);
}

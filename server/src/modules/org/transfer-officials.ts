/** Importing and exporting officials (cán bộ, công chức, viên chức). */
import { randomUUID } from 'node:crypto';
import { P, scopePaths } from '@dieuhanh/core/access/permissions';
import type { ImportReport } from '@dieuhanh/core/api/org';
import { fold } from '@dieuhanh/core/text/fold';
import { appendAudit } from '../../platform/audit.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { ExportValue } from '../../platform/exports/index.ts';
import * as repo from './repository.ts';
import { EMAIL, formatBoolean, OFFICIAL_COLUMNS, type RowError, readBoolean } from './transfer-columns.ts';
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

type OfficialColumn = (typeof OFFICIAL_COLUMNS)[number]['key'];

const readers = {
  code: text,
  fullName: text,
  position: text,
  unit: text,
  email: text,
  phone: text,
  active: readBoolean,
  id: text,
} satisfies Record<OfficialColumn, unknown>;

const FIELDS = ['unitId', 'code', 'fullName', 'position', 'email', 'phone', 'active'] as const;
type OfficialState = Pick<repo.OfficialRow, 'id' | (typeof FIELDS)[number]>;

interface RowPlan {
  row: number;
  id: string;
  before: repo.OfficialRow | null;
  /** The column that named the stored official. */
  key: 'id' | 'code';
  next: OfficialState;
}

/**
 * Which official each row is about (the stored one with the row's id, else with its code, else a
 * new one) and what it will hold; checks required fields, the unit, the email and code clashes.
 */
async function planRows(
  tx: Db,
  tenantId: string,
  rows: Array<{ row: number; given: Given<OfficialColumn> }>,
  units: repo.UnitRow[],
  errors: RowError[],
): Promise<RowPlan[]> {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitByCode = new Map(units.flatMap((u) => (u.code ? [[u.code, u] as const] : [])));
  const given = (key: OfficialColumn) => rows.flatMap((r) => str(r.given[key]) ?? []);
  const stored = await repo.officialsByIdsOrCodes(tx, tenantId, given('id'), given('code'));
  const byId = new Map(stored.map((o) => [o.id, o]));
  const byCode = new Map(stored.flatMap((o) => (o.code ? [[o.code, o] as const] : [])));

  const plans: RowPlan[] = [];
  const rowOf = new Map<string, number>();
  for (const { row, given } of rows) {
    const givenId = str(given.id);
    const code = str(given.code);
    const key = givenId && byId.has(givenId) ? 'id' : 'code';
    const before = (givenId && byId.get(givenId)) || (code && byCode.get(code)) || null;
    const id = before?.id ?? givenId ?? randomUUID();
    if (rowOf.has(id)) {
      errors.push(
        rowError(
          row,
          key,
          `Trùng cán bộ với dòng ${rowOf.get(id)}.`,
          `Same official as row ${rowOf.get(id)}.`,
        ),
      );
      continue;
    }
    rowOf.set(id, row);
    const next: OfficialState = before
      ? { ...before }
      : { id, unitId: '', code: null, fullName: '', position: null, email: null, phone: null, active: true };
    for (const key of ['code', 'position', 'email', 'phone'] as const) {
      if (given[key] !== undefined) next[key] = given[key] as string | null;
    }
    if (given.fullName !== undefined) next.fullName = (given.fullName as string | null) ?? '';
    // A blank "Đang công tác" keeps the stored value (new officials: active).
    if (typeof given.active === 'boolean') next.active = given.active;
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
    // A stored address that does not change is not re-judged.
    if (next.email && next.email !== before?.email && !EMAIL.test(next.email))
      errors.push(
        rowError(
          row,
          'email',
          `Email "${next.email}" không đúng định dạng.`,
          `Email "${next.email}" is not a valid address.`,
        ),
      );
    plans.push({ row, id, before, key, next });
  }

  // A code may be used once: in the file, and by stored officials the file does not re-code.
  const planById = new Map(plans.map((p) => [p.id, p]));
  const fileCodes = new Map<string, number>();
  for (const plan of plans) {
    const code = plan.next.code;
    if (!code) continue;
    const owner = byCode.get(code);
    const ownerPlan = owner ? planById.get(owner.id) : undefined;
    const taken = owner && owner.id !== plan.id && (!ownerPlan || ownerPlan.next.code === code);
    const earlier = fileCodes.get(code);
    if (earlier !== undefined || taken)
      errors.push(
        rowError(
          plan.row,
          'code',
          `Mã cán bộ "${code}" đã được dùng${earlier ? ` ở dòng ${earlier}` : ''}.`,
          `Official code "${code}" is already used${earlier ? ` on row ${earlier}` : ''}.`,
        ),
      );
    else fileCodes.set(code, plan.row);
  }
  return plans;
}

/** Creations and updates (unchanged rows are left alone); both sides of a move must be in scope. */
function changesIn(
  plans: RowPlan[],
  units: repo.UnitRow[],
  canWriteAt: (path: string) => boolean,
  errors: RowError[],
) {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const creates: RowPlan[] = [];
  const updates: Array<RowPlan & { before: repo.OfficialRow }> = [];
  for (const plan of plans) {
    const { before, next } = plan;
    if (before && FIELDS.every((f) => next[f] === before[f])) continue;
    if (before) updates.push({ ...plan, before });
    else creates.push(plan);
    const from = before ? unitById.get(before.unitId) : undefined;
    const to = unitById.get(next.unitId);
    if (from && !canWriteAt(from.path))
      errors.push(
        rowError(
          plan.row,
          plan.key,
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
  return { creates, updates };
}

async function writeOfficials(
  tx: Db,
  actor: Actor,
  plans: RowPlan[],
  { creates, updates }: ReturnType<typeof changesIn>,
) {
  const { tenantId } = actor.principal;
  // Codes that move between officials are freed first: the unique index is checked row by row.
  await repo.clearOfficialCodes(
    tx,
    tenantId,
    updates.filter((u) => u.next.code !== u.before.code).map((u) => u.id),
  );
  const inserted = creates.map(({ next }) => ({ tenantId, ...next, nameFolded: fold(next.fullName) }));
  await repo.insertOfficials(tx, inserted);
  const patches = new Map<string, Record<string, unknown>>();
  for (const { id, before, next } of updates) {
    const patch: Record<string, unknown> = {};
    for (const f of FIELDS) if (next[f] !== before[f]) patch[f] = next[f];
    if (patch.fullName !== undefined) patch.nameFolded = fold(next.fullName);
    if (!(await repo.updateOfficial(tx, tenantId, id, before.version, patch))) throw stale();
    patches.set(id, patch);
  }

  const audit = {
    tenantId,
    actorId: actor.principal.userId,
    requestId: actor.requestId,
    resourceType: 'official',
  };
  const insertedById = new Map(inserted.map((r) => [r.id, r]));
  for (const { id, before } of plans) {
    if (insertedById.has(id))
      await appendAudit(tx, {
        ...audit,
        action: 'official.created',
        resourceId: id,
        after: insertedById.get(id),
      });
    else if (patches.has(id))
      await appendAudit(tx, {
        ...audit,
        action: 'official.updated',
        resourceId: id,
        before,
        after: patches.get(id),
      });
  }
}

/**
 * Imports officials from an .xlsx or CSV file. Upserts by `Mã định danh` (id) when it names a
 * stored official, else by `Mã cán bộ` (code); other rows create officials. `Đơn vị` is a unit
 * id or code. Throws `ImportInvalid` (nothing written) when any row is wrong.
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
  const rows = readRows(sheet, OFFICIAL_COLUMNS, readers, errors);
  const canWriteAt = scopeCheck(actor, P.officialWrite);

  return writeTransaction(deps, async (tx) => {
    const units = await repo.allUnits(tx, tenantId);
    const plans = await planRows(tx, tenantId, rows, units, errors);
    const changes = changesIn(plans, units, canWriteAt, errors);
    if (errors.length) fail(errors);
    const report: ImportReport = {
      imported: rows.length,
      created: changes.creates.length,
      updated: changes.updates.length,
      errors: [],
    };
    if (opts.dryRun) return report;
    await writeOfficials(tx, actor, plans, changes);
    const { errors: _none, ...counts } = report;
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      requestId: actor.requestId,
      action: 'official.imported',
      resourceType: 'import',
      resourceId: randomUUID(),
      after: { filename: opts.filename ?? null, ...counts },
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
  // One query, not pages: pages ordered by (unit, name) could split ties between them.
  const { items } = await repo.listOfficials(deps.db, tenantId, filter, 1_000_000, 0);
  const data = items.map((o) => ({
    code: o.code,
    fullName: o.fullName,
    position: o.position,
    unit: o.unitId,
    email: o.email,
    phone: o.phone,
    active: formatBoolean(o.active),
    id: o.id,
  })) satisfies Array<Record<OfficialColumn, ExportValue>>;
  return render(format, 'Danh sách cán bộ', deps.now(), 'Cán bộ', OFFICIAL_COLUMNS, data);
}

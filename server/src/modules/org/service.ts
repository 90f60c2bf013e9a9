import { randomUUID } from 'node:crypto';
import { P, scopePaths } from '@dieuhanh/core/access/permissions';
import type {
  Official,
  OfficialCreate,
  OfficialListQuery,
  OfficialUpdate,
  Unit,
  UnitCreate,
  UnitListQuery,
  UnitUpdate,
} from '@dieuhanh/core/api/org';
import {
  Conflict,
  type FieldProblem,
  Forbidden,
  fieldProblem,
  Invalid,
  NotFound,
} from '@dieuhanh/core/errors';
import type { UnitKind } from '@dieuhanh/core/org/units';
import { fold, nfc } from '@dieuhanh/core/text/fold';
import { appendAudit } from '../../platform/audit.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import * as repo from './repository.ts';

export function toUnit(row: repo.UnitRow): Unit {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind as UnitKind,
    code: row.code,
    name: row.name,
    abbr: row.abbr,
    validFrom: row.validFrom,
    validTo: row.validTo,
    successorId: row.successorId,
    sortOrder: row.sortOrder,
    version: row.version,
  };
}

export function toOfficial(row: repo.OfficialRow): Official {
  return {
    id: row.id,
    unitId: row.unitId,
    code: row.code,
    fullName: row.fullName,
    position: row.position,
    email: row.email,
    phone: row.phone,
    active: row.active,
    version: row.version,
  };
}

const stale = () =>
  new Conflict(
    'stale_version',
    'Dữ liệu đã bị người khác thay đổi, vui lòng tải lại.',
    'The record was changed by someone else; reload it.',
  );

export async function listUnits(deps: Deps, actor: Actor, query: UnitListQuery) {
  requirePermission(actor, P.unitRead);
  const { items, total } = await repo.listUnits(
    deps.db,
    actor.principal.tenantId,
    {
      foldedQuery: query.q ? fold(query.q) : undefined,
      kind: query.kind,
      parentId: query.parentId,
      validOn: query.validOn,
    },
    query.limit ?? 1000,
    query.offset ?? 0,
  );
  return { items: items.map(toUnit), total };
}

export async function getUnit(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, P.unitRead);
  const row = await repo.getUnitRow(deps.db, actor.principal.tenantId, id);
  if (!row) throw new NotFound('unit');
  return toUnit(row);
}

function canWriteAt(actor: Actor, path: string) {
  return scopePaths(actor.principal, P.unitWrite).some((p) => path.startsWith(p));
}

/** Checks a unit's fields against the rest of the tree; returns the problems (empty when valid). */
export async function unitProblems(
  db: Db,
  tenantId: string,
  unit: {
    id: string;
    parentId: string | null;
    code?: string | null | undefined;
    validFrom?: string | null | undefined;
    validTo?: string | null | undefined;
    successorId?: string | null | undefined;
  },
  existingPath: string | null,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (unit.parentId) {
    const parent = await repo.getUnitRow(db, tenantId, unit.parentId);
    if (!parent)
      problems.push(
        fieldProblem('/parentId', 'Đơn vị cấp trên không tồn tại.', 'The parent unit does not exist.'),
      );
    else if (existingPath && parent.path.startsWith(existingPath)) {
      problems.push(
        fieldProblem(
          '/parentId',
          'Không thể đặt đơn vị làm cấp dưới của chính nó.',
          'A unit cannot be moved under itself.',
        ),
      );
    }
  }
  if (unit.code) {
    const owner = await repo.unitCodeOwner(db, tenantId, unit.code);
    if (owner && owner !== unit.id)
      problems.push(
        fieldProblem(
          '/code',
          `Mã đơn vị "${unit.code}" đã được dùng.`,
          `Unit code "${unit.code}" is already used.`,
        ),
      );
  }
  if (unit.validFrom && unit.validTo && unit.validTo < unit.validFrom) {
    problems.push(
      fieldProblem(
        '/validTo',
        'Ngày hết hiệu lực phải sau ngày bắt đầu.',
        'The end date must not be before the start date.',
      ),
    );
  }
  if (unit.successorId) {
    if (unit.successorId === unit.id)
      problems.push(
        fieldProblem(
          '/successorId',
          'Đơn vị kế thừa không thể là chính nó.',
          'A unit cannot succeed itself.',
        ),
      );
    else if (!(await repo.getUnitRow(db, tenantId, unit.successorId))) {
      problems.push(
        fieldProblem('/successorId', 'Đơn vị kế thừa không tồn tại.', 'The successor unit does not exist.'),
      );
    }
  }
  return problems;
}

export async function createUnit(deps: Deps, actor: Actor, input: UnitCreate) {
  requirePermission(actor, P.unitWrite);
  const { tenantId } = actor.principal;
  const id = input.id ?? randomUUID();
  return deps.db.transaction(async (tx) => {
    if (await repo.getUnitRow(tx, tenantId, id))
      throw new Conflict('unit_exists', 'Mã định danh đơn vị đã tồn tại.', 'A unit with this id exists.');
    const parent = input.parentId ? await repo.getUnitRow(tx, tenantId, input.parentId) : null;
    const problems = await unitProblems(tx, tenantId, { ...input, id }, null);
    if (problems.length) throw new Invalid(problems);
    if (!canWriteAt(actor, parent?.path ?? '/')) throw new Forbidden();
    const row = {
      tenantId,
      id,
      parentId: input.parentId,
      path: `${parent?.path ?? '/'}${id}/`,
      kind: input.kind,
      code: input.code ?? null,
      name: nfc(input.name).trim(),
      abbr: input.abbr ? nfc(input.abbr).trim() : null,
      nameFolded: fold(input.name),
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      successorId: input.successorId ?? null,
      sortOrder: input.sortOrder ?? 0,
    };
    await repo.insertUnit(tx, row);
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'unit.created',
      resourceType: 'unit',
      resourceId: id,
      after: row,
      requestId: actor.requestId,
    });
    return toUnit((await repo.getUnitRow(tx, tenantId, id))!);
  });
}

export async function updateUnit(deps: Deps, actor: Actor, id: string, input: UnitUpdate) {
  requirePermission(actor, P.unitWrite);
  const { tenantId } = actor.principal;
  return deps.db.transaction(async (tx) => {
    const before = await repo.getUnitRow(tx, tenantId, id);
    if (!before) throw new NotFound('unit');
    if (!canWriteAt(actor, before.path)) throw new Forbidden();
    const next = { ...before, ...input, id };
    const problems = await unitProblems(tx, tenantId, next, before.path);
    if (problems.length) throw new Invalid(problems);
    const { version, ...fields } = input;
    const patch: Record<string, unknown> = { ...fields };
    if (fields.name) {
      patch.name = nfc(fields.name).trim();
      patch.nameFolded = fold(fields.name);
    }
    if (fields.abbr) patch.abbr = nfc(fields.abbr).trim();
    let newPath = before.path;
    if (input.parentId !== undefined && input.parentId !== before.parentId) {
      const parent = input.parentId ? await repo.getUnitRow(tx, tenantId, input.parentId) : null;
      newPath = `${parent?.path ?? '/'}${id}/`;
      if (!canWriteAt(actor, newPath)) throw new Forbidden();
    }
    const updated = await repo.updateUnit(tx, tenantId, id, version, patch);
    if (!updated) throw stale();
    if (newPath !== before.path) await repo.rewriteSubtreePaths(tx, tenantId, before.path, newPath);
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'unit.updated',
      resourceType: 'unit',
      resourceId: id,
      before,
      after: patch,
      requestId: actor.requestId,
    });
    return toUnit((await repo.getUnitRow(tx, tenantId, id))!);
  });
}

async function officialScope(actor: Actor, permission: typeof P.officialRead | typeof P.officialWrite) {
  return scopePaths(actor.principal, permission);
}

export async function listOfficials(deps: Deps, actor: Actor, query: OfficialListQuery) {
  requirePermission(actor, P.officialRead);
  const { tenantId } = actor.principal;
  let subtreePath: string | undefined;
  if (query.unitId && query.subtree)
    subtreePath = (await repo.getUnitRow(deps.db, tenantId, query.unitId))?.path ?? '/nonexistent/';
  const { items, total } = await repo.listOfficials(
    deps.db,
    tenantId,
    {
      foldedQuery: query.q ? fold(query.q) : undefined,
      unitId: query.unitId,
      subtreePath,
      scopePaths: await officialScope(actor, P.officialRead),
    },
    query.limit ?? 100,
    query.offset ?? 0,
  );
  return { items: items.map(toOfficial), total };
}

async function visibleOfficial(
  deps: Deps,
  actor: Actor,
  id: string,
  permission: typeof P.officialRead | typeof P.officialWrite,
) {
  const row = await repo.getOfficialRow(deps.db, actor.principal.tenantId, id);
  const unit = row ? await repo.getUnitRow(deps.db, actor.principal.tenantId, row.unitId) : null;
  if (!row || !unit || !(await officialScope(actor, permission)).some((p) => unit.path.startsWith(p)))
    throw new NotFound('official');
  return row;
}

export async function getOfficial(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, P.officialRead);
  return toOfficial(await visibleOfficial(deps, actor, id, P.officialRead));
}

async function writableUnit(db: Db, actor: Actor, unitId: string) {
  const unit = await repo.getUnitRow(db, actor.principal.tenantId, unitId);
  if (!unit || !scopePaths(actor.principal, P.officialWrite).some((p) => unit.path.startsWith(p))) {
    throw new Invalid([
      fieldProblem(
        '/unitId',
        'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý.',
        'No such unit within your scope.',
      ),
    ]);
  }
  return unit;
}

export async function createOfficial(deps: Deps, actor: Actor, input: OfficialCreate) {
  requirePermission(actor, P.officialWrite);
  const { tenantId } = actor.principal;
  return deps.db.transaction(async (tx) => {
    await writableUnit(tx, actor, input.unitId);
    if (input.code && (await repo.officialByCode(tx, tenantId, input.code))) {
      throw new Invalid([
        fieldProblem(
          '/code',
          `Mã cán bộ "${input.code}" đã được dùng.`,
          `Official code "${input.code}" is already used.`,
        ),
      ]);
    }
    const id = randomUUID();
    const row = {
      tenantId,
      id,
      unitId: input.unitId,
      code: input.code ?? null,
      fullName: nfc(input.fullName).trim(),
      nameFolded: fold(input.fullName),
      position: input.position ? nfc(input.position).trim() : null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      active: input.active ?? true,
    };
    await repo.insertOfficial(tx, row);
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'official.created',
      resourceType: 'official',
      resourceId: id,
      after: row,
      requestId: actor.requestId,
    });
    return toOfficial((await repo.getOfficialRow(tx, tenantId, id))!);
  });
}

export async function updateOfficial(deps: Deps, actor: Actor, id: string, input: OfficialUpdate) {
  requirePermission(actor, P.officialWrite);
  const { tenantId } = actor.principal;
  const before = await visibleOfficial(deps, actor, id, P.officialWrite);
  return deps.db.transaction(async (tx) => {
    if (input.unitId) await writableUnit(tx, actor, input.unitId);
    if (input.code) {
      const owner = await repo.officialByCode(tx, tenantId, input.code);
      if (owner && owner.id !== id)
        throw new Invalid([
          fieldProblem(
            '/code',
            `Mã cán bộ "${input.code}" đã được dùng.`,
            `Official code "${input.code}" is already used.`,
          ),
        ]);
    }
    const { version, ...fields } = input;
    const patch: Record<string, unknown> = { ...fields };
    if (fields.fullName) {
      patch.fullName = nfc(fields.fullName).trim();
      patch.nameFolded = fold(fields.fullName);
    }
    if (fields.position) patch.position = nfc(fields.position).trim();
    const updated = await repo.updateOfficial(tx, tenantId, id, version, patch);
    if (!updated) throw stale();
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'official.updated',
      resourceType: 'official',
      resourceId: id,
      before,
      after: patch,
      requestId: actor.requestId,
    });
    return toOfficial(updated);
  });
}

import { randomUUID } from 'node:crypto';
import { P, type Role, scopePaths } from '@dieuhanh/core/access/permissions';
import type { User, UserCreate, UserUpdate } from '@dieuhanh/core/api/auth';
import { Conflict, fieldProblem, Invalid, NotFound } from '@dieuhanh/core/errors';
import { appendAudit } from '../../platform/audit.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { deleteUserSessions } from '../auth/repository.ts';
import { getOfficialRow, getUnitRow, rootPath } from '../org/repository.ts';
import * as repo from './repository.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.getUser>>>;

async function toViews(db: Db, tenantId: string, rows: Row[]): Promise<User[]> {
  const grants = await repo.grantsOf(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map(({ unitPath: _path, ...row }) => ({
    ...row,
    unitId: row.unitId ?? null,
    grants: grants
      .filter((g) => g.userId === row.id)
      .map((g) => ({ id: g.id, role: g.role as Role, unitId: g.unitId, unitName: g.unitName })),
  }));
}

export async function getUserView(db: Db, tenantId: string, userId: string): Promise<User | null> {
  const row = await repo.getUser(db, tenantId, userId);
  return row ? ((await toViews(db, tenantId, [row]))[0] ?? null) : null;
}

/** Where a user "lives" for administration: their official's unit, or the root. */
async function userPath(db: Db, tenantId: string, row: Row): Promise<string> {
  return row.unitPath ?? (await rootPath(db, tenantId));
}

async function visibleUser(
  deps: Deps,
  actor: Actor,
  userId: string,
  permission: typeof P.userRead | typeof P.userWrite,
): Promise<Row> {
  const { tenantId } = actor.principal;
  const row = await repo.getUser(deps.db, tenantId, userId);
  const path = row ? await userPath(deps.db, tenantId, row) : undefined;
  if (!row || !path || !scopePaths(actor.principal, permission).some((p) => path.startsWith(p)))
    throw new NotFound('user');
  return row;
}

export async function listUsers(deps: Deps, actor: Actor, q: string | undefined, limit = 100, offset = 0) {
  requirePermission(actor, P.userRead);
  const { tenantId } = actor.principal;
  const { items, total } = await repo.listUsers(
    deps.db,
    tenantId,
    scopePaths(actor.principal, P.userRead),
    await rootPath(deps.db, tenantId),
    q?.trim(),
    limit,
    offset,
  );
  return { items: await toViews(deps.db, tenantId, items), total };
}

export async function getUser(deps: Deps, actor: Actor, userId: string) {
  requirePermission(actor, P.userRead);
  const row = await visibleUser(deps, actor, userId, P.userRead);
  return (await toViews(deps.db, actor.principal.tenantId, [row]))[0]!;
}

async function checkOfficial(db: Db, actor: Actor, officialId: string | null | undefined) {
  if (!officialId) return;
  const official = await getOfficialRow(db, actor.principal.tenantId, officialId);
  const unit = official ? await getUnitRow(db, actor.principal.tenantId, official.unitId) : null;
  if (!unit || !scopePaths(actor.principal, P.userWrite).some((p) => unit.path.startsWith(p))) {
    throw new Invalid([
      fieldProblem(
        '/officialId',
        'Không tìm thấy cán bộ trong phạm vi quản lý.',
        'No such official within your scope.',
      ),
    ]);
  }
}

export async function createUser(deps: Deps, actor: Actor, input: UserCreate) {
  requirePermission(actor, P.userWrite);
  const { tenantId } = actor.principal;
  const username = input.username.toLowerCase();
  await checkOfficial(deps.db, actor, input.officialId);
  if (
    !input.officialId &&
    !actor.principal.grants.some((g) => g.role === 'admin' && g.unitPath.split('/').length === 3)
  ) {
    throw new Invalid([
      fieldProblem(
        '/officialId',
        'Cần gắn tài khoản với một cán bộ thuộc đơn vị bạn quản lý.',
        'Link the account to an official of a unit you administer.',
      ),
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    if (await repo.usernameTaken(tx, tenantId, username)) {
      throw new Conflict('username_taken', 'Tên đăng nhập đã tồn tại.', 'The username is already taken.');
    }
    const row = {
      tenantId,
      id,
      username,
      displayName: input.displayName.normalize('NFC').trim(),
      email: input.email ?? null,
      officialId: input.officialId ?? null,
      locale: input.locale ?? 'vi',
      passwordHash,
      passwordChangedAt: deps.now(),
    };
    await repo.insertUser(tx, row);
    const { passwordHash: _hidden, ...after } = row;
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'user.created',
      resourceType: 'user',
      resourceId: id,
      after,
      requestId: actor.requestId,
    });
  });
  return getUser(deps, actor, id);
}

export async function updateUser(deps: Deps, actor: Actor, userId: string, input: UserUpdate) {
  requirePermission(actor, P.userWrite);
  const { tenantId } = actor.principal;
  const before = await visibleUser(deps, actor, userId, P.userWrite);
  await checkOfficial(deps.db, actor, input.officialId);
  const { version, password, ...rest } = input;
  const patch: Record<string, unknown> = { ...rest };
  if (rest.displayName) patch.displayName = rest.displayName.normalize('NFC').trim();
  if (password) {
    patch.passwordHash = await hashPassword(password);
    patch.passwordChangedAt = deps.now();
  }
  await deps.db.transaction(async (tx) => {
    if (!(await repo.updateUser(tx, tenantId, userId, version, patch))) {
      throw new Conflict(
        'stale_version',
        'Dữ liệu đã bị người khác thay đổi, vui lòng tải lại.',
        'The record was changed by someone else; reload it.',
      );
    }
    if (password || input.disabled) await deleteUserSessions(tx, tenantId, userId);
    const { passwordHash: _hidden, ...after } = patch;
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'user.updated',
      resourceType: 'user',
      resourceId: userId,
      before,
      after: { ...after, passwordReset: Boolean(password) },
      requestId: actor.requestId,
    });
  });
  return getUser(deps, actor, userId);
}

export async function addGrant(deps: Deps, actor: Actor, userId: string, role: Role, unitId: string) {
  const { tenantId } = actor.principal;
  await visibleUser(deps, actor, userId, P.userWrite);
  const unit = await getUnitRow(deps.db, tenantId, unitId);
  if (!unit || !scopePaths(actor.principal, P.userWrite).some((p) => unit.path.startsWith(p))) {
    throw new Invalid([
      fieldProblem(
        '/unitId',
        'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý.',
        'No such unit within your scope.',
      ),
    ]);
  }
  await deps.db.transaction(async (tx) => {
    const id = randomUUID();
    if (
      !(await repo.insertGrant(tx, { tenantId, id, userId, role, unitId, grantedBy: actor.principal.userId }))
    ) {
      throw new Conflict(
        'grant_exists',
        'Người dùng đã có vai trò này tại đơn vị.',
        'The user already has this role on this unit.',
      );
    }
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'grant.created',
      resourceType: 'user',
      resourceId: userId,
      after: { grantId: id, role, unitId },
      requestId: actor.requestId,
    });
  });
  return getUser(deps, actor, userId);
}

export async function removeGrant(deps: Deps, actor: Actor, userId: string, grantId: string) {
  const { tenantId } = actor.principal;
  await visibleUser(deps, actor, userId, P.userWrite);
  const grant = await repo.getGrant(deps.db, tenantId, grantId);
  if (
    !grant ||
    grant.userId !== userId ||
    !scopePaths(actor.principal, P.userWrite).some((p) => grant.unitPath.startsWith(p))
  ) {
    throw new NotFound('grant');
  }
  await deps.db.transaction(async (tx) => {
    await repo.deleteGrant(tx, tenantId, grantId);
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'grant.deleted',
      resourceType: 'user',
      resourceId: userId,
      before: { grantId, role: grant.role, unitId: grant.unitId },
      requestId: actor.requestId,
    });
  });
  return getUser(deps, actor, userId);
}

import { randomUUID } from 'node:crypto';
import { ROLE_PERMISSIONS } from '@dieuhanh/core/access/permissions';
import type { Me } from '@dieuhanh/core/api/auth';
import { DomainError, fieldProblem, Invalid, NotFound } from '@dieuhanh/core/errors';
import { eq } from 'drizzle-orm';
import { tenants } from '../../db/schema/index.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Deps } from '../../platform/context.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { randomToken, sha256 } from '../../platform/tokens.ts';
import { getUserView } from '../users/service.ts';
import * as repo from './repository.ts';

const badCredentials = () =>
  new DomainError(
    401,
    'invalid_credentials',
    'Tên đăng nhập hoặc mật khẩu không đúng.',
    'Wrong username or password.',
  );

export async function login(
  deps: Deps,
  input: { username: string; password: string; tenant?: string | undefined },
  requestId: string,
) {
  const tenantId = input.tenant ?? deps.config.defaultTenant;
  const now = deps.now();
  const user = await repo.findUserByUsername(deps.db, tenantId, input.username.trim().toLowerCase());
  if (!user || user.disabled || !user.passwordHash) {
    // Same cost as a real check, so response time does not reveal which usernames exist.
    await verifyPassword(await dummyHash(), input.password);
    throw badCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new DomainError(
      423,
      'account_locked',
      `Tài khoản tạm khóa do đăng nhập sai nhiều lần, thử lại sau ${Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000)} phút.`,
      'The account is temporarily locked after repeated failed logins.',
      [],
      { lockedUntil: user.lockedUntil.toISOString() },
    );
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockUntil = new Date(now.getTime() + deps.config.loginLockMinutes * 60_000);
    await deps.db.transaction(async (tx) => {
      const row = await repo.recordFailedLogin(
        tx,
        tenantId,
        user.id,
        deps.config.loginMaxFailures,
        lockUntil,
      );
      await appendAudit(tx, {
        tenantId,
        actorId: null,
        action: 'auth.login_failed',
        resourceType: 'user',
        resourceId: user.id,
        after: { failedLogins: row?.failedLogins ?? null, lockedUntil: row?.lockedUntil ?? null },
        requestId,
      });
    });
    throw badCredentials();
  }
  const token = randomToken();
  const csrfToken = randomToken(24);
  await deps.db.transaction(async (tx) => {
    await repo.resetFailedLogins(tx, tenantId, user.id);
    const sessionId = sha256(token);
    await repo.insertSession(tx, {
      tenantId,
      id: sessionId,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + deps.config.sessionTtlHours * 3600_000),
    });
    await appendAudit(tx, {
      tenantId,
      actorId: user.id,
      action: 'auth.login',
      resourceType: 'user',
      resourceId: user.id,
      requestId,
    });
  });
  const view = await getUserView(deps.db, tenantId, user.id);
  if (!view) throw new NotFound('user');
  return { token, csrfToken, user: view };
}

export async function logout(deps: Deps, actor: Actor, sessionId: string | null) {
  if (!sessionId) return;
  await deps.db.transaction(async (tx) => {
    await repo.deleteSession(tx, actor.principal.tenantId, sessionId);
    await appendAudit(tx, {
      tenantId: actor.principal.tenantId,
      actorId: actor.principal.userId,
      action: 'auth.logout',
      resourceType: 'user',
      resourceId: actor.principal.userId,
      requestId: actor.requestId,
    });
  });
}

export async function me(deps: Deps, actor: Actor, csrfToken: string | null): Promise<Me> {
  const { tenantId, userId, grants } = actor.principal;
  const user = await getUserView(deps.db, tenantId, userId);
  const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!user || !tenant) throw new NotFound('user');
  const roles = [...new Set(grants.map((g) => g.role))];
  const permissions = [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]))].sort();
  return {
    user,
    tenant: { id: tenant.id, name: tenant.name },
    roles,
    permissions,
    grants: user.grants,
    csrfToken,
  };
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
  sessionId: string | null,
) {
  const { tenantId, userId } = actor.principal;
  const user = await repo.findUser(deps.db, tenantId, userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new Invalid([
      fieldProblem('/currentPassword', 'Mật khẩu hiện tại không đúng.', 'The current password is wrong.'),
    ]);
  }
  if (currentPassword === newPassword) {
    throw new Invalid([
      fieldProblem(
        '/newPassword',
        'Mật khẩu mới phải khác mật khẩu cũ.',
        'The new password must differ from the old one.',
      ),
    ]);
  }
  const hashed = await hashPassword(newPassword);
  await deps.db.transaction(async (tx) => {
    await repo.setPassword(tx, tenantId, userId, hashed, deps.now());
    // Other sessions may belong to whoever knew the old password.
    await repo.deleteUserSessions(tx, tenantId, userId, sessionId ?? undefined);
    await appendAudit(tx, {
      tenantId,
      actorId: userId,
      action: 'auth.password_changed',
      resourceType: 'user',
      resourceId: userId,
      requestId: actor.requestId,
    });
  });
}

export async function createApiToken(deps: Deps, actor: Actor, name: string) {
  const { tenantId, userId } = actor.principal;
  const token = `dh_${randomToken()}`;
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertApiToken(tx, {
      tenantId,
      id,
      userId,
      name: name.normalize('NFC'),
      tokenHash: sha256(token),
    });
    await appendAudit(tx, {
      tenantId,
      actorId: userId,
      action: 'api_token.created',
      resourceType: 'api_token',
      resourceId: id,
      after: { name },
      requestId: actor.requestId,
    });
  });
  return { id, name, token };
}

export async function listApiTokens(deps: Deps, actor: Actor) {
  const rows = await repo.listApiTokens(deps.db, actor.principal.tenantId, actor.principal.userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(deps: Deps, actor: Actor, tokenId: string) {
  const { tenantId, userId } = actor.principal;
  await deps.db.transaction(async (tx) => {
    if (!(await repo.revokeApiToken(tx, tenantId, userId, tokenId, deps.now())))
      throw new NotFound('API token');
    await appendAudit(tx, {
      tenantId,
      actorId: userId,
      action: 'api_token.revoked',
      resourceType: 'api_token',
      resourceId: tokenId,
      requestId: actor.requestId,
    });
  });
}

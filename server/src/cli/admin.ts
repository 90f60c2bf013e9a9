import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { fold } from '@dieuhanh/core/text/fold';
import { and, eq, isNull } from 'drizzle-orm';
import { roleGrants, units, users } from '../db/schema/index.ts';
import { findUserByUsername } from '../modules/auth/repository.ts';
import { rootPath } from '../modules/org/repository.ts';
import { appendAudit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { hashPassword } from '../platform/passwords.ts';
import { ensureTenant } from '../platform/tenants.ts';

async function readPassword(): Promise<string> {
  const fromEnv = process.env.DIEUHANH_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('Set DIEUHANH_ADMIN_PASSWORD or run in a terminal.');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const password = await rl.question('Mật khẩu / password (≥ 10 ký tự / characters): ');
  rl.close();
  return password;
}

/**
 * Creates the first administrator of a server deployment — there is never a default password.
 * Creates the tenant and its root unit when they do not exist yet.
 */
export async function adminCreate(
  db: Db,
  opts: {
    tenantId: string;
    tenantName?: string | undefined;
    rootUnitName?: string | undefined;
    username?: string | undefined;
    displayName?: string | undefined;
  },
): Promise<number> {
  const username = opts.username?.trim().toLowerCase();
  if (!username || !/^[a-z0-9._-]{3,50}$/.test(username)) {
    console.error(
      'Cần --username gồm 3–50 ký tự a-z 0-9 . _ - / --username must be 3–50 characters of a-z 0-9 . _ -',
    );
    return 2;
  }
  const password = await readPassword();
  if (password.length < 10) {
    console.error('Mật khẩu phải có ít nhất 10 ký tự / the password must have at least 10 characters');
    return 2;
  }
  if (await findUserByUsername(db, opts.tenantId, username)) {
    console.error(`Tài khoản "${username}" đã tồn tại / user "${username}" already exists`);
    return 1;
  }
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await ensureTenant(tx, opts.tenantId, opts.tenantName ?? opts.tenantId);
    let [root] = await tx
      .select()
      .from(units)
      .where(and(eq(units.tenantId, opts.tenantId), isNull(units.parentId)))
      .limit(1);
    if (!root) {
      const name = (opts.rootUnitName ?? `Ủy ban nhân dân ${opts.tenantName ?? opts.tenantId}`).normalize(
        'NFC',
      );
      const id = 'root';
      await tx.insert(units).values({
        tenantId: opts.tenantId,
        id,
        parentId: null,
        path: `/${id}/`,
        kind: 'committee',
        name,
        nameFolded: fold(name),
      });
      [root] = await tx
        .select()
        .from(units)
        .where(and(eq(units.tenantId, opts.tenantId), eq(units.id, id)));
    }
    const userId = randomUUID();
    await tx.insert(users).values({
      tenantId: opts.tenantId,
      id: userId,
      username,
      displayName: (opts.displayName ?? 'Quản trị hệ thống').normalize('NFC'),
      passwordHash,
      passwordChangedAt: new Date(),
    });
    await tx
      .insert(roleGrants)
      .values({ tenantId: opts.tenantId, id: randomUUID(), userId, role: 'admin', unitId: root!.id });
    await appendAudit(tx, {
      tenantId: opts.tenantId,
      actorId: null,
      action: 'user.created',
      resourceType: 'user',
      resourceId: userId,
      after: { username, role: 'admin', unitId: root!.id, via: 'cli' },
    });
  });
  console.log(
    `Đã tạo quản trị viên / administrator created: ${username} (tenant ${opts.tenantId}, root ${await rootPath(db, opts.tenantId)})`,
  );
  return 0;
}

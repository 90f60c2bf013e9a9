/**
 * The caller's own notifications. Reading them needs only a login: everyone, citizens included,
 * may read what was addressed to them, and nobody else's (another user's id answers 404).
 */
import { NotFound } from '@dieuhanh/core/errors';
import type { Actor } from '../platform/context.ts';
import type { KernelDeps } from './jobs.ts';
import * as repo from './notifications-repository.ts';

export interface NotificationView {
  id: string;
  itemId: string | null;
  itemKind: string | null;
  kind: string;
  titleVi: string;
  titleEn: string;
  createdAt: string;
  readAt: string | null;
}

function toView(row: repo.NotificationRow): NotificationView {
  return {
    id: row.id,
    itemId: row.itemId,
    itemKind: row.itemKind,
    kind: row.kind,
    titleVi: row.titleVi,
    titleEn: row.titleEn,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

export async function listMyNotifications(
  deps: KernelDeps,
  actor: Actor,
  query: { unread?: boolean | undefined; limit?: number | undefined; offset?: number | undefined },
) {
  const { tenantId, userId } = actor.principal;
  const { items, total } = await repo.listNotifications(deps.db, tenantId, userId, {
    unreadOnly: query.unread === true,
    limit: query.limit ?? 50,
    offset: query.offset ?? 0,
  });
  return { items: items.map(toView), total, unread: await repo.unreadCount(deps.db, tenantId, userId) };
}

export async function myUnreadCount(deps: KernelDeps, actor: Actor) {
  return { count: await repo.unreadCount(deps.db, actor.principal.tenantId, actor.principal.userId) };
}

export async function markMyNotificationRead(deps: KernelDeps, actor: Actor, id: string) {
  const ok = await repo.markRead(deps.db, actor.principal.tenantId, actor.principal.userId, id, deps.now());
  if (!ok) throw new NotFound('notification');
}

export async function markAllMyNotificationsRead(deps: KernelDeps, actor: Actor) {
  return {
    updated: await repo.markAllRead(deps.db, actor.principal.tenantId, actor.principal.userId, deps.now()),
  };
}

import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { notifications, settings } from '../db/schema/index.ts';
import type { Db } from '../platform/db.ts';

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotifications(db: Db, rows: Array<typeof notifications.$inferInsert>) {
  if (rows.length) await db.insert(notifications).values(rows);
}

export async function listNotifications(
  db: Db,
  tenantId: string,
  recipientId: string,
  f: { unreadOnly: boolean; limit: number; offset: number },
) {
  const where = and(
    eq(notifications.tenantId, tenantId),
    eq(notifications.recipientId, recipientId),
    f.unreadOnly ? isNull(notifications.readAt) : undefined,
  );
  const items = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(f.limit)
    .offset(f.offset);
  const [total] = await db.select({ n: count() }).from(notifications).where(where);
  return { items, total: total?.n ?? 0 };
}

export async function unreadCount(db: Db, tenantId: string, recipientId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.recipientId, recipientId),
        isNull(notifications.readAt),
      ),
    );
  return row?.n ?? 0;
}

/** Marks one of the recipient's notifications read; false when it is not theirs or does not exist. */
export async function markRead(db: Db, tenantId: string, recipientId: string, id: string, at: Date) {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.recipientId, recipientId),
        eq(notifications.id, id),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(db: Db, tenantId: string, recipientId: string, at: Date) {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.recipientId, recipientId),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export const WEBHOOK_SETTING = 'notify.webhook';

/** The tenant's webhook settings (`{ url, secret }`), if any. */
export async function tenantWebhook(
  db: Db,
  tenantId: string,
): Promise<{ url: string; secret: string } | null> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(and(eq(settings.tenantId, tenantId), eq(settings.key, WEBHOOK_SETTING)));
  const value = row?.value as { url?: unknown; secret?: unknown } | undefined;
  return typeof value?.url === 'string' && typeof value.secret === 'string'
    ? { url: value.url, secret: value.secret }
    : null;
}

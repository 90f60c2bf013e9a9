import {
  bigint,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { tenants } from './platform.ts';

/**
 * Content-addressed files: one row per distinct content per tenant. The bytes live outside the
 * database, in the file store (`DATA_DIR/files/<sha[0:2]>/<sha>`), written before the row's
 * transaction commits; `original_name` is the name of the first upload.
 */
export const files = pgTable(
  'files',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    originalName: text('original_name').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sha256] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
  ],
);

/**
 * A file attached to something: (owner_type, owner_id) names the owner — `directive`, `meeting`,
 * or `user` for a person's own uploads. Reading a file requires seeing one of its owners.
 */
export const attachments = pgTable(
  'attachments',
  {
    tenantId: text('tenant_id').notNull(),
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    purpose: text('purpose').notNull().default('attachment'),
    position: integer('position').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ownerType, t.ownerId, t.sha256] }),
    foreignKey({ columns: [t.tenantId, t.sha256], foreignColumns: [files.tenantId, files.sha256] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    index('attachments_file_idx').on(t.tenantId, t.sha256),
  ],
);

import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { tenants } from './platform.ts';

/**
 * The organisation tree. `path` is the materialised chain of ids from the root ("/a/b/c/") so
 * that "this unit and its subtree" is one indexed prefix match, the basis of grant scoping.
 * `successorId` keeps statistics of dissolved or merged units attached to the unit that took
 * over their work (the July 2025 reform).
 */
export const units = pgTable(
  'units',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    parentId: text('parent_id'),
    path: text('path').notNull(),
    kind: text('kind').notNull(),
    code: text('code'),
    name: text('name').notNull(),
    abbr: text('abbr'),
    nameFolded: text('name_folded').notNull(),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    successorId: text('successor_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.successorId], foreignColumns: [t.tenantId, t.id] }),
    unique('units_code_uq').on(t.tenantId, t.code),
    index('units_path_idx').on(t.tenantId, t.path),
    index('units_parent_idx').on(t.tenantId, t.parentId),
  ],
);

/** Cán bộ, công chức, viên chức: a person employed by a unit. */
export const officials = pgTable(
  'officials',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    unitId: text('unit_id').notNull(),
    code: text('code'),
    fullName: text('full_name').notNull(),
    nameFolded: text('name_folded').notNull(),
    position: text('position'),
    email: text('email'),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    unique('officials_code_uq').on(t.tenantId, t.code),
    index('officials_unit_idx').on(t.tenantId, t.unitId),
  ],
);

import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { units } from './org.ts';
import { tenants } from './platform.ts';

/**
 * The work-item kernel's tables. Every kind of work (task, dossier, feedback, recommendation,
 * job-position plan…) is one row here; a module keeps its own data in its own table keyed by
 * the same (tenant_id, id). Current state lives in the row, history in `work_item_events`.
 */
export const workItems = pgTable(
  'work_items',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    state: text('state').notNull(),
    title: text('title').notNull(),
    /** The unit accountable for the deadline: statistics and escalations go to it. */
    ownerUnitId: text('owner_unit_id').notNull(),
    assigneeId: text('assignee_id'),
    createdBy: text('created_by'),
    /** ClockData (core/src/sla) or null while no deadline runs. */
    clock: jsonb('clock'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    /** early | on_time | late once stopped; cancelled when closed in one of the kind's cancel states. */
    outcome: text('outcome'),
    /**
     * The item counts as overdue in the rollups. Set by the kernel when a change or the overdue
     * job finds the clock past its due moment, cleared when an extension puts it back within.
     */
    overdue: boolean('overdue').notNull().default(false),
    counters: jsonb('counters').notNull().default({}),
    payload: jsonb('payload').notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerUnitId], foreignColumns: [units.tenantId, units.id] }),
    foreignKey({ columns: [t.tenantId, t.assigneeId], foreignColumns: [users.tenantId, users.id] }),
    index('work_items_owner_idx').on(t.tenantId, t.ownerUnitId, t.kind),
    index('work_items_assignee_open_idx').on(t.tenantId, t.assigneeId).where(sql`${t.stoppedAt} is null`),
    index('work_items_due_open_idx').on(t.tenantId, t.dueAt).where(sql`${t.stoppedAt} is null`),
  ],
);

/** Chủ trì / phối hợp: the lead and support units of an item. */
export const workItemUnits = pgTable(
  'work_item_units',
  {
    tenantId: text('tenant_id').notNull(),
    itemId: text('item_id').notNull(),
    unitId: text('unit_id').notNull(),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.itemId, t.unitId] }),
    foreignKey({
      columns: [t.tenantId, t.itemId],
      foreignColumns: [workItems.tenantId, workItems.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    index('work_item_units_unit_idx').on(t.tenantId, t.unitId),
  ],
);

/**
 * Append-only history: one row per change of an item, `seq` equal to the item's version after
 * the change (1 = created). `dedupe_key` makes a job-driven change happen at most once.
 */
export const workItemEvents = pgTable(
  'work_item_events',
  {
    tenantId: text('tenant_id').notNull(),
    itemId: text('item_id').notNull(),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    reason: text('reason'),
    payload: jsonb('payload').notNull().default({}),
    dedupeKey: text('dedupe_key'),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.itemId, t.seq] }),
    foreignKey({
      columns: [t.tenantId, t.itemId],
      foreignColumns: [workItems.tenantId, workItems.id],
    }),
    uniqueIndex('work_item_events_dedupe_uq')
      .on(t.tenantId, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
  ],
);

/**
 * Counters per (unit, kind, month) maintained in the transaction of every change. `period` is
 * the local (UTC+7) month `YYYY-MM`: of receipt for `received` and the open counters, of
 * completion for `completed_*` and `cancelled`.
 */
export const workItemRollups = pgTable(
  'work_item_rollups',
  {
    tenantId: text('tenant_id').notNull(),
    unitId: text('unit_id').notNull(),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    received: integer('received').notNull().default(0),
    completedEarly: integer('completed_early').notNull().default(0),
    completedOnTime: integer('completed_on_time').notNull().default(0),
    completedLate: integer('completed_late').notNull().default(0),
    cancelled: integer('cancelled').notNull().default(0),
    openWithin: integer('open_within').notNull().default(0),
    openOverdue: integer('open_overdue').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.unitId, t.kind, t.period] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    // Flow figures read the months of a range; stock figures only the rows with open items.
    index('work_item_rollups_period_idx').on(t.tenantId, t.period, t.kind),
    index('work_item_rollups_open_idx')
      .on(t.tenantId, t.period)
      .where(sql`${t.openWithin} <> 0 or ${t.openOverdue} <> 0`),
  ],
);

/**
 * Background work, claimed with `FOR UPDATE SKIP LOCKED` so that several app instances can run
 * side by side. `key` (unique per tenant) makes scheduling idempotent; `revision` changes on every
 * reschedule, so a worker finishing an older run cannot mark the newer one done.
 */
export const jobs = pgTable(
  'jobs',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    key: text('key'),
    payload: jsonb('payload').notNull().default({}),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('jobs_key_uq').on(t.tenantId, t.key),
    index('jobs_due_idx').on(t.tenantId, t.runAt).where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
  ],
);

/** In-app notifications; e-mail and webhook deliveries are jobs. */
export const notifications = pgTable(
  'notifications',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    recipientId: text('recipient_id').notNull(),
    itemId: text('item_id'),
    itemKind: text('item_kind'),
    /** What happened: the action (`remind`, `escalate`, `overdue`, a workflow action, `created`). */
    kind: text('kind').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.recipientId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.tenantId, t.itemId],
      foreignColumns: [workItems.tenantId, workItems.id],
    }),
    index('notifications_recipient_idx').on(t.tenantId, t.recipientId, t.createdAt),
    index('notifications_unread_idx').on(t.tenantId, t.recipientId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * Official holiday schedules supplied by an administrator, replacing the shipped (or
 * provisional) schedule of their year for the tenant.
 */
export const calendarSchedules = pgTable(
  'calendar_schedules',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    schedule: jsonb('schedule').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

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
  unique,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { directiveItems, directives, meetingConclusions, meetings } from './directives.ts';
import { workItems } from './kernel.ts';
import { units } from './org.ts';
import { tenants } from './platform.ts';

/**
 * A recurring assignment ("báo cáo trước ngày 20 hằng tháng"): the template from which one task
 * per period is created, ahead of time up to a horizon, by the series' own job.
 */
export const taskSeries = pgTable(
  'task_series',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    sourceKind: text('source_kind').notNull(),
    directiveId: text('directive_id'),
    directiveItemId: text('directive_item_id'),
    meetingId: text('meeting_id'),
    conclusionId: text('conclusion_id'),
    assignerId: text('assigner_id').notNull(),
    leadUnitId: text('lead_unit_id').notNull(),
    supportUnitIds: jsonb('support_unit_ids').notNull().default([]),
    assigneeId: text('assignee_id'),
    priority: text('priority').notNull().default('normal'),
    /** RecurrenceSpec (core/src/tasks/types.ts). */
    recurrence: jsonb('recurrence').notNull(),
    attachments: jsonb('attachments').notNull().default([]),
    /** Key of the last period a task was created for (`2026-03`, `2026-Q2`…). */
    lastPeriod: text('last_period'),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.assignerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.leadUnitId], foreignColumns: [units.tenantId, units.id] }),
    foreignKey({ columns: [t.tenantId, t.assigneeId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({
      columns: [t.tenantId, t.directiveId],
      foreignColumns: [directives.tenantId, directives.id],
    }),
    foreignKey({ columns: [t.tenantId, t.meetingId], foreignColumns: [meetings.tenantId, meetings.id] }),
    foreignKey({
      columns: [t.tenantId, t.directiveItemId],
      foreignColumns: [directiveItems.tenantId, directiveItems.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.conclusionId],
      foreignColumns: [meetingConclusions.tenantId, meetingConclusions.id],
    }),
  ],
);

/**
 * Nhiệm vụ: a work item of kind `task` (state, clock, units, assignee, counters and history live
 * in the kernel's tables) plus what only a task has. Keyed by the work item's (tenant_id, id).
 * Nothing here repeats the kernel's status: `at_risk_at` is an index of the clock (the moment the
 * task becomes "sắp đến hạn"), rewritten whenever the clock changes, so at-risk lists are a range
 * scan.
 */
export const tasks = pgTable(
  'tasks',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    seriesId: text('series_id'),
    period: text('period'),
    sourceKind: text('source_kind').notNull(),
    directiveId: text('directive_id'),
    /** Removing a directive item (or a conclusion) a task was made from is refused (409 `in_use`). */
    directiveItemId: text('directive_item_id'),
    meetingId: text('meeting_id'),
    conclusionId: text('conclusion_id'),
    content: text('content').notNull().default(''),
    /** Folded title and content (core/src/text/fold.ts) for search without diacritics. */
    searchFolded: text('search_folded').notNull(),
    assignerId: text('assigner_id').notNull(),
    priority: text('priority').notNull().default('normal'),
    /** The deadline as given (`{ date }`, `{ workingDays }`, or the series' period due date). */
    deadline: jsonb('deadline').notNull(),
    /** File references `{ sha256, name }`. */
    attachments: jsonb('attachments').notNull().default([]),
    /** When the current lead unit was given the task (creation or last reassignment). */
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    progressPercent: integer('progress_percent').notNull().default(0),
    progressText: text('progress_text'),
    lastProgressAt: timestamp('last_progress_at', { withTimezone: true }),
    /** `{ dueAt, reason, requestedBy, requestedAt }` while an extension request waits. */
    pendingExtension: jsonb('pending_extension'),
    /** `{ text, files, at, by }` once completion is submitted. */
    result: jsonb('result'),
    atRiskAt: timestamp('at_risk_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.id], foreignColumns: [workItems.tenantId, workItems.id] }),
    foreignKey({ columns: [t.tenantId, t.seriesId], foreignColumns: [taskSeries.tenantId, taskSeries.id] }),
    foreignKey({ columns: [t.tenantId, t.assignerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({
      columns: [t.tenantId, t.directiveId],
      foreignColumns: [directives.tenantId, directives.id],
    }),
    foreignKey({ columns: [t.tenantId, t.meetingId], foreignColumns: [meetings.tenantId, meetings.id] }),
    foreignKey({
      columns: [t.tenantId, t.directiveItemId],
      foreignColumns: [directiveItems.tenantId, directiveItems.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.conclusionId],
      foreignColumns: [meetingConclusions.tenantId, meetingConclusions.id],
    }),
    unique('tasks_series_period_uq').on(t.tenantId, t.seriesId, t.period),
    index('tasks_assigner_idx').on(t.tenantId, t.assignerId),
    index('tasks_directive_idx').on(t.tenantId, t.directiveId).where(sql`${t.directiveId} is not null`),
    index('tasks_meeting_idx').on(t.tenantId, t.meetingId).where(sql`${t.meetingId} is not null`),
    index('tasks_at_risk_idx').on(t.tenantId, t.atRiskAt).where(sql`${t.atRiskAt} is not null`),
  ],
);

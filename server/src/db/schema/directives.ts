import {
  date,
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
import { units } from './org.ts';
import { tenants } from './platform.ts';

/**
 * Văn bản chỉ đạo: a directive (công văn, chỉ thị, kế hoạch, thông báo kết luận, quyết định)
 * with its numbered items. `search_folded` is the folded number, subject and body, matched with
 * LIKE; `recipients` keeps the names as written with the units they resolved to.
 */
export const directives = pgTable(
  'directives',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    number: text('number'),
    documentType: text('document_type').notNull(),
    issuerUnitId: text('issuer_unit_id'),
    issuerName: text('issuer_name'),
    signerName: text('signer_name'),
    signerTitle: text('signer_title'),
    signerFolded: text('signer_folded'),
    place: text('place'),
    issuedOn: date('issued_on'),
    subject: text('subject').notNull(),
    recipients: jsonb('recipients').notNull().default([]),
    body: text('body').notNull().default(''),
    searchFolded: text('search_folded').notNull(),
    status: text('status').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.issuerUnitId], foreignColumns: [units.tenantId, units.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    index('directives_issued_idx').on(t.tenantId, t.issuedOn),
    index('directives_issuer_idx').on(t.tenantId, t.issuerUnitId),
  ],
);

/** One numbered item of a directive: what a task is made from. */
export const directiveItems = pgTable(
  'directive_items',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    directiveId: text('directive_id').notNull(),
    position: integer('position').notNull(),
    ref: text('ref').notNull(),
    text: text('text').notNull(),
    deadline: date('deadline'),
    deadlineKind: text('deadline_kind'),
    recurrence: jsonb('recurrence'),
    /** Offsets of the item in the directive's body, for highlighting. */
    span: jsonb('span'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.directiveId],
      foreignColumns: [directives.tenantId, directives.id],
    }).onDelete('cascade'),
    unique('directive_items_ref_uq').on(t.tenantId, t.directiveId, t.ref),
  ],
);

/** Chủ trì / phối hợp of a directive item; a unit holds one role per item. */
export const directiveItemUnits = pgTable(
  'directive_item_units',
  {
    tenantId: text('tenant_id').notNull(),
    itemId: text('item_id').notNull(),
    unitId: text('unit_id').notNull(),
    role: text('role').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.itemId, t.unitId] }),
    foreignKey({
      columns: [t.tenantId, t.itemId],
      foreignColumns: [directiveItems.tenantId, directiveItems.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    index('directive_item_units_unit_idx').on(t.tenantId, t.unitId),
  ],
);

/** Cuộc họp chaired by a leader; its conclusions can become tasks like directive items. */
export const meetings = pgTable(
  'meetings',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    title: text('title').notNull(),
    titleFolded: text('title_folded').notNull(),
    chairUserId: text('chair_user_id'),
    chairName: text('chair_name').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    location: text('location'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.chairUserId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    index('meetings_held_idx').on(t.tenantId, t.heldAt),
  ],
);

/** Who was invited: a unit and/or a person, present, represented by a delegate, or absent. */
export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    tenantId: text('tenant_id').notNull(),
    meetingId: text('meeting_id').notNull(),
    position: integer('position').notNull(),
    unitId: text('unit_id'),
    personName: text('person_name'),
    attendance: text('attendance').notNull(),
    delegateName: text('delegate_name'),
    absenceReason: text('absence_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.meetingId, t.position] }),
    foreignKey({
      columns: [t.tenantId, t.meetingId],
      foreignColumns: [meetings.tenantId, meetings.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
  ],
);

export const meetingConclusions = pgTable(
  'meeting_conclusions',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    meetingId: text('meeting_id').notNull(),
    position: integer('position').notNull(),
    ref: text('ref').notNull(),
    text: text('text').notNull(),
    deadline: date('deadline'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.meetingId],
      foreignColumns: [meetings.tenantId, meetings.id],
    }).onDelete('cascade'),
    unique('meeting_conclusions_ref_uq').on(t.tenantId, t.meetingId, t.ref),
  ],
);

export const meetingConclusionUnits = pgTable(
  'meeting_conclusion_units',
  {
    tenantId: text('tenant_id').notNull(),
    conclusionId: text('conclusion_id').notNull(),
    unitId: text('unit_id').notNull(),
    role: text('role').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.conclusionId, t.unitId] }),
    foreignKey({
      columns: [t.tenantId, t.conclusionId],
      foreignColumns: [meetingConclusions.tenantId, meetingConclusions.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    index('meeting_conclusion_units_unit_idx').on(t.tenantId, t.unitId),
  ],
);

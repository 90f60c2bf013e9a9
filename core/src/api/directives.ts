import { type Static, type TSchema, Type } from 'typebox';
import type {
  DeadlineKind,
  DirectiveDocumentType,
  DirectiveDraft,
  RecurrenceFrequency,
} from '../directives/types.ts';
import { Id, IsoDate, IsoInstant, Page, Paging } from './common.ts';

/**
 * The contract of the directives module (văn bản chỉ đạo), the meetings register (cuộc họp, kết
 * luận) and attached files, shared by the server's routes and the web app.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const DIRECTIVE_TYPES = [
  'cong_van',
  'chi_thi',
  'ke_hoach',
  'thong_bao',
  'quyet_dinh',
  'other',
] as const satisfies readonly DirectiveDocumentType[];
export const DirectiveTypeSchema = Type.Unsafe<DirectiveDocumentType>(
  Type.String({
    enum: [...DIRECTIVE_TYPES],
    description: 'công văn, chỉ thị, kế hoạch, thông báo (kết luận), quyết định, other',
  }),
);

export const DIRECTIVE_STATUSES = ['draft', 'issued'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];
export const DirectiveStatusSchema = Type.Unsafe<DirectiveStatus>(
  Type.String({ enum: [...DIRECTIVE_STATUSES] }),
);

export const DEADLINE_KINDS = [
  'before',
  'by',
  'within_month',
  'within_quarter',
  'within_year',
] as const satisfies readonly DeadlineKind[];
export const DeadlineKindSchema = Type.Unsafe<DeadlineKind>(Type.String({ enum: [...DEADLINE_KINDS] }));

export const RECURRENCE_FREQUENCIES = [
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'yearly',
] as const satisfies readonly RecurrenceFrequency[];
export const RecurrenceFrequencySchema = Type.Unsafe<RecurrenceFrequency>(
  Type.String({ enum: [...RECURRENCE_FREQUENCIES] }),
);

/** Offsets into the (NFC) text; `text.slice(start, end)` is the passage. */
export const SpanSchema = Type.Object({
  start: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
});
export type SpanView = Static<typeof SpanSchema>;

// --- Parse: exactly the parser's DirectiveDraft, plus the text it read -----------------------

export const UnitMentionSchema = Type.Object({
  name: Type.String({ description: 'As written' }),
  unitIds: Type.Array(Id, { description: 'Resolved units; empty when unresolved' }),
  span: SpanSchema,
});

export const ParsedDeadlineSchema = Type.Object({
  date: IsoDate,
  text: Type.String(),
  span: SpanSchema,
  kind: DeadlineKindSchema,
});

export const ParsedRecurrenceSchema = Type.Object({
  frequency: RecurrenceFrequencySchema,
  dayOfMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
  text: Type.String(),
  span: SpanSchema,
});

export const DraftItemSchema = Type.Object({
  ref: Type.String(),
  text: Type.String(),
  span: SpanSchema,
  lead: Type.Array(UnitMentionSchema),
  support: Type.Array(UnitMentionSchema),
  deadline: Nullable(ParsedDeadlineSchema),
  recurrence: Nullable(ParsedRecurrenceSchema),
});

export const DirectiveParseResult = Type.Object({
  number: Nullable(Type.String()),
  documentType: DirectiveTypeSchema,
  issuer: Nullable(Type.String()),
  place: Nullable(Type.String()),
  date: Nullable(IsoDate),
  year: Nullable(Type.Integer()),
  month: Nullable(Type.Integer()),
  subject: Nullable(Type.String()),
  signer: Nullable(Type.Object({ title: Type.String(), name: Type.String() })),
  recipients: Type.Array(UnitMentionSchema),
  items: Type.Array(DraftItemSchema),
  spans: Type.Object({
    number: Type.Optional(SpanSchema),
    issuer: Type.Optional(SpanSchema),
    place: Type.Optional(SpanSchema),
    date: Type.Optional(SpanSchema),
    subject: Type.Optional(SpanSchema),
    signer: Type.Optional(SpanSchema),
  }),
  warnings: Type.Array(Type.String({ description: '`code: message` (Vietnamese)' })),
  text: Type.String({ description: 'The text that was parsed (NFC); every span indexes it' }),
});
export type DirectiveParseResult = DirectiveDraft & { text: string };

export const DirectiveParseBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: 1_000_000,
      description: 'The directive as plain text. Or send multipart/form-data with one .txt or .docx file.',
    }),
  },
  { additionalProperties: false },
);
export type DirectiveParseBody = Static<typeof DirectiveParseBody>;

// --- Files and attachments -------------------------------------------------------------------

export const FILE_MIMES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/vnd.oasis.opendocument.text',
  'text/plain',
  'image/png',
  'image/jpeg',
] as const;
export type FileMime = (typeof FILE_MIMES)[number];
export const FileMimeSchema = Type.Unsafe<FileMime>(Type.String({ enum: [...FILE_MIMES] }));

export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex' });

export const FileInfoSchema = Type.Object({
  sha256: Sha256,
  size: Type.Integer({ minimum: 0 }),
  mime: FileMimeSchema,
  name: Type.String(),
});
export type FileInfo = Static<typeof FileInfoSchema>;

/** A file to attach: uploaded first with POST /api/files, referenced here by its hash. */
export const AttachmentInput = Type.Object(
  {
    sha256: Sha256,
    name: Type.Optional(Text(255)),
    purpose: Type.Optional(Type.String({ maxLength: 50, description: 'e.g. original, appendix, minutes' })),
  },
  { additionalProperties: false },
);
export type AttachmentInput = Static<typeof AttachmentInput>;

export const AttachmentSchema = Type.Object({
  sha256: Sha256,
  name: Type.String(),
  purpose: Type.String(),
  size: Type.Integer(),
  mime: FileMimeSchema,
});
export type Attachment = Static<typeof AttachmentSchema>;

// --- Directives (văn bản chỉ đạo) ------------------------------------------------------------

/** A recurrence as stored ("báo cáo trước ngày 20 hằng tháng"). */
export const RecurrenceSchema = Type.Object(
  {
    frequency: RecurrenceFrequencySchema,
    dayOfMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    text: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RecurrenceView = Static<typeof RecurrenceSchema>;

export const RecipientSchema = Type.Object(
  {
    name: Text(500),
    unitIds: Type.Array(Id, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type Recipient = Static<typeof RecipientSchema>;

export const DirectiveItemInput = Type.Object(
  {
    /** Keeps the item (and the tasks made from it) when updating; absent for a new item. */
    id: Type.Optional(Id),
    ref: Text(50),
    text: Text(20_000),
    lead: Type.Array(Id, { maxItems: 2000, description: 'Unit ids (chủ trì)' }),
    support: Type.Optional(Type.Array(Id, { maxItems: 2000, description: 'Unit ids (phối hợp)' })),
    deadline: Type.Optional(Nullable(IsoDate)),
    deadlineKind: Type.Optional(Nullable(DeadlineKindSchema)),
    recurrence: Type.Optional(Nullable(RecurrenceSchema)),
    span: Type.Optional(Nullable(SpanSchema)),
  },
  { additionalProperties: false },
);
export type DirectiveItemInput = Static<typeof DirectiveItemInput>;

const directiveHeader = {
  number: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, description: '12/UBND-NC' }))),
  documentType: DirectiveTypeSchema,
  issuerUnitId: Type.Optional(Nullable(Id)),
  issuerName: Type.Optional(Nullable(Text(300))),
  signerName: Type.Optional(Nullable(Text(200))),
  signerTitle: Type.Optional(Nullable(Text(200))),
  place: Type.Optional(Nullable(Text(200))),
  issuedOn: Type.Optional(Nullable(IsoDate)),
  subject: Text(2000),
  recipients: Type.Optional(Type.Array(RecipientSchema, { maxItems: 200 })),
  body: Type.Optional(Type.String({ maxLength: 1_000_000 })),
  status: Type.Optional(DirectiveStatusSchema),
  attachments: Type.Optional(Type.Array(AttachmentInput, { maxItems: 50 })),
};

export const DirectiveCreate = Type.Object(
  { ...directiveHeader, items: Type.Array(DirectiveItemInput, { maxItems: 500 }) },
  { additionalProperties: false },
);
export type DirectiveCreate = Static<typeof DirectiveCreate>;

/** Every field but `version` is optional; `items` and `attachments`, when given, replace the lists. */
export const DirectiveUpdate = Type.Object(
  {
    ...directiveHeader,
    version: Type.Integer({ description: 'The version read; a stale version is refused (409).' }),
    documentType: Type.Optional(DirectiveTypeSchema),
    subject: Type.Optional(Text(2000)),
    items: Type.Optional(Type.Array(DirectiveItemInput, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type DirectiveUpdate = Static<typeof DirectiveUpdate>;

export const DirectiveItemSchema = Type.Object({
  id: Id,
  ref: Type.String(),
  text: Type.String(),
  lead: Type.Array(Id),
  support: Type.Array(Id),
  deadline: Nullable(IsoDate),
  deadlineKind: Nullable(DeadlineKindSchema),
  recurrence: Nullable(RecurrenceSchema),
  span: Nullable(SpanSchema),
});
export type DirectiveItem = Static<typeof DirectiveItemSchema>;

/**
 * Progress of the tasks made from a directive. Filled by the tasks module once it exists; until
 * then every list row carries `taskSummary: null`.
 */
export const TaskSummarySchema = Type.Object({
  total: Type.Integer(),
  open: Type.Integer(),
  done: Type.Integer(),
  overdue: Type.Integer(),
});
export type TaskSummary = Static<typeof TaskSummarySchema>;

const directiveView = {
  id: Id,
  number: Nullable(Type.String()),
  documentType: DirectiveTypeSchema,
  issuerUnitId: Nullable(Id),
  issuerName: Nullable(Type.String()),
  signerName: Nullable(Type.String()),
  signerTitle: Nullable(Type.String()),
  place: Nullable(Type.String()),
  issuedOn: Nullable(IsoDate),
  subject: Type.String(),
  status: DirectiveStatusSchema,
  createdBy: Nullable(Id),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
};

export const DirectiveSummarySchema = Type.Object({
  ...directiveView,
  itemCount: Type.Integer(),
  taskSummary: Nullable(TaskSummarySchema),
});
export type DirectiveSummary = Static<typeof DirectiveSummarySchema>;

export const DirectiveSchema = Type.Object({
  ...directiveView,
  recipients: Type.Array(RecipientSchema),
  body: Type.String(),
  items: Type.Array(DirectiveItemSchema),
  attachments: Type.Array(AttachmentSchema),
});
export type Directive = Static<typeof DirectiveSchema>;

export const TASK_STATUS_FILTERS = ['open', 'overdue', 'done', 'none'] as const;

export const DirectiveListQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Number, subject or body; diacritics-insensitive' }),
  ),
  issuerUnitId: Type.Optional(Id),
  signer: Type.Optional(Type.String({ maxLength: 200, description: 'Signer name, diacritics-insensitive' })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  type: Type.Optional(DirectiveTypeSchema),
  status: Type.Optional(DirectiveStatusSchema),
  taskStatus: Type.Optional(
    Type.Unsafe<(typeof TASK_STATUS_FILTERS)[number]>(
      Type.String({
        enum: [...TASK_STATUS_FILTERS],
        description: 'Directives having tasks in this state; answered once the tasks module is installed',
      }),
    ),
  ),
  ...Paging,
});
export type DirectiveListQuery = Static<typeof DirectiveListQuery>;
export const DirectivePage = Page(DirectiveSummarySchema);

// --- Meetings (cuộc họp, kết luận) -----------------------------------------------------------

export const ATTENDANCES = ['present', 'delegated', 'absent'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
export const AttendanceSchema = Type.Unsafe<Attendance>(Type.String({ enum: [...ATTENDANCES] }));

export const AttendeeSchema = Type.Object(
  {
    unitId: Type.Optional(Nullable(Id)),
    personName: Type.Optional(Nullable(Text(200))),
    attendance: AttendanceSchema,
    delegateName: Type.Optional(Nullable(Text(200))),
    absenceReason: Type.Optional(Nullable(Text(1000))),
  },
  { additionalProperties: false },
);
export type AttendeeInput = Static<typeof AttendeeSchema>;

export const AttendeeView = Type.Object({
  unitId: Nullable(Id),
  personName: Nullable(Type.String()),
  attendance: AttendanceSchema,
  delegateName: Nullable(Type.String()),
  absenceReason: Nullable(Type.String()),
});

export const ConclusionInput = Type.Object(
  {
    id: Type.Optional(Id),
    ref: Text(50),
    text: Text(20_000),
    lead: Type.Optional(Type.Array(Id, { maxItems: 2000 })),
    support: Type.Optional(Type.Array(Id, { maxItems: 2000 })),
    deadline: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type ConclusionInput = Static<typeof ConclusionInput>;

export const ConclusionSchema = Type.Object({
  id: Id,
  ref: Type.String(),
  text: Type.String(),
  lead: Type.Array(Id),
  support: Type.Array(Id),
  deadline: Nullable(IsoDate),
});
export type Conclusion = Static<typeof ConclusionSchema>;

export const MeetingCreate = Type.Object(
  {
    title: Text(1000),
    chairUserId: Type.Optional(Nullable(Id)),
    chairName: Text(200),
    heldAt: IsoInstant,
    location: Type.Optional(Nullable(Text(500))),
    attendees: Type.Optional(Type.Array(AttendeeSchema, { maxItems: 1000 })),
    conclusions: Type.Optional(Type.Array(ConclusionInput, { maxItems: 500 })),
    attachments: Type.Optional(Type.Array(AttachmentInput, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type MeetingCreate = Static<typeof MeetingCreate>;

/** Every field but `version` is optional; lists, when given, replace the stored ones. */
export const MeetingUpdate = Type.Object(
  {
    version: Type.Integer({ description: 'The version read; a stale version is refused (409).' }),
    title: Type.Optional(Text(1000)),
    chairUserId: Type.Optional(Nullable(Id)),
    chairName: Type.Optional(Text(200)),
    heldAt: Type.Optional(IsoInstant),
    location: Type.Optional(Nullable(Text(500))),
    attendees: Type.Optional(Type.Array(AttendeeSchema, { maxItems: 1000 })),
    conclusions: Type.Optional(Type.Array(ConclusionInput, { maxItems: 500 })),
    attachments: Type.Optional(Type.Array(AttachmentInput, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type MeetingUpdate = Static<typeof MeetingUpdate>;

const meetingView = {
  id: Id,
  title: Type.String(),
  chairUserId: Nullable(Id),
  chairName: Type.String(),
  heldAt: IsoInstant,
  location: Nullable(Type.String()),
  createdBy: Nullable(Id),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
};

export const MeetingSummarySchema = Type.Object({
  ...meetingView,
  conclusionCount: Type.Integer(),
});
export type MeetingSummary = Static<typeof MeetingSummarySchema>;

export const MeetingSchema = Type.Object({
  ...meetingView,
  attendees: Type.Array(AttendeeView),
  conclusions: Type.Array(ConclusionSchema),
  attachments: Type.Array(AttachmentSchema),
});
export type Meeting = Static<typeof MeetingSchema>;

export const MeetingListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Title, diacritics-insensitive' })),
  chairUserId: Type.Optional(Id),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  ...Paging,
});
export type MeetingListQuery = Static<typeof MeetingListQuery>;
export const MeetingPage = Page(MeetingSummarySchema);

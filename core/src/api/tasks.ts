import { type Static, type TSchema, Type } from 'typebox';
import { AVOIDANCE_KINDS, type AvoidanceKind } from '../tasks/avoidance.ts';
import {
  TASK_STATUS_FILTERS,
  TASK_STATUSES,
  type TaskStatus,
  type TaskStatusFilter,
} from '../tasks/status.ts';
import {
  RECURRENCE_FREQUENCIES,
  type RecurrenceFrequency,
  TASK_PRIORITIES,
  TASK_SOURCE_KINDS,
  type TaskPriority,
  type TaskSourceKind,
} from '../tasks/types.ts';
import { TASK_ACTIONS, TASK_STATES, type TaskAction, type TaskState } from '../tasks/workflow.ts';
import { Id, IsoDate, IsoInstant, Paging } from './common.ts';

/**
 * The contract of the tasks module (nhiệm vụ): creating tasks (one, many from a reviewed
 * directive, or a recurring series), listing them by urgency, acting on them, the monitor's
 * board and the avoidance report. Shared by the server's routes and the web app.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Enum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], ...(description ? { description } : {}) }));
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM (Vietnam time)' });

export const TaskPrioritySchema = Enum<TaskPriority>(
  TASK_PRIORITIES,
  'normal, high (khẩn), urgent (hỏa tốc)',
);
export const TaskStateSchema = Enum<TaskState>(TASK_STATES);
export const TaskActionSchema = Enum<TaskAction>(TASK_ACTIONS);
export const TaskStatusSchema = Enum<TaskStatus>(
  TASK_STATUSES,
  'within / at_risk / overdue while open; done_early / on_time / late once done; cancelled',
);
export const TaskSourceKindSchema = Enum<TaskSourceKind>(TASK_SOURCE_KINDS);

export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex' });

/** A file uploaded first with POST /api/files, referenced by its hash. */
export const FileRef = Type.Object(
  { sha256: Sha256, name: Type.Optional(Text(255)) },
  { additionalProperties: false },
);
export type FileRef = Static<typeof FileRef>;
export const FileRefView = Type.Object({ sha256: Sha256, name: Nullable(Type.String()) });

export const RecurrenceInput = Type.Object(
  {
    frequency: Enum<RecurrenceFrequency>(RECURRENCE_FREQUENCIES),
    dayOfMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    before: Type.Optional(
      Type.Boolean({ description: '"trước ngày D": due on D − 1 (default true when a day is given)' }),
    ),
    startsOn: Type.Optional(IsoDate),
    endsOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

/** Exactly one of the three. */
export const DeadlineInput = Type.Object(
  {
    date: Type.Optional(
      Type.Unsafe<string>({
        ...IsoDate,
        description: 'Due at the end of that working day (17:00); a day off moves it to the next working day',
      }),
    ),
    workingDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2000, description: 'N working days from the assignment' }),
    ),
    recurrence: Type.Optional(RecurrenceInput),
  },
  { additionalProperties: false },
);
export type DeadlineInput = Static<typeof DeadlineInput>;

export const TaskCreateItem = Type.Object(
  {
    /** Default: the text of the directive item or meeting conclusion. */
    title: Type.Optional(Text(2000)),
    content: Type.Optional(Type.String({ maxLength: 50_000 })),
    /** With the request's `directiveId`: the directive item this task carries out. */
    directiveItemId: Type.Optional(Id),
    /** With the request's `meetingId`: the meeting conclusion this task carries out. */
    conclusionId: Type.Optional(Id),
    leadUnitId: Id,
    supportUnitIds: Type.Optional(Type.Array(Id, { maxItems: 200 })),
    assigneeId: Type.Optional(Nullable(Id)),
    /** The leader who assigns (default: the caller). */
    assignerId: Type.Optional(Id),
    deadline: DeadlineInput,
    priority: Type.Optional(TaskPrioritySchema),
    attachments: Type.Optional(Type.Array(FileRef, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type TaskCreateItem = Static<typeof TaskCreateItem>;

export const TaskCreateRequest = Type.Object(
  {
    directiveId: Type.Optional(Id),
    meetingId: Type.Optional(Id),
    items: Type.Array(TaskCreateItem, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type TaskCreateRequest = Static<typeof TaskCreateRequest>;

const ExtensionRequestView = Type.Object({
  dueAt: IsoInstant,
  reason: Type.String(),
  requestedBy: Id,
  requestedAt: IsoInstant,
});

const ProgressView = Type.Object({
  percent: Type.Integer(),
  text: Nullable(Type.String()),
  at: Nullable(IsoInstant),
});

export const TaskListItemSchema = Type.Object({
  id: Id,
  title: Type.String(),
  state: TaskStateSchema,
  status: TaskStatusSchema,
  priority: TaskPrioritySchema,
  sourceKind: TaskSourceKindSchema,
  directiveId: Nullable(Id),
  directiveItemId: Nullable(Id),
  meetingId: Nullable(Id),
  conclusionId: Nullable(Id),
  seriesId: Nullable(Id),
  period: Nullable(Type.String()),
  leadUnitId: Id,
  leadUnitName: Type.String(),
  supportUnitIds: Type.Array(Id),
  assigneeId: Nullable(Id),
  assigneeName: Nullable(Type.String()),
  assignerId: Id,
  assignerName: Type.String(),
  assignedAt: IsoInstant,
  dueAt: Nullable(IsoInstant),
  stoppedAt: Nullable(IsoInstant),
  /** Working minutes left (negative once overdue); null once stopped. */
  leftMinutes: Nullable(Type.Number()),
  progress: ProgressView,
  pendingExtension: Nullable(ExtensionRequestView),
  counters: Type.Record(Type.String(), Type.Integer()),
  createdAt: IsoInstant,
  version: Type.Integer(),
});
export type TaskListItem = Static<typeof TaskListItemSchema>;

export const TaskPage = Type.Object({ items: Type.Array(TaskListItemSchema), total: Type.Integer() });

export const TaskCreateResult = Type.Object({
  /** One entry per requested item, in order. */
  items: Type.Array(
    Type.Object({
      taskIds: Type.Array(Id, { description: 'One task, or one per period already due within the horizon' }),
      seriesId: Nullable(Id),
    }),
  ),
  tasks: Type.Array(TaskListItemSchema),
});

export const TaskListQuery = Type.Object({
  scope: Type.Optional(
    Enum(
      ['mine', 'unit', 'all'] as const,
      'mine: assigned to me or by me; unit: my unit’s; all: all I may see',
    ),
  ),
  status: Type.Optional(Enum<TaskStatusFilter>(TASK_STATUS_FILTERS)),
  state: Type.Optional(TaskStateSchema),
  unitId: Type.Optional(
    Type.Unsafe<string>({ ...Id, description: 'Lead or support unit (and its subtree)' }),
  ),
  leadOnly: Type.Optional(Type.Boolean({ description: 'Only where unitId leads' })),
  assignerId: Type.Optional(Id),
  assigneeId: Type.Optional(Id),
  directiveId: Type.Optional(Id),
  meetingId: Type.Optional(Id),
  seriesId: Type.Optional(Id),
  priority: Type.Optional(TaskPrioritySchema),
  dueFrom: Type.Optional(IsoDate),
  dueTo: Type.Optional(IsoDate),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Title and content, diacritics-insensitive' })),
  ...Paging,
});
export type TaskListQuery = Static<typeof TaskListQuery>;

export const ClockView = Type.Object({
  state: Enum(['running', 'paused', 'stopped'] as const),
  startedAt: IsoInstant,
  dueAt: IsoInstant,
  budgetMinutes: Type.Number(),
  usedMinutes: Type.Number(),
  leftMinutes: Type.Number(),
  pausedMinutes: Type.Number(),
  extensionCount: Type.Integer(),
  status: Nullable(Enum(['within', 'overdue'] as const)),
  atRisk: Type.Boolean(),
  outcome: Nullable(Enum(['early', 'on_time', 'late'] as const)),
  extensions: Type.Array(
    Type.Object({
      at: IsoInstant,
      previousDueAt: IsoInstant,
      dueAt: Nullable(IsoInstant),
      reason: Type.String(),
      grantedBy: Type.String(),
    }),
  ),
});

export const WorkItemView = Type.Object({
  id: Id,
  kind: Type.String(),
  state: Type.String(),
  ownerUnitId: Id,
  leadUnitIds: Type.Array(Id),
  supportUnitIds: Type.Array(Id),
  assigneeId: Nullable(Id),
  dueAt: Nullable(IsoInstant),
  startedAt: Nullable(IsoInstant),
  stoppedAt: Nullable(IsoInstant),
  pausedSince: Nullable(IsoInstant),
  outcome: Nullable(Type.String()),
  overdue: Type.Boolean(),
  counters: Type.Record(Type.String(), Type.Integer()),
  version: Type.Integer(),
});

export const TaskActionView = Type.Object({
  name: TaskActionSchema,
  to: TaskStateSchema,
  labelVi: Type.String(),
  labelEn: Type.String(),
  requiresReason: Type.Boolean(),
  blocked: Nullable(Type.Object({ code: Type.String(), messageVi: Type.String(), messageEn: Type.String() })),
});

export const TimelineEntry = Type.Object({
  seq: Type.Integer(),
  at: IsoInstant,
  actorId: Nullable(Id),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  labelVi: Type.String(),
  labelEn: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  reason: Nullable(Type.String()),
  payload: Type.Record(Type.String(), Type.Unknown()),
});

export const TaskDetailSchema = Type.Object({
  ...TaskListItemSchema.properties,
  content: Type.String(),
  deadline: Type.Record(Type.String(), Type.Unknown(), { description: 'The deadline as given' }),
  attachments: Type.Array(FileRefView),
  result: Nullable(
    Type.Object({ text: Type.String(), files: Type.Array(FileRefView), at: IsoInstant, by: Id }),
  ),
  supportUnits: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  clock: Nullable(ClockView),
  item: WorkItemView,
  actions: Type.Array(TaskActionView),
  timeline: Type.Array(TimelineEntry),
});
export type TaskDetail = Static<typeof TaskDetailSchema>;

export const TaskActionParams = Type.Object({ id: Id, action: TaskActionSchema });

const actionFields = {
  reason: Type.Optional(Type.String({ maxLength: 5000 })),
  progress: Type.Optional(
    Type.Object(
      { percent: Type.Integer({ minimum: 0, maximum: 100 }), text: Type.String({ maxLength: 20_000 }) },
      { additionalProperties: false },
    ),
  ),
  extension: Type.Optional(
    Type.Object(
      {
        dueAt: Type.String({
          minLength: 10,
          maxLength: 40,
          description: 'YYYY-MM-DD (end of that working day) or an ISO 8601 instant',
        }),
      },
      { additionalProperties: false },
    ),
  ),
  result: Type.Optional(
    Type.Object(
      { text: Text(50_000), files: Type.Optional(Type.Array(FileRef, { maxItems: 50 })) },
      { additionalProperties: false },
    ),
  ),
  /** Evidence for a progress report (or any action). */
  files: Type.Optional(Type.Array(FileRef, { maxItems: 50 })),
  reassign: Type.Optional(
    Type.Object(
      {
        leadUnitId: Id,
        supportUnitIds: Type.Optional(Type.Array(Id, { maxItems: 200 })),
        assigneeId: Type.Optional(Nullable(Id)),
      },
      { additionalProperties: false },
    ),
  ),
  assigneeId: Type.Optional(Id),
};

export const TaskActionBody = Type.Object(
  {
    version: Type.Integer({ description: 'The version read; a stale version is refused (409).' }),
    ...actionFields,
  },
  { additionalProperties: false },
);
export type TaskActionBody = Static<typeof TaskActionBody>;

export const TaskBulkBody = Type.Object(
  {
    action: TaskActionSchema,
    items: Type.Array(Type.Object({ id: Id, version: Type.Integer() }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 500,
    }),
    ...actionFields,
  },
  { additionalProperties: false },
);
export type TaskBulkBody = Static<typeof TaskBulkBody>;

export const TaskBulkResult = Type.Object({
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(
    Type.Object({
      id: Id,
      ok: Type.Boolean(),
      version: Type.Optional(Type.Integer()),
      state: Type.Optional(Type.String()),
      status: Type.Optional(Type.Integer({ description: 'HTTP status the single action would have had' })),
      code: Type.Optional(Type.String()),
      messageVi: Type.Optional(Type.String()),
      messageEn: Type.Optional(Type.String()),
      errors: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), messageVi: Type.String(), messageEn: Type.String() })),
      ),
    }),
  ),
});
export type TaskBulkResult = Static<typeof TaskBulkResult>;

// --- The monitor's board ----------------------------------------------------------------------

export const BoardQuery = Type.Object({
  unitId: Type.Optional(Type.Unsafe<string>({ ...Id, description: 'Drill down: this unit’s children' })),
  from: Type.Optional(Month),
  to: Type.Optional(Month),
});
export type BoardQuery = Static<typeof BoardQuery>;

const boardFigures = {
  received: Type.Integer({ description: 'Giao trong kỳ / assigned in the months' }),
  open: Type.Integer({ description: 'Đang thực hiện (hiện tại) / open now' }),
  openWithin: Type.Integer({ description: 'Trong hạn / within the deadline now' }),
  atRisk: Type.Integer({ description: 'Sắp đến hạn / at risk now (part of openWithin)' }),
  overdue: Type.Integer({ description: 'Quá hạn / overdue now' }),
  doneEarly: Type.Integer({ description: 'Hoàn thành trước hạn trong kỳ' }),
  doneOnTime: Type.Integer({ description: 'Hoàn thành đúng hạn trong kỳ' }),
  doneLate: Type.Integer({ description: 'Hoàn thành quá hạn trong kỳ' }),
  cancelled: Type.Integer(),
};
export const BoardFigures = Type.Object(boardFigures);
export type BoardFigures = Static<typeof BoardFigures>;

export const BoardSchema = Type.Object({
  unitId: Id,
  unitName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  total: BoardFigures,
  /** The unit's own tasks (led by it directly) and each child's subtree. */
  units: Type.Array(
    Type.Object({
      unitId: Id,
      unitName: Type.String(),
      own: Type.Boolean(),
      hasChildren: Type.Boolean(),
      ...boardFigures,
    }),
  ),
  /** Per leader who assigned (tasks led within the unit's subtree). */
  assigners: Type.Array(Type.Object({ userId: Id, name: Type.String(), ...boardFigures })),
});
export type Board = Static<typeof BoardSchema>;

// --- Avoidance (né tránh, đùn đẩy) ------------------------------------------------------------

export const AvoidanceQuery = Type.Object({
  unitId: Type.Optional(Type.Unsafe<string>({ ...Id, description: 'Signals of this unit and its subtree' })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export type AvoidanceQuery = Static<typeof AvoidanceQuery>;

const AvoidanceKindSchema = Enum<AvoidanceKind>(AVOIDANCE_KINDS);
const byKind = Type.Record(Type.String(), Type.Integer());

export const AvoidanceReportSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  policy: Type.Record(Type.String(), Type.Number()),
  signals: Type.Array(
    Type.Object({
      kind: AvoidanceKindSchema,
      labelVi: Type.String(),
      labelEn: Type.String(),
      taskId: Id,
      title: Type.String(),
      at: IsoInstant,
      count: Type.Integer(),
      ongoing: Type.Boolean(),
      unitIds: Type.Array(Id),
      userIds: Type.Array(Id),
      evidence: Type.Array(
        Type.Object({
          seq: Type.Integer(),
          at: IsoInstant,
          action: Type.String(),
          actorId: Nullable(Id),
          actorName: Nullable(Type.String()),
          unitId: Id,
          unitName: Type.String(),
          reason: Nullable(Type.String()),
        }),
      ),
    }),
  ),
  units: Type.Array(
    Type.Object({
      unitId: Id,
      unitName: Type.String(),
      total: Type.Integer(),
      byKind,
      taskIds: Type.Array(Id),
    }),
  ),
  officials: Type.Array(
    Type.Object({ userId: Id, name: Type.String(), total: Type.Integer(), byKind, taskIds: Type.Array(Id) }),
  ),
});
export type AvoidanceReport = Static<typeof AvoidanceReportSchema>;

import type {
  DirectiveCreate,
  DirectiveItemInput,
  DirectiveParseResult,
  SpanView,
} from '@dieuhanh/core/api/directives';
import type { TaskCreateItem } from '@dieuhanh/core/api/tasks';
import type {
  DeadlineKind,
  DirectiveDocumentType,
  RecurrenceFrequency,
} from '@dieuhanh/core/directives/types';
import type { TaskPriority } from '@dieuhanh/core/tasks/types';
import dayjs, { type Dayjs } from 'dayjs';

/**
 * The import screen's form: the parser's draft made editable, and how it becomes the two requests
 * (`POST /api/directives`, then `POST /api/tasks` with one task per lead unit of each item).
 */

export type DeadlineMode = 'date' | 'workingDays' | 'recurrence' | 'none';

/** Where each part of an item was read (kept beside the form values, never sent as is). */
export interface ItemSource {
  span: SpanView | null;
  leadSpans: SpanView[];
  supportSpans: SpanView[];
  deadlineSpan: SpanView | null;
  deadlineText: string | null;
  deadlineKind: DeadlineKind | null;
  deadlineDate: string | null;
  recurrenceSpan: SpanView | null;
  recurrenceText: string | null;
}

export interface ItemValues {
  ref: string;
  text: string;
  lead: string[];
  support: string[];
  mode: DeadlineMode;
  date: Dayjs | null;
  workingDays: number | null;
  frequency: RecurrenceFrequency | null;
  dayOfMonth: number | null;
  priority: TaskPriority;
  assign: boolean;
  src: ItemSource;
}

export interface RecipientValues {
  name: string;
  unitIds: string[];
  span: SpanView | null;
}

export interface DraftValues {
  number: string;
  documentType: DirectiveDocumentType;
  issuerName: string;
  issuerUnitId: string | null;
  place: string;
  issuedOn: Dayjs | null;
  subject: string;
  signerTitle: string;
  signerName: string;
  recipients: RecipientValues[];
  items: ItemValues[];
}

const unique = (ids: string[]) => [...new Set(ids)];

export const EMPTY_SOURCE: ItemSource = {
  span: null,
  leadSpans: [],
  supportSpans: [],
  deadlineSpan: null,
  deadlineText: null,
  deadlineKind: null,
  deadlineDate: null,
  recurrenceSpan: null,
  recurrenceText: null,
};

/** The parser's draft as initial form values. */
export function draftFromParse(parsed: DirectiveParseResult, issuerUnitId: string | null): DraftValues {
  return {
    number: parsed.number ?? '',
    documentType: parsed.documentType,
    issuerName: parsed.issuer ?? '',
    issuerUnitId,
    place: parsed.place ?? '',
    issuedOn: parsed.date ? dayjs(parsed.date) : null,
    subject: parsed.subject ?? '',
    signerTitle: parsed.signer?.title ?? '',
    signerName: parsed.signer?.name ?? '',
    recipients: parsed.recipients.map((r) => ({ name: r.name, unitIds: r.unitIds, span: r.span })),
    items: parsed.items.map((item) => {
      const lead = unique(item.lead.flatMap((l) => l.unitIds));
      const support = unique(item.support.flatMap((s) => s.unitIds)).filter((id) => !lead.includes(id));
      const d = item.deadline;
      const r = item.recurrence;
      const due = d ? (d.kind === 'before' ? dayjs(d.date).subtract(1, 'day') : dayjs(d.date)) : null;
      return {
        ref: item.ref,
        text: item.text,
        lead,
        support,
        mode: r ? 'recurrence' : d ? 'date' : 'none',
        date: due,
        workingDays: null,
        frequency: r?.frequency ?? null,
        dayOfMonth: r?.dayOfMonth ?? null,
        priority: 'normal',
        assign: lead.length > 0,
        src: {
          span: item.span,
          leadSpans: item.lead.map((l) => l.span),
          supportSpans: item.support.map((s) => s.span),
          deadlineSpan: d?.span ?? null,
          deadlineText: d?.text ?? null,
          deadlineKind: d?.kind ?? null,
          deadlineDate: d?.date ?? null,
          recurrenceSpan: r?.span ?? null,
          recurrenceText: r?.text ?? null,
        },
      } satisfies ItemValues;
    }),
  };
}

const text = (value: string | null | undefined) => {
  const t = value?.trim() ?? '';
  return t === '' ? null : t;
};
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function directiveItemInput(item: ItemValues, bodyLength: number): DirectiveItemInput {
  const span = item.src?.span;
  return {
    ref: item.ref.trim(),
    text: item.text.trim(),
    lead: item.lead,
    support: item.support.filter((id) => !item.lead.includes(id)),
    deadline: item.mode === 'date' ? iso(item.date) : null,
    deadlineKind: item.mode === 'date' && item.date ? 'by' : null,
    recurrence:
      item.mode === 'recurrence' && item.frequency
        ? {
            frequency: item.frequency,
            ...(item.dayOfMonth ? { dayOfMonth: item.dayOfMonth } : {}),
            ...(item.src?.recurrenceText ? { text: item.src.recurrenceText.slice(0, 500) } : {}),
          }
        : null,
    span: span && span.end <= bodyLength ? span : null,
  };
}

export function directiveCreate(
  values: DraftValues,
  body: string,
  status: 'draft' | 'issued',
  attachments: DirectiveCreate['attachments'],
): DirectiveCreate {
  return {
    number: text(values.number),
    documentType: values.documentType,
    issuerUnitId: values.issuerUnitId ?? null,
    issuerName: text(values.issuerName),
    signerName: text(values.signerName),
    signerTitle: text(values.signerTitle),
    place: text(values.place),
    issuedOn: iso(values.issuedOn),
    subject: values.subject.trim(),
    recipients: values.recipients
      .filter((r) => r.name?.trim())
      .map((r) => ({ name: r.name.trim(), unitIds: r.unitIds ?? [] })),
    body,
    status,
    ...(attachments && attachments.length > 0 ? { attachments } : {}),
    items: values.items.map((item) => directiveItemInput(item, body.length)),
  };
}

/** A task's title: the item's first sentence-ish, at most `max` characters, cut at a word. */
export function shortTitle(textValue: string, max = 180): string {
  const clean = textValue.replace(/\*+/g, '').replace(/\s+/g, ' ').trim();
  const upper = clean.charAt(0).toLocaleUpperCase('vi') + clean.slice(1);
  if (upper.length <= max) return upper;
  const cut = upper.slice(0, max);
  const at = cut.lastIndexOf(' ');
  return `${(at > max * 0.6 ? cut.slice(0, at) : cut).replace(/[,;:.\s]+$/, '')}…`;
}

export interface PlannedTask {
  /** Index of the draft item the task comes from. */
  itemIndex: number;
  request: TaskCreateItem;
}

/** One task per lead unit of each item marked "assign", linked to the stored item. */
export function plannedTasks(
  values: DraftValues,
  itemIds: readonly string[],
  contentPrefix: (ref: string) => string,
): PlannedTask[] {
  const out: PlannedTask[] = [];
  values.items.forEach((item, itemIndex) => {
    if (!item.assign) return;
    const deadline: TaskCreateItem['deadline'] =
      item.mode === 'date'
        ? { date: iso(item.date) ?? '' }
        : item.mode === 'workingDays'
          ? { workingDays: item.workingDays ?? 0 }
          : item.mode === 'recurrence'
            ? {
                recurrence: {
                  frequency: item.frequency ?? 'monthly',
                  ...(item.dayOfMonth ? { dayOfMonth: item.dayOfMonth, before: true } : {}),
                },
              }
            : {};
    for (const leadUnitId of item.lead) {
      out.push({
        itemIndex,
        request: {
          title: shortTitle(item.text),
          content: `${contentPrefix(item.ref.trim())}\n${item.text.trim()}`,
          ...(itemIds[itemIndex] ? { directiveItemId: itemIds[itemIndex] } : {}),
          leadUnitId,
          supportUnitIds: item.support.filter((id) => id !== leadUnitId && !item.lead.includes(id)),
          deadline,
          priority: item.priority,
        },
      });
    }
  });
  return out;
}

/** Form path of a task-creation problem (`/items/4/deadline/date` → the draft item's field). */
export function taskProblemPath(
  field: string,
  planned: readonly PlannedTask[],
  values: DraftValues,
): (string | number)[] | null {
  const match = /^\/items\/(\d+)\/([^/]+)/.exec(field);
  if (!match) return null;
  const task = planned[Number(match[1])];
  if (!task) return null;
  const item = values.items[task.itemIndex];
  const key = match[2];
  const target =
    key === 'leadUnitId'
      ? 'lead'
      : key === 'supportUnitIds'
        ? 'support'
        : key === 'deadline'
          ? item?.mode === 'workingDays'
            ? 'workingDays'
            : item?.mode === 'recurrence'
              ? 'frequency'
              : 'date'
          : key === 'title' || key === 'content'
            ? 'text'
            : key === 'priority'
              ? 'priority'
              : null;
  return target ? ['items', task.itemIndex, target] : null;
}

/**
 * Creating tasks: checking a whole request (one task, or every item of a reviewed directive) and
 * writing it in the caller's transaction — the kernel's work item, the task row and its file
 * references. A recurrence becomes a series (series.ts) that creates one task per period.
 */
import { randomUUID } from 'node:crypto';
import type { FileRef, TaskCreateItem, TaskCreateRequest } from '@dieuhanh/core/api/tasks';
import type { WorkingCalendar } from '@dieuhanh/core/calendar/index';
import { type FieldProblem, fieldProblem, Invalid } from '@dieuhanh/core/errors';
import {
  atRiskMoment,
  budgetUntil,
  dueAtAfterWorkingDays,
  dueAtOfDate,
  type RecurrenceSpec,
  recurrenceProblems,
  type TaskPriority,
  type TaskSourceKind,
} from '@dieuhanh/core/tasks/index';
import { fold, nfc } from '@dieuhanh/core/text/fold';
import { type ChangeActor, createWorkItem } from '../../kernel/index.ts';
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { attachmentProblems, replaceAttachments } from '../../platform/files.ts';
import { canAssign } from './permissions.ts';
import * as repo from './repository.ts';
import { TASK_KIND } from './workflow.ts';

/** What one task (or one series) will be, once the request is checked. */
export interface TaskSpec {
  title: string;
  content: string;
  sourceKind: TaskSourceKind;
  directiveId: string | null;
  directiveItemId: string | null;
  meetingId: string | null;
  conclusionId: string | null;
  leadUnitId: string;
  supportUnitIds: string[];
  assigneeId: string | null;
  assignerId: string;
  priority: TaskPriority;
  attachments: FileRef[];
}

type Deadlined =
  | { recurrence: null; dueAt: number; deadline: Record<string, unknown> }
  | { recurrence: RecurrenceSpec; dueAt: null; deadline: Record<string, unknown> };

type ItemPlan = Omit<
  TaskSpec,
  'sourceKind' | 'directiveId' | 'directiveItemId' | 'meetingId' | 'conclusionId'
> &
  Deadlined;

export type CreationPlan = TaskSpec & Deadlined;

/** A problem list plus the codes of the errors they came from (one code is kept when all agree). */
class Problems {
  readonly list: FieldProblem[] = [];
  readonly codes = new Set<string>();
  add(field: string, vi: string, en: string) {
    this.list.push(fieldProblem(field, vi, en));
    this.codes.add('invalid_input');
  }
  /** Runs `fn`, turning an `Invalid` it throws into problems; returns its result or null. */
  catch<T>(fn: () => T): T | null {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      this.list.push(...error.fields);
      this.codes.add(error.code);
      return null;
    }
  }
  throwIfAny() {
    if (this.list.length === 0) return;
    throw new Invalid(this.list, this.codes.size === 1 ? [...this.codes][0] : 'invalid_input');
  }
}

/** Is the user an official of the unit (or of a unit inside it), or granted a role inside it? */
export function isMemberOf(user: repo.UserFacts, unitPath: string): boolean {
  return (
    (user.officialUnitPath?.startsWith(unitPath) ?? false) ||
    user.grants.some((g) => g.unitPath.startsWith(unitPath))
  );
}

/** A unit that no longer exists on `today` (dissolved by the July 2025 reform, for example). */
export function dissolved(unit: repo.UnitFacts, today: string): boolean {
  return unit.validTo !== null && unit.validTo < today;
}

export function checkUnit(
  problems: Problems,
  units: Map<string, repo.UnitFacts>,
  id: string,
  field: string,
  today: string,
): repo.UnitFacts | null {
  const unit = units.get(id);
  if (!unit) {
    problems.add(field, `Đơn vị "${id}" không tồn tại.`, `Unit "${id}" does not exist.`);
    return null;
  }
  if (dissolved(unit, today)) {
    problems.add(
      field,
      `Đơn vị "${unit.name}" đã giải thể/sáp nhập; hãy giao cho đơn vị kế thừa.`,
      `Unit "${unit.name}" no longer exists; assign its successor.`,
    );
    return null;
  }
  return unit;
}

export function checkAssignee(
  problems: Problems,
  users: Map<string, repo.UserFacts>,
  id: string,
  lead: repo.UnitFacts | null,
  field: string,
) {
  const user = users.get(id);
  if (!user || user.disabled)
    problems.add(field, `Người dùng "${id}" không tồn tại.`, `User "${id}" does not exist.`);
  else if (lead && !isMemberOf(user, lead.path))
    problems.add(
      field,
      `Cán bộ được giao phải thuộc đơn vị chủ trì (${lead.name}).`,
      `The assignee must belong to the lead unit (${lead.name}).`,
    );
}

export { Problems };

/**
 * Checks every item of a creation request against the database and the calendar and returns
 * what to create; throws one `Invalid` naming every bad field (`/items/3/leadUnitId`…).
 */
export async function planCreation(
  tx: Db,
  actor: Actor,
  req: TaskCreateRequest,
  cal: WorkingCalendar,
  now: Date,
): Promise<CreationPlan[]> {
  const { tenantId } = actor.principal;
  const problems = new Problems();
  const today = cal.localDate(now.getTime());

  let directiveItems = new Map<string, string>();
  if (req.directiveId) {
    if (await repo.directiveExists(tx, tenantId, req.directiveId))
      directiveItems = await repo.directiveItemTexts(tx, tenantId, req.directiveId);
    else
      problems.add(
        '/directiveId',
        `Văn bản chỉ đạo "${req.directiveId}" không tồn tại.`,
        `Directive "${req.directiveId}" does not exist.`,
      );
  }
  let conclusions = new Map<string, string>();
  if (req.meetingId) {
    if (await repo.meetingExists(tx, tenantId, req.meetingId))
      conclusions = await repo.conclusionTexts(tx, tenantId, req.meetingId);
    else
      problems.add(
        '/meetingId',
        `Cuộc họp "${req.meetingId}" không tồn tại.`,
        `Meeting "${req.meetingId}" does not exist.`,
      );
  }

  const unitIds = req.items.flatMap((i) => [i.leadUnitId, ...(i.supportUnitIds ?? [])]);
  const units = new Map((await repo.unitsByIds(tx, tenantId, unitIds)).map((u) => [u.id, u]));
  const userIds = req.items.flatMap((i) => [
    i.assignerId ?? actor.principal.userId,
    ...(i.assigneeId ? [i.assigneeId] : []),
  ]);
  const users = await repo.usersByIds(tx, tenantId, userIds);

  const plans: CreationPlan[] = [];
  for (const [index, item] of req.items.entries()) {
    const base = `/items/${index}`;
    const sourceText =
      (item.directiveItemId ? directiveItems.get(item.directiveItemId) : undefined) ??
      (item.conclusionId ? conclusions.get(item.conclusionId) : undefined);
    if (item.directiveItemId) {
      if (!req.directiveId)
        problems.add(
          `${base}/directiveItemId`,
          'Cần nêu văn bản chỉ đạo (directiveId) của mục này.',
          'Give the directive (directiveId) this item belongs to.',
        );
      else if (directiveItems.size && !directiveItems.has(item.directiveItemId))
        problems.add(
          `${base}/directiveItemId`,
          'Mục này không thuộc văn bản chỉ đạo đã nêu.',
          'This item is not part of the given directive.',
        );
    }
    if (item.conclusionId) {
      if (!req.meetingId)
        problems.add(
          `${base}/conclusionId`,
          'Cần nêu cuộc họp (meetingId) của kết luận này.',
          'Give the meeting (meetingId) this conclusion belongs to.',
        );
      else if (conclusions.size && !conclusions.has(item.conclusionId))
        problems.add(
          `${base}/conclusionId`,
          'Kết luận này không thuộc cuộc họp đã nêu.',
          'This conclusion is not part of the given meeting.',
        );
    }
    const plan = await planItem(tx, actor, problems, base, item, {
      units,
      users,
      today,
      cal,
      now,
      sourceText,
    });
    if (plan) {
      plans.push({
        ...plan,
        directiveId: req.directiveId ?? null,
        meetingId: req.meetingId ?? null,
        directiveItemId: item.directiveItemId ?? null,
        conclusionId: item.conclusionId ?? null,
        sourceKind:
          item.directiveItemId || req.directiveId
            ? 'directive_item'
            : item.conclusionId || req.meetingId
              ? 'meeting_conclusion'
              : 'ad_hoc',
      });
    }
  }
  problems.throwIfAny();
  return plans;
}

async function planItem(
  tx: Db,
  actor: Actor,
  problems: Problems,
  base: string,
  item: TaskCreateItem,
  ctx: {
    units: Map<string, repo.UnitFacts>;
    users: Map<string, repo.UserFacts>;
    today: string;
    cal: WorkingCalendar;
    now: Date;
    /** The directive item's or conclusion's text: the default title and content. */
    sourceText: string | undefined;
  },
): Promise<ItemPlan | null> {
  const before = problems.list.length;
  const source = ctx.sourceText ? nfc(ctx.sourceText).replace(/\s+/g, ' ').trim() : '';
  const title = nfc(item.title ?? '').trim() || (source.length > 500 ? `${source.slice(0, 499)}…` : source);
  if (!title) problems.add(`${base}/title`, 'Cần nhập tên nhiệm vụ.', 'A title is required.');
  const lead = checkUnit(problems, ctx.units, item.leadUnitId, `${base}/leadUnitId`, ctx.today);
  const supportUnitIds = [...new Set(item.supportUnitIds ?? [])];
  supportUnitIds.forEach((id, j) => {
    const field = `${base}/supportUnitIds/${j}`;
    if (id === item.leadUnitId)
      problems.add(field, 'Đơn vị phối hợp trùng đơn vị chủ trì.', 'A support unit is the lead unit.');
    else checkUnit(problems, ctx.units, id, field, ctx.today);
  });

  const assignerId = item.assignerId ?? actor.principal.userId;
  const assigner = ctx.users.get(assignerId);
  if (!assigner || assigner.disabled || !canAssign(assigner.grants))
    problems.add(
      `${base}/assignerId`,
      'Người giao nhiệm vụ phải là lãnh đạo (hoặc Văn phòng theo dõi nhiệm vụ).',
      'The assigner must be a leader (or the task monitor).',
    );
  if (item.assigneeId) checkAssignee(problems, ctx.users, item.assigneeId, lead, `${base}/assigneeId`);

  const d = item.deadline;
  const given = [d.date, d.workingDays, d.recurrence].filter((v) => v !== undefined).length;
  let dueAt: number | null = null;
  let recurrence: RecurrenceSpec | null = null;
  if (given !== 1) {
    problems.add(
      `${base}/deadline`,
      'Nêu đúng một loại thời hạn: ngày, số ngày làm việc hoặc định kỳ.',
      'Give exactly one of date, workingDays or recurrence.',
    );
  } else if (d.date !== undefined) {
    const field = `${base}/deadline/date`;
    const due = problems.catch(() => dueAtOfDate(ctx.cal, d.date!, field));
    if (due !== null && problems.catch(() => budgetUntil(ctx.cal, ctx.now.getTime(), due, field)))
      dueAt = due;
  } else if (d.workingDays !== undefined) {
    dueAt = problems.catch(() =>
      dueAtAfterWorkingDays(ctx.cal, ctx.now.getTime(), d.workingDays!, `${base}/deadline/workingDays`),
    );
  } else if (d.recurrence) {
    const found = recurrenceProblems(d.recurrence, `${base}/deadline/recurrence`);
    if (found.length) {
      problems.list.push(...found);
      problems.codes.add('invalid_input');
    } else recurrence = { ...d.recurrence };
  }

  const attachments = item.attachments ?? [];
  if (attachments.length) {
    problems.list.push(...(await attachmentProblems(tx, actor, attachments, `${base}/attachments`)));
  }
  if (problems.list.length > before || !lead) return null;
  const common = {
    title,
    content: nfc(item.content ?? (ctx.sourceText && title !== source ? ctx.sourceText : '')).trim(),
    leadUnitId: lead.id,
    supportUnitIds,
    assigneeId: item.assigneeId ?? null,
    assignerId,
    priority: item.priority ?? 'normal',
    attachments,
  };
  if (recurrence) return { ...common, recurrence, dueAt: null, deadline: { recurrence } };
  return { ...common, recurrence: null, dueAt: dueAt!, deadline: { ...d } };
}

/**
 * Writes one task in the caller's transaction: the kernel's work item (clock to `dueAt`), then
 * the task row, then its file references. `actor` is null for a job (a series' next period).
 */
export async function insertTask(
  tx: Db,
  tenantId: string,
  actor: { change: ChangeActor; files: Actor } | null,
  now: Date,
  cal: WorkingCalendar,
  spec: TaskSpec & {
    dueAt: number;
    deadline: Record<string, unknown>;
    seriesId?: string | null;
    period?: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  const item = await createWorkItem(tx, {
    tenantId,
    kind: TASK_KIND,
    id,
    title: spec.title,
    ownerUnitId: spec.leadUnitId,
    leadUnitIds: [spec.leadUnitId],
    supportUnitIds: spec.supportUnitIds,
    assigneeId: spec.assigneeId,
    actor: actor?.change ?? null,
    now,
    dueAt: new Date(spec.dueAt),
  });
  const atRisk = atRiskMoment(item.clock, cal, now.getTime());
  await repo.insertTask(tx, {
    tenantId,
    id,
    seriesId: spec.seriesId ?? null,
    period: spec.period ?? null,
    sourceKind: spec.sourceKind,
    directiveId: spec.directiveId,
    directiveItemId: spec.directiveItemId,
    meetingId: spec.meetingId,
    conclusionId: spec.conclusionId,
    content: spec.content,
    searchFolded: fold(`${spec.title} ${spec.content}`),
    assignerId: spec.assignerId,
    priority: spec.priority,
    deadline: spec.deadline,
    attachments: spec.attachments.map((a) => ({ sha256: a.sha256, name: a.name ?? null })),
    assignedAt: now,
    atRiskAt: atRisk === null ? null : new Date(atRisk),
    createdAt: now,
  });
  if (actor && spec.attachments.length)
    await replaceAttachments(tx, actor.files, 'task', id, spec.attachments);
  return id;
}

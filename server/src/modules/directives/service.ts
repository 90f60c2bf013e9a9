import { randomUUID } from 'node:crypto';
import { can, P } from '@dieuhanh/core/access/permissions';
import type {
  Directive,
  DirectiveCreate,
  DirectiveItem,
  DirectiveItemInput,
  DirectiveListQuery,
  DirectiveParseResult,
  DirectiveStatus,
  DirectiveSummary,
  DirectiveUpdate,
  Recipient,
  RecurrenceView,
  TaskSummary,
} from '@dieuhanh/core/api/directives';
import { formatLocalDate } from '@dieuhanh/core/calendar/dates';
import type { DeadlineKind, DirectiveDocumentType } from '@dieuhanh/core/directives/index';
import { parseDirective } from '@dieuhanh/core/directives/index';
import { Conflict, type FieldProblem, fieldProblem, Invalid, NotFound } from '@dieuhanh/core/errors';
import { fold, nfc } from '@dieuhanh/core/text/fold';
import type { SQL } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import {
  attachmentProblems,
  listAttachments,
  registerAttachmentOwner,
  removeAttachments,
  replaceAttachments,
} from '../../platform/files.ts';
import { extractUploadText } from './extract.ts';
import * as repo from './repository.ts';
import { isRealDate, itemsAsInput, refusingReferenced, stale, unitsProblems } from './validation.ts';

export const OWNER_TYPE = 'directive';

// --- Hooks for the tasks module ------------------------------------------------------------------

/**
 * What the tasks module plugs in once it exists: progress per directive for the list, and the SQL
 * condition behind the `taskStatus` filter (e.g. `exists (select 1 from tasks where …)` over
 * `directives.tenant_id`/`directives.id`). Until then rows carry `taskSummary: null` and the
 * filter answers 400.
 */
export interface DirectiveTaskHooks {
  summaries(db: Db, tenantId: string, directiveIds: string[]): Promise<Map<string, TaskSummary>>;
  filter(tenantId: string, status: NonNullable<DirectiveListQuery['taskStatus']>): SQL;
}

let taskHooks: DirectiveTaskHooks | null = null;

export function installDirectiveTaskHooks(hooks: DirectiveTaskHooks | null) {
  taskHooks = hooks;
}

export function installedDirectiveTaskHooks(): DirectiveTaskHooks | null {
  return taskHooks;
}

/** Files attached to a directive may be read by whoever may read directives (all staff). */
export function registerDirectiveAttachments() {
  registerAttachmentOwner(OWNER_TYPE, async (db, actor, ids) =>
    can(actor.principal, P.directiveRead) ? repo.existingDirectiveIds(db, actor.principal.tenantId, ids) : [],
  );
}

// --- Parse ---------------------------------------------------------------------------------------

/** Today's date in Vietnam (UTC+7), the parser's reference for dates written without a year. */
export function todayInVietnam(now: Date): string {
  return formatLocalDate(now.getTime());
}

/**
 * Reads a directive's text into a draft for review: the parser's output, with the units of the
 * caller's tenant (all of them, validity dates included) and the text itself, NFC, which every
 * span indexes.
 */
export async function parseText(deps: Deps, actor: Actor, text: string): Promise<DirectiveParseResult> {
  requirePermission(actor, P.directiveWrite);
  return parseWithTenantUnits(deps, actor, text, '/text');
}

/** The same from an uploaded .txt (UTF-8, UTF-16 with BOM) or .docx file. */
export async function parseUpload(
  deps: Deps,
  actor: Actor,
  upload: { bytes: Buffer; filename: string | undefined },
): Promise<DirectiveParseResult> {
  requirePermission(actor, P.directiveWrite);
  return parseWithTenantUnits(deps, actor, await extractUploadText(deps.config, upload), '/file');
}

async function parseWithTenantUnits(
  deps: Deps,
  actor: Actor,
  raw: string,
  field: string,
): Promise<DirectiveParseResult> {
  const text = nfc(raw);
  if (text.trim() === '')
    throw new Invalid([fieldProblem(field, 'Văn bản không có nội dung.', 'The text is empty.')]);
  const units = await repo.parserUnits(deps.db, actor.principal.tenantId);
  const draft = parseDirective(text, { units, referenceDate: todayInVietnam(deps.now()) });
  return { ...draft, text };
}

// --- Views -------------------------------------------------------------------------------------

function headerView(row: repo.DirectiveRow) {
  return {
    id: row.id,
    number: row.number,
    documentType: row.documentType as DirectiveDocumentType,
    issuerUnitId: row.issuerUnitId,
    issuerName: row.issuerName,
    signerName: row.signerName,
    signerTitle: row.signerTitle,
    place: row.place,
    issuedOn: row.issuedOn,
    subject: row.subject,
    status: row.status as DirectiveStatus,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function itemViews(db: Db, tenantId: string, rows: repo.DirectiveItemRow[]): Promise<DirectiveItem[]> {
  const unitRows = await repo.itemUnitRows(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const mine = unitRows.filter((u) => u.itemId === r.id);
    return {
      id: r.id,
      ref: r.ref,
      text: r.text,
      lead: mine.filter((u) => u.role === 'lead').map((u) => u.unitId),
      support: mine.filter((u) => u.role === 'support').map((u) => u.unitId),
      deadline: r.deadline,
      deadlineKind: (r.deadlineKind as DeadlineKind | null) ?? null,
      recurrence: (r.recurrence as RecurrenceView | null) ?? null,
      span: (r.span as { start: number; end: number } | null) ?? null,
    };
  });
}

async function directiveView(db: Db, tenantId: string, row: repo.DirectiveRow): Promise<Directive> {
  return {
    ...headerView(row),
    recipients: row.recipients as Recipient[],
    body: row.body,
    items: await itemViews(db, tenantId, await repo.itemRows(db, tenantId, row.id)),
    attachments: await listAttachments(db, tenantId, OWNER_TYPE, row.id),
  };
}

// --- Reads ---------------------------------------------------------------------------------------

export async function listDirectives(
  deps: Deps,
  actor: Actor,
  query: DirectiveListQuery,
): Promise<{ items: DirectiveSummary[]; total: number }> {
  requirePermission(actor, P.directiveRead);
  const { tenantId } = actor.principal;
  const unreal = (['from', 'to'] as const).filter((key) => query[key] && !isRealDate(query[key]));
  if (unreal.length)
    throw new Invalid(
      unreal.map((key) => fieldProblem(`/querystring/${key}`, 'Ngày không có thật.', 'Not a real date.')),
    );
  if (query.taskStatus && !taskHooks) {
    throw new Invalid([
      fieldProblem(
        '/querystring/taskStatus',
        'Chưa thể lọc theo tình trạng nhiệm vụ (chưa có phân hệ nhiệm vụ).',
        'Filtering by task status needs the tasks module, which is not installed yet.',
      ),
    ]);
  }
  const { rows, total } = await repo.listDirectives(
    deps.db,
    tenantId,
    {
      foldedQuery: query.q ? fold(query.q) || undefined : undefined,
      issuerUnitId: query.issuerUnitId,
      foldedSigner: query.signer ? fold(query.signer) || undefined : undefined,
      from: query.from,
      to: query.to,
      documentType: query.type,
      status: query.status,
      extra: query.taskStatus && taskHooks ? taskHooks.filter(tenantId, query.taskStatus) : undefined,
    },
    query.limit ?? 100,
    query.offset ?? 0,
  );
  const summaries = taskHooks
    ? await taskHooks.summaries(
        deps.db,
        tenantId,
        rows.map((r) => r.directive.id),
      )
    : new Map<string, TaskSummary>();
  return {
    items: rows.map((r) => ({
      ...headerView(r.directive),
      itemCount: r.itemCount,
      taskSummary: summaries.get(r.directive.id) ?? null,
    })),
    total,
  };
}

export async function getDirective(deps: Deps, actor: Actor, id: string): Promise<Directive> {
  requirePermission(actor, P.directiveRead);
  const row = await repo.getDirectiveRow(deps.db, actor.principal.tenantId, id);
  if (!row) throw new NotFound('directive');
  return directiveView(deps.db, actor.principal.tenantId, row);
}

// --- Writes --------------------------------------------------------------------------------------

const clean = (text: string | null | undefined): string | null => {
  if (text === null || text === undefined) return null;
  return nfc(text).trim() || null;
};

type Header = {
  number: string | null;
  documentType: DirectiveDocumentType;
  issuerUnitId: string | null;
  issuerName: string | null;
  signerName: string | null;
  signerTitle: string | null;
  place: string | null;
  issuedOn: string | null;
  subject: string;
  recipients: Recipient[];
  body: string;
  status: DirectiveStatus;
};

function headerRow(h: Header) {
  return {
    ...h,
    signerFolded: h.signerName ? fold(h.signerName) : null,
    searchFolded: fold([h.number ?? '', h.subject, h.body].join(' \n ')),
  };
}

function headerOf(input: Partial<DirectiveCreate>, base: Header): Header {
  const pick = <K extends keyof Header>(key: K, value: Header[K] | undefined): Header[K] =>
    value === undefined ? base[key] : value;
  return {
    number: pick('number', input.number === undefined ? undefined : clean(input.number)),
    documentType: pick('documentType', input.documentType),
    issuerUnitId: pick('issuerUnitId', input.issuerUnitId),
    issuerName: pick('issuerName', input.issuerName === undefined ? undefined : clean(input.issuerName)),
    signerName: pick('signerName', input.signerName === undefined ? undefined : clean(input.signerName)),
    signerTitle: pick('signerTitle', input.signerTitle === undefined ? undefined : clean(input.signerTitle)),
    place: pick('place', input.place === undefined ? undefined : clean(input.place)),
    issuedOn: pick('issuedOn', input.issuedOn),
    subject: pick('subject', input.subject === undefined ? undefined : (clean(input.subject) ?? '')),
    recipients: pick(
      'recipients',
      input.recipients?.map((r) => ({ name: nfc(r.name).trim(), unitIds: [...new Set(r.unitIds)] })),
    ),
    body: pick('body', input.body === undefined ? undefined : nfc(input.body)),
    status: pick('status', input.status),
  };
}

const EMPTY_HEADER: Header = {
  number: null,
  documentType: 'other',
  issuerUnitId: null,
  issuerName: null,
  signerName: null,
  signerTitle: null,
  place: null,
  issuedOn: null,
  subject: '',
  recipients: [],
  body: '',
  status: 'draft',
};

/** Everything wrong with a directive about to be stored; empty when it may be stored. */
async function directiveProblems(
  db: Db,
  tenantId: string,
  h: Header,
  items: DirectiveItemInput[],
  existingItemIds: Set<string>,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (!h.subject)
    problems.push(fieldProblem('/subject', 'Cần nhập trích yếu.', 'The subject (trích yếu) is required.'));
  if (h.issuedOn !== null && !isRealDate(h.issuedOn))
    problems.push(fieldProblem('/issuedOn', 'Ngày ban hành không có thật.', 'Not a real date.'));
  if (h.status === 'issued') {
    if (!h.number)
      problems.push(
        fieldProblem(
          '/number',
          'Văn bản đã ban hành phải có số, ký hiệu.',
          'An issued directive needs a number.',
        ),
      );
    if (!h.issuedOn)
      problems.push(
        fieldProblem(
          '/issuedOn',
          'Văn bản đã ban hành phải có ngày ban hành.',
          'An issued directive needs its date of issue.',
        ),
      );
  }
  const unitRefs: Array<{ field: string; id: string }> = [];
  if (h.issuerUnitId) unitRefs.push({ field: '/issuerUnitId', id: h.issuerUnitId });
  h.recipients.forEach((r, i) => {
    if (!r.name)
      problems.push(fieldProblem(`/recipients/${i}/name`, 'Cần tên nơi nhận.', 'The name is required.'));
    r.unitIds.forEach((id, j) => {
      unitRefs.push({ field: `/recipients/${i}/unitIds/${j}`, id });
    });
  });

  const refs = new Map<string, number>();
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const at = `/items/${i}`;
    const ref = nfc(item.ref).trim();
    if (!ref) problems.push(fieldProblem(`${at}/ref`, 'Cần số thứ tự của mục.', 'The item ref is required.'));
    else if (refs.has(ref))
      problems.push(
        fieldProblem(
          `${at}/ref`,
          `Số thứ tự "${ref}" trùng với mục ${refs.get(ref)! + 1}.`,
          `Ref "${ref}" repeats item ${refs.get(ref)! + 1}.`,
        ),
      );
    refs.set(ref, i);
    if (!nfc(item.text).trim())
      problems.push(fieldProblem(`${at}/text`, 'Cần nội dung nhiệm vụ.', 'The item text is required.'));
    if (item.id !== undefined) {
      if (!existingItemIds.has(item.id) || ids.has(item.id))
        problems.push(
          fieldProblem(`${at}/id`, 'Mục này không thuộc văn bản.', 'No such item in this directive.'),
        );
      ids.add(item.id);
    }
    const lead = new Set(item.lead);
    if (h.status === 'issued' && lead.size === 0)
      problems.push(
        fieldProblem(`${at}/lead`, 'Cần ít nhất một đơn vị chủ trì.', 'At least one lead unit is required.'),
      );
    item.lead.forEach((id, j) => {
      unitRefs.push({ field: `${at}/lead/${j}`, id });
    });
    (item.support ?? []).forEach((id, j) => {
      if (lead.has(id))
        problems.push(
          fieldProblem(
            `${at}/support/${j}`,
            'Đơn vị đã là đơn vị chủ trì của mục này.',
            'The unit already leads this item.',
          ),
        );
      else unitRefs.push({ field: `${at}/support/${j}`, id });
    });
    if (item.deadline) {
      if (!isRealDate(item.deadline))
        problems.push(fieldProblem(`${at}/deadline`, 'Hạn xử lý không có thật.', 'Not a real date.'));
      else if (h.issuedOn && isRealDate(h.issuedOn) && item.deadline < h.issuedOn)
        problems.push(
          fieldProblem(
            `${at}/deadline`,
            `Hạn xử lý ${item.deadline} trước ngày ban hành ${h.issuedOn}.`,
            `The deadline ${item.deadline} is before the date of issue ${h.issuedOn}.`,
          ),
        );
    }
    if (item.span && (item.span.end < item.span.start || item.span.end > h.body.length))
      problems.push(
        fieldProblem(
          `${at}/span`,
          'Vị trí trích dẫn nằm ngoài nội dung văn bản.',
          'The span lies outside the body text.',
        ),
      );
  });
  problems.push(...(await unitsProblems(db, tenantId, unitRefs)));
  return problems;
}

async function writeItems(
  tx: Db,
  tenantId: string,
  directiveId: string,
  items: DirectiveItemInput[],
  replace: boolean,
) {
  const keep = items.flatMap((i) => (i.id ? [i.id] : []));
  if (replace) {
    await repo.deleteItemsExcept(tx, tenantId, directiveId, keep);
    await repo.parkItemRefs(tx, tenantId, keep);
  }
  for (const [position, item] of items.entries()) {
    const fields = {
      position,
      ref: nfc(item.ref).trim(),
      text: nfc(item.text).trim(),
      deadline: item.deadline ?? null,
      deadlineKind: item.deadline ? (item.deadlineKind ?? null) : null,
      recurrence: item.recurrence
        ? { ...item.recurrence, ...(item.recurrence.text ? { text: nfc(item.recurrence.text) } : {}) }
        : null,
      span: item.span ?? null,
    };
    const itemId = item.id ?? randomUUID();
    if (item.id) await repo.updateItem(tx, tenantId, itemId, fields);
    else await repo.insertItem(tx, { tenantId, id: itemId, directiveId, ...fields });
    await repo.replaceItemUnits(
      tx,
      tenantId,
      itemId,
      [...new Set(item.lead)],
      [...new Set(item.support ?? [])],
    );
  }
}

export async function createDirective(deps: Deps, actor: Actor, input: DirectiveCreate): Promise<Directive> {
  requirePermission(actor, P.directiveWrite);
  const { tenantId, userId } = actor.principal;
  const header = headerOf(input, EMPTY_HEADER);
  const attachments = input.attachments ?? [];
  return deps.db.transaction(async (tx) => {
    const problems = [
      ...(await directiveProblems(tx, tenantId, header, input.items, new Set())),
      ...(await attachmentProblems(tx, actor, attachments)),
    ];
    if (input.items.some((i) => i.id !== undefined))
      problems.push(
        ...input.items.flatMap((i, n) =>
          i.id ? [fieldProblem(`/items/${n}/id`, 'Mục mới không có mã.', 'A new item has no id.')] : [],
        ),
      );
    if (problems.length) throw new Invalid(problems);
    const id = randomUUID();
    await repo.insertDirective(tx, { tenantId, id, ...headerRow(header), createdBy: userId });
    await writeItems(tx, tenantId, id, input.items, false);
    await replaceAttachments(tx, actor, OWNER_TYPE, id, attachments);
    const view = await directiveView(tx, tenantId, (await repo.getDirectiveRow(tx, tenantId, id))!);
    await appendAudit(tx, {
      tenantId,
      actorId: userId,
      action: 'directive.created',
      resourceType: OWNER_TYPE,
      resourceId: id,
      after: view,
      requestId: actor.requestId,
    });
    return view;
  });
}

export async function updateDirective(
  deps: Deps,
  actor: Actor,
  id: string,
  input: DirectiveUpdate,
): Promise<Directive> {
  requirePermission(actor, P.directiveWrite);
  const { tenantId, userId } = actor.principal;
  return refusingReferenced(() =>
    deps.db.transaction(async (tx) => {
      const row = await repo.getDirectiveRow(tx, tenantId, id);
      if (!row) throw new NotFound('directive');
      if (row.version !== input.version) throw stale();
      const before = await directiveView(tx, tenantId, row);
      if (before.status === 'issued' && input.status === 'draft')
        throw new Conflict(
          'directive_issued',
          'Văn bản đã ban hành không thể chuyển lại thành dự thảo.',
          'An issued directive cannot go back to draft.',
        );
      const { version, items, attachments, ...fields } = input;
      const header = headerOf(fields, {
        ...before,
        recipients: before.recipients,
        body: before.body,
      });
      const itemInputs = items ?? itemsAsInput(before.items);
      const problems = [
        ...(await directiveProblems(
          tx,
          tenantId,
          header,
          itemInputs,
          new Set(before.items.map((i) => i.id)),
        )),
        ...(attachments ? await attachmentProblems(tx, actor, attachments) : []),
      ];
      if (problems.length) throw new Invalid(problems);
      const updated = await repo.updateDirective(tx, tenantId, id, version, headerRow(header));
      if (!updated) throw stale();
      if (items) await writeItems(tx, tenantId, id, items, true);
      if (attachments) await replaceAttachments(tx, actor, OWNER_TYPE, id, attachments);
      const after = await directiveView(tx, tenantId, updated);
      await appendAudit(tx, {
        tenantId,
        actorId: userId,
        action:
          before.status === 'draft' && after.status === 'issued' ? 'directive.issued' : 'directive.updated',
        resourceType: OWNER_TYPE,
        resourceId: id,
        before,
        after,
        requestId: actor.requestId,
      });
      return after;
    }),
  );
}

/** Only a draft can be deleted; an issued directive is a record and stays. */
export async function deleteDirective(deps: Deps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, P.directiveWrite);
  const { tenantId, userId } = actor.principal;
  await refusingReferenced(() =>
    deps.db.transaction(async (tx) => {
      const row = await repo.getDirectiveRow(tx, tenantId, id);
      if (!row) throw new NotFound('directive');
      if (row.status !== 'draft')
        throw new Conflict(
          'directive_issued',
          'Chỉ xóa được văn bản dự thảo; văn bản đã ban hành được lưu giữ.',
          'Only a draft can be deleted; an issued directive is kept.',
        );
      const before = await directiveView(tx, tenantId, row);
      if (!(await repo.deleteDirective(tx, tenantId, id, row.version))) throw stale();
      await removeAttachments(tx, tenantId, OWNER_TYPE, id);
      await appendAudit(tx, {
        tenantId,
        actorId: userId,
        action: 'directive.deleted',
        resourceType: OWNER_TYPE,
        resourceId: id,
        before,
        requestId: actor.requestId,
      });
    }),
  );
}

// --- For the tasks module ------------------------------------------------------------------------

/** What a task is made from: one directive item, its units, and the header of its directive. */
export interface DirectiveItemAssignment {
  directiveId: string;
  itemId: string;
  ref: string;
  text: string;
  lead: string[];
  support: string[];
  deadline: string | null;
  deadlineKind: DeadlineKind | null;
  recurrence: RecurrenceView | null;
  directive: {
    number: string | null;
    documentType: DirectiveDocumentType;
    issuedOn: string | null;
    subject: string;
    status: DirectiveStatus;
    issuerUnitId: string | null;
    signerName: string | null;
  };
}

function assignment(row: repo.DirectiveRow, item: DirectiveItem): DirectiveItemAssignment {
  return {
    directiveId: row.id,
    itemId: item.id,
    ref: item.ref,
    text: item.text,
    lead: item.lead,
    support: item.support,
    deadline: item.deadline,
    deadlineKind: item.deadlineKind,
    recurrence: item.recurrence,
    directive: {
      number: row.number,
      documentType: row.documentType as DirectiveDocumentType,
      issuedOn: row.issuedOn,
      subject: row.subject,
      status: row.status as DirectiveStatus,
      issuerUnitId: row.issuerUnitId,
      signerName: row.signerName,
    },
  };
}

/**
 * One item with its lead and support units, or null. No permission check: the caller (the tasks
 * service) checks its own (`task.assign`) first. Accepts a transaction handle.
 */
export async function getDirectiveItemAssignment(
  db: Db,
  tenantId: string,
  itemId: string,
): Promise<DirectiveItemAssignment | null> {
  const item = await repo.getItemRow(db, tenantId, itemId);
  if (!item) return null;
  const row = await repo.getDirectiveRow(db, tenantId, item.directiveId);
  if (!row) return null;
  const [view] = await itemViews(db, tenantId, [item]);
  return assignment(row, view!);
}

/** Every item of a directive, in order, with their units (empty when there is no such directive). */
export async function listDirectiveItemAssignments(
  db: Db,
  tenantId: string,
  directiveId: string,
): Promise<DirectiveItemAssignment[]> {
  const row = await repo.getDirectiveRow(db, tenantId, directiveId);
  if (!row) return [];
  const items = await itemViews(db, tenantId, await repo.itemRows(db, tenantId, directiveId));
  return items.map((item) => assignment(row, item));
}

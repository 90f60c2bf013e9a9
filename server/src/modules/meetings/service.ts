import { randomUUID } from 'node:crypto';
import { can, P } from '@dieuhanh/core/access/permissions';
import type {
  Attendance,
  AttendeeInput,
  Conclusion,
  ConclusionInput,
  Meeting,
  MeetingCreate,
  MeetingListQuery,
  MeetingSummary,
  MeetingUpdate,
} from '@dieuhanh/core/api/directives';
import { DAY_MS, formatLocalDate, parseLocalDate } from '@dieuhanh/core/calendar/dates';
import { type FieldProblem, fieldProblem, Invalid, NotFound } from '@dieuhanh/core/errors';
import { fold, nfc } from '@dieuhanh/core/text/fold';
import { appendAudit } from '../../platform/audit.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import {
  attachmentProblems,
  listAttachments,
  registerAttachmentOwner,
  replaceAttachments,
} from '../../platform/files.ts';
import { isRealDate, refusingReferenced, stale, unitsProblems } from '../directives/validation.ts';
import * as repo from './repository.ts';

export const OWNER_TYPE = 'meeting';

/** Minutes and other files of a meeting are readable by whoever may read directives. */
export function registerMeetingAttachments() {
  registerAttachmentOwner(OWNER_TYPE, async (db, actor, ids) =>
    can(actor.principal, P.directiveRead) ? repo.existingMeetingIds(db, actor.principal.tenantId, ids) : [],
  );
}

// --- Views ---------------------------------------------------------------------------------------

function headerView(row: repo.MeetingRow) {
  return {
    id: row.id,
    title: row.title,
    chairUserId: row.chairUserId,
    chairName: row.chairName,
    heldAt: row.heldAt.toISOString(),
    location: row.location,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function conclusionViews(db: Db, tenantId: string, rows: repo.ConclusionRow[]): Promise<Conclusion[]> {
  const unitRows = await repo.conclusionUnitRows(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const mine = unitRows.filter((u) => u.conclusionId === r.id);
    return {
      id: r.id,
      ref: r.ref,
      text: r.text,
      lead: mine.filter((u) => u.role === 'lead').map((u) => u.unitId),
      support: mine.filter((u) => u.role === 'support').map((u) => u.unitId),
      deadline: r.deadline,
    };
  });
}

async function meetingView(db: Db, tenantId: string, row: repo.MeetingRow): Promise<Meeting> {
  const attendees = await repo.attendeeRows(db, tenantId, row.id);
  return {
    ...headerView(row),
    attendees: attendees.map((a) => ({
      unitId: a.unitId,
      personName: a.personName,
      attendance: a.attendance as Attendance,
      delegateName: a.delegateName,
      absenceReason: a.absenceReason,
    })),
    conclusions: await conclusionViews(db, tenantId, await repo.conclusionRows(db, tenantId, row.id)),
    attachments: await listAttachments(db, tenantId, OWNER_TYPE, row.id),
  };
}

// --- Reads ---------------------------------------------------------------------------------------

export async function listMeetings(
  deps: Deps,
  actor: Actor,
  query: MeetingListQuery,
): Promise<{ items: MeetingSummary[]; total: number }> {
  requirePermission(actor, P.directiveRead);
  const problems: FieldProblem[] = [];
  for (const key of ['from', 'to'] as const) {
    const value = query[key];
    if (value && !isRealDate(value))
      problems.push(fieldProblem(`/querystring/${key}`, 'Ngày không có thật.', 'Not a real date.'));
  }
  if (problems.length) throw new Invalid(problems);
  const { rows, total } = await repo.listMeetings(
    deps.db,
    actor.principal.tenantId,
    {
      foldedQuery: query.q ? fold(query.q) || undefined : undefined,
      chairUserId: query.chairUserId,
      // Days are Vietnamese days: from 00:00 +07:00 of `from` to the end of `to`.
      from: query.from ? new Date(parseLocalDate(query.from)) : undefined,
      until: query.to ? new Date(parseLocalDate(query.to) + DAY_MS) : undefined,
    },
    query.limit ?? 100,
    query.offset ?? 0,
  );
  return {
    items: rows.map((r) => ({ ...headerView(r.meeting), conclusionCount: r.conclusionCount })),
    total,
  };
}

export async function getMeeting(deps: Deps, actor: Actor, id: string): Promise<Meeting> {
  requirePermission(actor, P.directiveRead);
  const row = await repo.getMeetingRow(deps.db, actor.principal.tenantId, id);
  if (!row) throw new NotFound('meeting');
  return meetingView(deps.db, actor.principal.tenantId, row);
}

// --- Writes --------------------------------------------------------------------------------------

const clean = (text: string | null | undefined): string | null =>
  text === null || text === undefined ? null : nfc(text).trim() || null;

interface Header {
  title: string;
  chairUserId: string | null;
  chairName: string;
  heldAt: Date;
  location: string | null;
}

function attendeeRow(a: AttendeeInput) {
  return {
    unitId: a.unitId ?? null,
    personName: clean(a.personName),
    attendance: a.attendance,
    delegateName: clean(a.delegateName),
    absenceReason: clean(a.absenceReason),
  };
}

/** Everything wrong with a meeting about to be stored; empty when it may be stored. */
async function meetingProblems(
  db: Db,
  tenantId: string,
  h: Header,
  attendees: AttendeeInput[],
  conclusions: ConclusionInput[],
  existingConclusionIds: Set<string>,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (!h.title) problems.push(fieldProblem('/title', 'Cần tên cuộc họp.', 'The title is required.'));
  if (!h.chairName)
    problems.push(fieldProblem('/chairName', 'Cần tên người chủ trì.', 'The chair’s name is required.'));
  if (h.chairUserId && !(await repo.userExists(db, tenantId, h.chairUserId)))
    problems.push(fieldProblem('/chairUserId', 'Không có người dùng này.', 'No such user.'));
  const unitRefs: Array<{ field: string; id: string }> = [];

  const seen = new Map<string, number>();
  attendees.forEach((input, i) => {
    const a = attendeeRow(input);
    const at = `/attendees/${i}`;
    if (!a.unitId && !a.personName)
      problems.push(
        fieldProblem(
          `${at}/unitId`,
          'Cần đơn vị hoặc tên người dự họp.',
          'A unit or a person’s name is required.',
        ),
      );
    if (a.unitId) unitRefs.push({ field: `${at}/unitId`, id: a.unitId });
    const key = `${a.unitId ?? ''}|${a.personName ? fold(a.personName) : ''}`;
    if (seen.has(key))
      problems.push(
        fieldProblem(
          `${at}/unitId`,
          `Trùng với thành phần dự họp thứ ${seen.get(key)! + 1}.`,
          `Repeats attendee ${seen.get(key)! + 1}.`,
        ),
      );
    seen.set(key, i);
    if (a.attendance === 'absent' && !a.absenceReason)
      problems.push(
        fieldProblem(`${at}/absenceReason`, 'Vắng mặt phải ghi rõ lý do.', 'An absence needs a reason.'),
      );
    if (a.attendance !== 'absent' && a.absenceReason)
      problems.push(
        fieldProblem(
          `${at}/absenceReason`,
          'Chỉ ghi lý do khi vắng mặt.',
          'A reason is given only for an absence.',
        ),
      );
    if (a.attendance === 'delegated' && !a.delegateName)
      problems.push(
        fieldProblem(
          `${at}/delegateName`,
          'Cử người dự thay phải ghi tên người được cử.',
          'A delegation needs the delegate’s name.',
        ),
      );
    if (a.attendance !== 'delegated' && a.delegateName)
      problems.push(
        fieldProblem(
          `${at}/delegateName`,
          'Chỉ ghi người dự thay khi cử người dự thay.',
          'A delegate is named only for a delegation.',
        ),
      );
  });

  const meetingDay = formatLocalDate(h.heldAt.getTime());
  const refs = new Map<string, number>();
  const ids = new Set<string>();
  conclusions.forEach((c, i) => {
    const at = `/conclusions/${i}`;
    const ref = nfc(c.ref).trim();
    if (!ref) problems.push(fieldProblem(`${at}/ref`, 'Cần số thứ tự.', 'The ref is required.'));
    else if (refs.has(ref))
      problems.push(
        fieldProblem(
          `${at}/ref`,
          `Số thứ tự "${ref}" trùng với kết luận ${refs.get(ref)! + 1}.`,
          `Ref "${ref}" repeats conclusion ${refs.get(ref)! + 1}.`,
        ),
      );
    refs.set(ref, i);
    if (!nfc(c.text).trim())
      problems.push(fieldProblem(`${at}/text`, 'Cần nội dung kết luận.', 'The text is required.'));
    if (c.id !== undefined) {
      if (!existingConclusionIds.has(c.id) || ids.has(c.id))
        problems.push(
          fieldProblem(
            `${at}/id`,
            'Kết luận này không thuộc cuộc họp.',
            'No such conclusion in this meeting.',
          ),
        );
      ids.add(c.id);
    }
    const lead = new Set(c.lead ?? []);
    (c.lead ?? []).forEach((id, j) => {
      unitRefs.push({ field: `${at}/lead/${j}`, id });
    });
    (c.support ?? []).forEach((id, j) => {
      if (lead.has(id))
        problems.push(
          fieldProblem(
            `${at}/support/${j}`,
            'Đơn vị đã là đơn vị chủ trì.',
            'The unit already leads this conclusion.',
          ),
        );
      else unitRefs.push({ field: `${at}/support/${j}`, id });
    });
    if (c.deadline) {
      if (!isRealDate(c.deadline))
        problems.push(fieldProblem(`${at}/deadline`, 'Hạn xử lý không có thật.', 'Not a real date.'));
      else if (c.deadline < meetingDay)
        problems.push(
          fieldProblem(
            `${at}/deadline`,
            `Hạn xử lý ${c.deadline} trước ngày họp ${meetingDay}.`,
            `The deadline ${c.deadline} is before the meeting (${meetingDay}).`,
          ),
        );
    }
  });
  problems.push(...(await unitsProblems(db, tenantId, unitRefs)));
  return problems;
}

async function writeConclusions(
  tx: Db,
  tenantId: string,
  meetingId: string,
  conclusions: ConclusionInput[],
  replace: boolean,
) {
  const keep = conclusions.flatMap((c) => (c.id ? [c.id] : []));
  if (replace) {
    await repo.deleteConclusionsExcept(tx, tenantId, meetingId, keep);
    await repo.parkConclusionRefs(tx, tenantId, keep);
  }
  for (const [position, c] of conclusions.entries()) {
    const fields = {
      position,
      ref: nfc(c.ref).trim(),
      text: nfc(c.text).trim(),
      deadline: c.deadline ?? null,
    };
    const id = c.id ?? randomUUID();
    if (c.id) await repo.updateConclusion(tx, tenantId, id, fields);
    else await repo.insertConclusion(tx, { tenantId, id, meetingId, ...fields });
    await repo.replaceConclusionUnits(
      tx,
      tenantId,
      id,
      [...new Set(c.lead ?? [])],
      [...new Set(c.support ?? [])],
    );
  }
}

function headerRow(h: Header) {
  return { ...h, titleFolded: fold(h.title) };
}

export async function createMeeting(deps: Deps, actor: Actor, input: MeetingCreate): Promise<Meeting> {
  requirePermission(actor, P.directiveWrite);
  const { tenantId, userId } = actor.principal;
  const header: Header = {
    title: clean(input.title) ?? '',
    chairUserId: input.chairUserId ?? null,
    chairName: clean(input.chairName) ?? '',
    heldAt: new Date(input.heldAt),
    location: clean(input.location),
  };
  const attendees = input.attendees ?? [];
  const conclusions = input.conclusions ?? [];
  const attachments = input.attachments ?? [];
  return deps.db.transaction(async (tx) => {
    const problems = [
      ...(await meetingProblems(tx, tenantId, header, attendees, conclusions, new Set())),
      ...(await attachmentProblems(tx, actor, attachments)),
    ];
    if (problems.length) throw new Invalid(problems);
    const id = randomUUID();
    await repo.insertMeeting(tx, { tenantId, id, ...headerRow(header), createdBy: userId });
    await repo.replaceAttendees(tx, tenantId, id, attendees.map(attendeeRow));
    await writeConclusions(tx, tenantId, id, conclusions, false);
    await replaceAttachments(tx, actor, OWNER_TYPE, id, attachments);
    const view = await meetingView(tx, tenantId, (await repo.getMeetingRow(tx, tenantId, id))!);
    await appendAudit(tx, {
      tenantId,
      actorId: userId,
      action: 'meeting.created',
      resourceType: OWNER_TYPE,
      resourceId: id,
      after: view,
      requestId: actor.requestId,
    });
    return view;
  });
}

export async function updateMeeting(
  deps: Deps,
  actor: Actor,
  id: string,
  input: MeetingUpdate,
): Promise<Meeting> {
  requirePermission(actor, P.directiveWrite);
  const { tenantId, userId } = actor.principal;
  return refusingReferenced(() =>
    deps.db.transaction(async (tx) => {
      const row = await repo.getMeetingRow(tx, tenantId, id);
      if (!row) throw new NotFound('meeting');
      if (row.version !== input.version) throw stale();
      const before = await meetingView(tx, tenantId, row);
      const header: Header = {
        title: input.title === undefined ? row.title : (clean(input.title) ?? ''),
        chairUserId: input.chairUserId === undefined ? row.chairUserId : input.chairUserId,
        chairName: input.chairName === undefined ? row.chairName : (clean(input.chairName) ?? ''),
        heldAt: input.heldAt === undefined ? row.heldAt : new Date(input.heldAt),
        location: input.location === undefined ? row.location : clean(input.location),
      };
      const attendees: AttendeeInput[] = input.attendees ?? before.attendees;
      const conclusions = input.conclusions ?? before.conclusions;
      const problems = [
        ...(await meetingProblems(
          tx,
          tenantId,
          header,
          attendees,
          conclusions,
          new Set(before.conclusions.map((c) => c.id)),
        )),
        ...(input.attachments ? await attachmentProblems(tx, actor, input.attachments) : []),
      ];
      if (problems.length) throw new Invalid(problems);
      const updated = await repo.updateMeeting(tx, tenantId, id, input.version, headerRow(header));
      if (!updated) throw stale();
      if (input.attendees) await repo.replaceAttendees(tx, tenantId, id, input.attendees.map(attendeeRow));
      if (input.conclusions) await writeConclusions(tx, tenantId, id, input.conclusions, true);
      if (input.attachments) await replaceAttachments(tx, actor, OWNER_TYPE, id, input.attachments);
      const after = await meetingView(tx, tenantId, updated);
      await appendAudit(tx, {
        tenantId,
        actorId: userId,
        action: 'meeting.updated',
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

// --- For the tasks module ------------------------------------------------------------------------

/** What a task is made from: one conclusion, its units, and its meeting. */
export interface ConclusionAssignment {
  meetingId: string;
  conclusionId: string;
  ref: string;
  text: string;
  lead: string[];
  support: string[];
  deadline: string | null;
  meeting: { title: string; heldAt: string; chairUserId: string | null; chairName: string };
}

/** One conclusion with its units, or null. No permission check: the tasks service checks its own. */
export async function getConclusionAssignment(
  db: Db,
  tenantId: string,
  conclusionId: string,
): Promise<ConclusionAssignment | null> {
  const row = await repo.getConclusionRow(db, tenantId, conclusionId);
  if (!row) return null;
  const meeting = await repo.getMeetingRow(db, tenantId, row.meetingId);
  if (!meeting) return null;
  const [c] = await conclusionViews(db, tenantId, [row]);
  return {
    meetingId: meeting.id,
    conclusionId: c!.id,
    ref: c!.ref,
    text: c!.text,
    lead: c!.lead,
    support: c!.support,
    deadline: c!.deadline,
    meeting: {
      title: meeting.title,
      heldAt: meeting.heldAt.toISOString(),
      chairUserId: meeting.chairUserId,
      chairName: meeting.chairName,
    },
  };
}

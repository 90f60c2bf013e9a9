/**
 * Né tránh, đùn đẩy: signals that a task is being dodged or passed around, each with the events
 * that prove it (who, what, when). Pure detection over a task's event history; the server loads
 * the events, this file decides.
 *
 * Signals, thresholds from `TaskPolicy`:
 * - `bounced` — returned or moved between units `bounces` times or more. A return counts once;
 *   a reassignment counts once unless it only hands on a task that was just returned (the
 *   return already counted that hand-off).
 * - `repeated_extensions` — `repeatedExtensions` extension requests or more.
 * - `silent` — in progress with no progress report for `silenceDays` working days or more
 *   (counted from entering in progress or the last report, up to the next report, the task
 *   leaving in progress, or now).
 * - `sent_back_repeatedly` — completion sent back `sendBacks` times or more.
 * - `accepted_late` — accepted after the acceptance window (`acceptanceWindowDays` working days
 *   from the assignment), or still not accepted once it has closed.
 */
import type { Instant, WorkingCalendar } from '../calendar/types.ts';
import type { TaskPolicy } from './types.ts';

export const AVOIDANCE_KINDS = [
  'bounced',
  'repeated_extensions',
  'silent',
  'sent_back_repeatedly',
  'accepted_late',
] as const;
export type AvoidanceKind = (typeof AVOIDANCE_KINDS)[number];

export const AVOIDANCE_LABELS: Record<AvoidanceKind, { vi: string; en: string }> = {
  bounced: { vi: 'Trả lại, chuyển qua lại giữa các đơn vị', en: 'Returned or passed between units' },
  repeated_extensions: { vi: 'Xin gia hạn nhiều lần', en: 'Repeated extension requests' },
  silent: { vi: 'Không báo cáo tiến độ', en: 'No progress report' },
  sent_back_repeatedly: { vi: 'Kết quả bị trả lại nhiều lần', en: 'Completion sent back repeatedly' },
  accepted_late: { vi: 'Tiếp nhận chậm', en: 'Accepted late' },
};

/** One event of a task's history, as the kernel stores it (instants in epoch ms). */
export interface TaskHistoryEvent {
  seq: number;
  at: Instant;
  actorId: string | null;
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  /** `reassign` carries `leadUnitId` (the new lead unit); `reassign`/`assign_person` may carry `assigneeId`. */
  payload: Record<string, unknown>;
}

export interface TaskHistory {
  taskId: string;
  title: string;
  /** The lead unit and assignee at creation (the events say how they changed). */
  initialLeadUnitId: string;
  initialAssigneeId: string | null;
  /** Ordered by `seq`; the first is the creation. */
  events: TaskHistoryEvent[];
}

/** An event cited as evidence, with the lead unit in charge when it happened. */
export interface Evidence {
  seq: number;
  at: Instant;
  action: string;
  actorId: string | null;
  unitId: string;
  reason: string | null;
}

export interface AvoidanceSignal {
  kind: AvoidanceKind;
  taskId: string;
  title: string;
  /** The moment the signal became true (the event that crossed the threshold, or the silence limit). */
  at: Instant;
  /** How many times (returns/moves, requests, send-backs), or working days of silence. */
  count: number;
  /** Units held responsible (the lead units that returned, asked, stayed silent, accepted late). */
  unitIds: string[];
  /** Officials (user ids) who acted — or, for silence, were assigned — on the doing side. */
  userIds: string[];
  evidence: Evidence[];
  /** For `silent` and `accepted_late`: true while the situation lasts (no report yet, not accepted yet). */
  ongoing: boolean;
}

/** The last moment a return is allowed, and after which an acceptance is late. */
export function acceptanceDeadline(
  calendar: WorkingCalendar,
  assignedAt: Instant,
  windowDays: number,
): Instant {
  return calendar.addWorkingDays(assignedAt, Math.max(0, Math.floor(windowDays)));
}

const uniq = (values: Array<string | null | undefined>): string[] =>
  [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();

interface Replayed {
  event: TaskHistoryEvent;
  /** Lead unit in charge when the event happened (before a reassignment takes effect). */
  unitId: string;
  assigneeId: string | null;
  /** When the current lead unit was given the task (creation or last reassignment). */
  assignedAt: Instant;
}

function replay(history: TaskHistory): Replayed[] {
  let unitId = history.initialLeadUnitId;
  let assigneeId = history.initialAssigneeId;
  let assignedAt = history.events[0]?.at ?? 0;
  const out: Replayed[] = [];
  for (const event of history.events) {
    out.push({ event, unitId, assigneeId, assignedAt });
    const p = event.payload;
    if (event.action === 'reassign') {
      if (typeof p.leadUnitId === 'string') unitId = p.leadUnitId;
      assigneeId = typeof p.assigneeId === 'string' ? p.assigneeId : null;
      assignedAt = event.at;
    } else if (event.action === 'assign_person' && typeof p.assigneeId === 'string') {
      assigneeId = p.assigneeId;
    }
  }
  return out;
}

const evidenceOf = (r: Replayed): Evidence => ({
  seq: r.event.seq,
  at: r.event.at,
  action: r.event.action,
  actorId: r.event.actorId,
  unitId: r.unitId,
  reason: r.event.reason,
});

/** Every avoidance signal of one task as of `now`. */
export function detectAvoidance(
  history: TaskHistory,
  policy: TaskPolicy,
  calendar: WorkingCalendar,
  now: Instant,
): AvoidanceSignal[] {
  const events = replay(history).filter((r) => r.event.at <= now);
  const signals: AvoidanceSignal[] = [];
  const base = { taskId: history.taskId, title: history.title };

  // Passed between units.
  const moves = events.filter(
    (r) => r.event.action === 'return' || (r.event.action === 'reassign' && r.event.fromState !== 'returned'),
  );
  if (moves.length >= policy.bounces) {
    const cited = events.filter((r) => r.event.action === 'return' || r.event.action === 'reassign');
    const returns = moves.filter((r) => r.event.action === 'return');
    signals.push({
      ...base,
      kind: 'bounced',
      at: moves[policy.bounces - 1]!.event.at,
      count: moves.length,
      unitIds: uniq(moves.map((r) => r.unitId)),
      userIds: uniq(returns.map((r) => r.event.actorId)),
      evidence: cited.map(evidenceOf),
      ongoing: false,
    });
  }

  // Repeated extension requests.
  const requests = events.filter((r) => r.event.action === 'request_extension');
  if (requests.length >= policy.repeatedExtensions) {
    const decisions = events.filter(
      (r) => r.event.action === 'approve_extension' || r.event.action === 'refuse_extension',
    );
    signals.push({
      ...base,
      kind: 'repeated_extensions',
      at: requests[policy.repeatedExtensions - 1]!.event.at,
      count: requests.length,
      unitIds: uniq(requests.map((r) => r.unitId)),
      userIds: uniq(requests.map((r) => r.event.actorId)),
      evidence: [...requests, ...decisions].sort((a, b) => a.event.seq - b.event.seq).map(evidenceOf),
      ongoing: false,
    });
  }

  // Completion sent back repeatedly.
  const sendBacks = events.filter((r) => r.event.action === 'send_back');
  if (sendBacks.length >= policy.sendBacks) {
    const submissions = events.filter((r) => r.event.action === 'submit_completion');
    signals.push({
      ...base,
      kind: 'sent_back_repeatedly',
      at: sendBacks[policy.sendBacks - 1]!.event.at,
      count: sendBacks.length,
      unitIds: uniq(sendBacks.map((r) => r.unitId)),
      userIds: uniq(submissions.map((r) => r.event.actorId)),
      evidence: [...submissions, ...sendBacks].sort((a, b) => a.event.seq - b.event.seq).map(evidenceOf),
      ongoing: false,
    });
  }

  const silent = silenceSignal(events, policy, calendar, now);
  if (silent) signals.push({ ...base, ...silent });

  const late = lateAcceptance(events, policy, calendar, now);
  if (late) signals.push({ ...base, ...late });
  return signals;
}

type Partial_ = Omit<AvoidanceSignal, 'taskId' | 'title'>;

/** The longest silence while in progress, when it reached the threshold. */
function silenceSignal(
  events: Replayed[],
  policy: TaskPolicy,
  calendar: WorkingCalendar,
  now: Instant,
): Partial_ | null {
  const limitMinutes = policy.silenceDays * calendar.minutesPerDay;
  let opened: Replayed | null = null;
  let worst: { from: Replayed; to: Replayed | null; minutes: number } | null = null;
  const consider = (from: Replayed, to: Replayed | null, end: Instant) => {
    const minutes = calendar.workingMinutesBetween(from.event.at, end);
    if (minutes >= limitMinutes && (!worst || minutes > worst.minutes)) worst = { from, to, minutes };
  };
  for (const r of events) {
    const inProgressAfter = r.event.toState === 'in_progress';
    if (opened && (r.event.action === 'report_progress' || !inProgressAfter)) {
      consider(opened, r, r.event.at);
      opened = null;
    }
    if (inProgressAfter && (opened === null || r.event.action === 'report_progress')) opened = r;
  }
  if (opened) consider(opened, null, now);
  if (!worst) return null;
  const w = worst as { from: Replayed; to: Replayed | null; minutes: number };
  return {
    kind: 'silent',
    at: calendar.addWorkingMinutes(w.from.event.at, limitMinutes),
    count: Math.floor(w.minutes / calendar.minutesPerDay),
    unitIds: [w.from.unitId],
    userIds: uniq([w.from.assigneeId]),
    evidence: [w.from, ...(w.to ? [w.to] : [])].map(evidenceOf),
    ongoing: w.to === null,
  };
}

/** The first acceptance after its window closed, or a window closed with no acceptance yet. */
function lateAcceptance(
  events: Replayed[],
  policy: TaskPolicy,
  calendar: WorkingCalendar,
  now: Instant,
): Partial_ | null {
  // Each assignment (creation or reassignment) opens a window; its acceptance closes it.
  let assignment: Replayed | null = null;
  const late: Array<{ assignment: Replayed; accept: Replayed | null; deadline: Instant }> = [];
  for (const r of events) {
    if (r.event.fromState === null || r.event.action === 'reassign') {
      assignment = r;
      continue;
    }
    if (assignment && r.event.action === 'accept') {
      const deadline = acceptanceDeadline(calendar, assignment.event.at, policy.acceptanceWindowDays);
      if (r.event.at > deadline) late.push({ assignment, accept: r, deadline });
      assignment = null;
    } else if (assignment && r.event.fromState === 'assigned' && r.event.toState !== 'assigned') {
      // Returned or cancelled before accepting: that window is over.
      assignment = null;
    }
  }
  if (assignment) {
    const deadline = acceptanceDeadline(calendar, assignment.event.at, policy.acceptanceWindowDays);
    if (now > deadline) late.push({ assignment, accept: null, deadline });
  }
  if (late.length === 0) return null;
  const last = late.at(-1)!;
  const accepted = late.filter((l) => l.accept);
  return {
    kind: 'accepted_late',
    at: late[0]!.deadline,
    count: late.length,
    // The unit in charge when the window ran: the one the assignment went to.
    unitIds: uniq(late.map((l) => unitAfter(l.assignment))),
    userIds: uniq(accepted.map((l) => l.accept!.event.actorId)),
    evidence: late.flatMap((l) => [l.assignment, ...(l.accept ? [l.accept] : [])]).map(evidenceOf),
    ongoing: last.accept === null,
  };
}

/** The lead unit in charge right after an assignment event (a reassignment names the new one). */
function unitAfter(r: Replayed): string {
  const p = r.event.payload;
  return r.event.action === 'reassign' && typeof p.leadUnitId === 'string' ? p.leadUnitId : r.unitId;
}

export interface AvoidanceTally {
  /** Unit id or user id. */
  id: string;
  total: number;
  byKind: Record<AvoidanceKind, number>;
  taskIds: string[];
}

function emptyKinds(): Record<AvoidanceKind, number> {
  return { bounced: 0, repeated_extensions: 0, silent: 0, sent_back_repeatedly: 0, accepted_late: 0 };
}

/** Counts signals per unit and per official, most signals first. */
export function tallyAvoidance(signals: AvoidanceSignal[]): {
  units: AvoidanceTally[];
  users: AvoidanceTally[];
} {
  const tally = (pick: (s: AvoidanceSignal) => string[]) => {
    const map = new Map<string, AvoidanceTally>();
    for (const s of signals) {
      for (const id of pick(s)) {
        let t = map.get(id);
        if (!t) {
          t = { id, total: 0, byKind: emptyKinds(), taskIds: [] };
          map.set(id, t);
        }
        t.total++;
        t.byKind[s.kind]++;
        if (!t.taskIds.includes(s.taskId)) t.taskIds.push(s.taskId);
      }
    }
    return [...map.values()].sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1));
  };
  return { units: tally((s) => s.unitIds), users: tally((s) => s.userIds) };
}

import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../calendar/index.ts';
import { vn } from '../sla/test-calendar.ts';
import {
  acceptanceDeadline,
  detectAvoidance,
  type TaskHistory,
  type TaskHistoryEvent,
  tallyAvoidance,
} from './avoidance.ts';
import { DEFAULT_TASK_POLICY, taskPolicy } from './types.ts';

const cal = createWorkingCalendar();
const policy = DEFAULT_TASK_POLICY;

type Step = [
  local: string,
  action: string,
  actor: string | null,
  from: string | null,
  to: string,
  payload?: object,
];

function history(steps: Step[], lead = 'so-a', assignee: string | null = null, taskId = 't1'): TaskHistory {
  const events: TaskHistoryEvent[] = steps.map(
    ([local, action, actorId, fromState, toState, payload], i) => ({
      seq: i + 1,
      at: vn(local),
      action,
      actorId,
      fromState,
      toState,
      reason: action === 'return' || action === 'send_back' || action.includes('extension') ? 'lý do' : null,
      payload: (payload ?? {}) as Record<string, unknown>,
    }),
  );
  return { taskId, title: 'Nhiệm vụ', initialLeadUnitId: lead, initialAssigneeId: assignee, events };
}

const created: Step = ['2025-03-03 09:00', 'created', 'chutich', null, 'assigned'];
const kinds = (h: TaskHistory, now: string) => detectAvoidance(h, policy, cal, vn(now)).map((s) => s.kind);

describe('passed between units', () => {
  const bounced = history([
    created,
    ['2025-03-03 14:00', 'return', 'head-a', 'assigned', 'returned'],
    ['2025-03-04 08:00', 'reassign', 'vanphong', 'returned', 'assigned', { leadUnitId: 'so-b' }],
    ['2025-03-04 10:00', 'return', 'head-b', 'assigned', 'returned'],
    ['2025-03-05 08:00', 'reassign', 'vanphong', 'returned', 'assigned', { leadUnitId: 'so-c' }],
    ['2025-03-05 09:00', 'accept', 'head-c', 'assigned', 'accepted'],
  ]);

  it('is raised at the second hand-off, naming the units and officials who returned it', () => {
    const [signal] = detectAvoidance(bounced, policy, cal, vn('2025-03-06 09:00'));
    expect(signal).toMatchObject({
      kind: 'bounced',
      at: vn('2025-03-04 10:00'),
      count: 2,
      unitIds: ['so-a', 'so-b'],
      userIds: ['head-a', 'head-b'],
      ongoing: false,
    });
    expect(signal?.evidence.map((e) => [e.seq, e.action, e.unitId, e.actorId])).toEqual([
      [2, 'return', 'so-a', 'head-a'],
      [3, 'reassign', 'so-a', 'vanphong'],
      [4, 'return', 'so-b', 'head-b'],
      [5, 'reassign', 'so-b', 'vanphong'],
    ]);
  });

  it('counts a reassignment of an accepted task, but not the hand-on of a returned one', () => {
    const once = history([
      created,
      ['2025-03-03 14:00', 'return', 'head-a', 'assigned', 'returned'],
      ['2025-03-04 08:00', 'reassign', 'vanphong', 'returned', 'assigned', { leadUnitId: 'so-b' }],
    ]);
    expect(kinds(once, '2025-03-04 09:00')).toEqual([]);
    const moved = history([
      created,
      ['2025-03-03 10:00', 'accept', 'head-a', 'assigned', 'accepted'],
      ['2025-03-04 08:00', 'reassign', 'vanphong', 'accepted', 'assigned', { leadUnitId: 'so-b' }],
      ['2025-03-04 10:00', 'return', 'head-b', 'assigned', 'returned'],
    ]);
    const [signal] = detectAvoidance(moved, policy, cal, vn('2025-03-04 11:00'));
    expect(signal).toMatchObject({
      kind: 'bounced',
      count: 2,
      unitIds: ['so-a', 'so-b'],
      userIds: ['head-b'],
    });
  });

  it('ignores events after `now` (reports as at a past date)', () => {
    expect(kinds(bounced, '2025-03-04 09:00')).toEqual([]);
  });
});

describe('repeated extensions and send-backs', () => {
  const steps: Step[] = [
    created,
    ['2025-03-03 10:00', 'accept', 'head-a', 'assigned', 'accepted'],
    ['2025-03-03 11:00', 'start_work', 'cv-a', 'accepted', 'in_progress'],
    ['2025-03-04 09:00', 'request_extension', 'cv-a', 'in_progress', 'in_progress', { dueAt: 1 }],
    ['2025-03-04 15:00', 'approve_extension', 'chutich', 'in_progress', 'in_progress'],
    ['2025-03-05 09:00', 'report_progress', 'cv-a', 'in_progress', 'in_progress'],
    ['2025-03-05 10:00', 'request_extension', 'cv-a', 'in_progress', 'in_progress'],
    ['2025-03-05 11:00', 'refuse_extension', 'chutich', 'in_progress', 'in_progress'],
    ['2025-03-06 09:00', 'submit_completion', 'cv-a', 'in_progress', 'completion_submitted'],
    ['2025-03-06 10:00', 'send_back', 'vanphong', 'completion_submitted', 'in_progress'],
    ['2025-03-06 11:00', 'submit_completion', 'head-a', 'in_progress', 'completion_submitted'],
    ['2025-03-06 14:00', 'send_back', 'vanphong', 'completion_submitted', 'in_progress'],
  ];

  it('raises both, with requests and decisions, submissions and send-backs as evidence', () => {
    const signals = detectAvoidance(history(steps, 'so-a', 'cv-a'), policy, cal, vn('2025-03-07 09:00'));
    expect(signals.map((s) => s.kind)).toEqual(['repeated_extensions', 'sent_back_repeatedly']);
    const [ext, back] = signals;
    expect(ext).toMatchObject({ count: 2, at: vn('2025-03-05 10:00'), unitIds: ['so-a'], userIds: ['cv-a'] });
    expect(ext?.evidence.map((e) => e.action)).toEqual([
      'request_extension',
      'approve_extension',
      'request_extension',
      'refuse_extension',
    ]);
    expect(back).toMatchObject({ count: 2, at: vn('2025-03-06 14:00'), userIds: ['cv-a', 'head-a'] });
    expect(back?.evidence).toHaveLength(4);
  });

  it('follows the thresholds of the policy', () => {
    const strict = taskPolicy({ repeatedExtensions: 3, sendBacks: 3 });
    expect(detectAvoidance(history(steps), strict, cal, vn('2025-03-07 09:00'))).toEqual([]);
    expect(taskPolicy({ silenceDays: -1, bounces: Number.NaN }).silenceDays).toBe(10);
  });
});

describe('silence while in progress', () => {
  const started: Step[] = [
    created,
    ['2025-03-03 10:00', 'accept', 'head-a', 'assigned', 'accepted'],
    ['2025-03-03 10:00', 'start_work', 'head-a', 'accepted', 'in_progress'],
  ];

  it('is raised after 10 working days without a report, and lasts until one comes', () => {
    const h = history(started, 'so-a', 'cv-a');
    expect(kinds(h, '2025-03-14 17:00')).toEqual([]);
    const [signal] = detectAvoidance(h, policy, cal, vn('2025-03-24 09:00'));
    expect(signal).toMatchObject({
      kind: 'silent',
      at: vn('2025-03-17 10:00'),
      count: 14,
      unitIds: ['so-a'],
      userIds: ['cv-a'],
      ongoing: true,
    });
    expect(signal?.evidence.map((e) => e.action)).toEqual(['start_work']);
  });

  it('keeps a past silence in the record once a report ends it', () => {
    const h = history([
      ...started,
      ['2025-03-20 09:00', 'report_progress', 'cv-a', 'in_progress', 'in_progress'],
    ]);
    const [signal] = detectAvoidance(h, policy, cal, vn('2025-03-21 09:00'));
    expect(signal).toMatchObject({ kind: 'silent', ongoing: false, count: 12 });
    expect(signal?.evidence.map((e) => e.action)).toEqual(['start_work', 'report_progress']);
  });

  it('does not count the monitor’s review, the holidays or regular reports', () => {
    const reviewed = history([
      ...started,
      ['2025-03-07 10:00', 'submit_completion', 'cv-a', 'in_progress', 'completion_submitted'],
      ['2025-03-25 10:00', 'send_back', 'vanphong', 'completion_submitted', 'in_progress'],
    ]);
    expect(kinds(reviewed, '2025-03-28 10:00')).toEqual([]);
    const regular = history([
      ...started,
      ['2025-03-12 10:00', 'report_progress', 'cv-a', 'in_progress', 'in_progress'],
      ['2025-03-21 10:00', 'report_progress', 'cv-a', 'in_progress', 'in_progress'],
    ]);
    expect(kinds(regular, '2025-03-28 10:00')).toEqual([]);
    // Started before Tết 2025: nine calendar days off do not count.
    const tet = history([
      ['2025-01-20 09:00', 'created', 'chutich', null, 'assigned'],
      ['2025-01-20 10:00', 'accept', 'head-a', 'assigned', 'accepted'],
      ['2025-01-20 10:00', 'start_work', 'head-a', 'accepted', 'in_progress'],
    ]);
    expect(kinds(tet, '2025-02-04 10:00')).toEqual([]);
  });
});

describe('late acceptance', () => {
  it('uses a window of working days from each assignment', () => {
    expect(acceptanceDeadline(cal, vn('2025-03-07 09:00'), 2)).toBe(vn('2025-03-11 09:00'));
  });

  it('is raised by an acceptance after the window', () => {
    const h = history([created, ['2025-03-06 10:00', 'accept', 'head-a', 'assigned', 'accepted']]);
    const [signal] = detectAvoidance(h, policy, cal, vn('2025-03-07 09:00'));
    expect(signal).toMatchObject({
      kind: 'accepted_late',
      at: vn('2025-03-05 09:00'),
      unitIds: ['so-a'],
      userIds: ['head-a'],
      ongoing: false,
    });
    expect(signal?.evidence.map((e) => e.action)).toEqual(['created', 'accept']);
    expect(
      kinds(
        history([created, ['2025-03-05 09:00', 'accept', 'head-a', 'assigned', 'accepted']]),
        '2025-03-07 09:00',
      ),
    ).toEqual([]);
  });

  it('is raised while a task waits unaccepted after the window', () => {
    const h = history([created]);
    expect(kinds(h, '2025-03-05 09:00')).toEqual([]);
    const [signal] = detectAvoidance(h, policy, cal, vn('2025-03-05 09:01'));
    expect(signal).toMatchObject({ kind: 'accepted_late', ongoing: true, userIds: [] });
  });

  it('restarts the window at a reassignment and blames the unit that had it', () => {
    const h = history([
      created,
      ['2025-03-04 09:00', 'reassign', 'vanphong', 'assigned', 'assigned', { leadUnitId: 'so-b' }],
      ['2025-03-07 09:00', 'accept', 'head-b', 'assigned', 'accepted'],
    ]);
    const [signal] = detectAvoidance(h, policy, cal, vn('2025-03-07 10:00'));
    expect(signal).toMatchObject({ kind: 'accepted_late', unitIds: ['so-b'], at: vn('2025-03-06 09:00') });
  });
});

describe('tallies', () => {
  it('count signals per unit and per official, most first', () => {
    const a = detectAvoidance(history([created], 'so-a', null, 't1'), policy, cal, vn('2025-03-10 09:00'));
    const b = detectAvoidance(
      history(
        [
          created,
          ['2025-03-03 14:00', 'return', 'head-b', 'assigned', 'returned'],
          ['2025-03-04 08:00', 'reassign', 'vanphong', 'returned', 'assigned', { leadUnitId: 'so-a' }],
          ['2025-03-04 09:00', 'reassign', 'vanphong', 'assigned', 'assigned', { leadUnitId: 'so-c' }],
        ],
        'so-b',
        null,
        't2',
      ),
      policy,
      cal,
      vn('2025-03-10 09:00'),
    );
    const { units, users } = tallyAvoidance([...a, ...b]);
    expect(units.map((u) => [u.id, u.total])).toEqual([
      ['so-a', 2],
      ['so-b', 1],
      ['so-c', 1],
    ]);
    expect(units[0]?.taskIds).toEqual(['t1', 't2']);
    expect(units[0]?.byKind).toMatchObject({ accepted_late: 1, bounced: 1 });
    expect(users).toEqual([
      expect.objectContaining({ id: 'head-b', total: 1, byKind: expect.objectContaining({ bounced: 1 }) }),
    ]);
  });
});

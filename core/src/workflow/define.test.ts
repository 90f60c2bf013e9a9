import { describe, expect, it } from 'vitest';
import { defineWorkflow, WorkflowDefinitionError, workflowProblems } from './define.ts';
import { sampleTaskWorkflow } from './sample.ts';

type Spec = {
  kind: string;
  states: Record<string, Record<string, unknown>>;
  actions: Record<string, Record<string, unknown>>;
};

/** A small sound workflow (feedback item) that each case breaks in one way. */
function base(): Spec {
  return {
    kind: 'feedback',
    states: {
      received: { start: true, labelVi: 'Đã tiếp nhận', labelEn: 'Received' },
      processing: { labelVi: 'Đang xử lý', labelEn: 'Processing' },
      answered: { terminal: true, labelVi: 'Đã trả lời', labelEn: 'Answered' },
      rejected: { terminal: true, labelVi: 'Từ chối', labelEn: 'Rejected' },
    },
    actions: {
      assign: {
        from: ['received'],
        to: 'processing',
        roles: ['desk_officer'],
        labelVi: 'Chuyển xử lý',
        labelEn: 'Assign',
      },
      reject: {
        from: ['received'],
        to: 'rejected',
        roles: ['desk_officer'],
        labelVi: 'Từ chối',
        labelEn: 'Reject',
        requiresReason: true,
      },
      answer: {
        from: ['processing'],
        to: 'answered',
        roles: ['officer'],
        labelVi: 'Trả lời',
        labelEn: 'Answer',
        clock: 'stop',
      },
    },
  };
}

function problemsAfter(change: (spec: Spec) => void): string[] {
  const spec = base();
  change(spec);
  return workflowProblems(spec);
}

describe('workflow validation', () => {
  it('accepts a sound definition (and the sample task workflow)', () => {
    expect(workflowProblems(base())).toEqual([]);
    expect(() => defineWorkflow(base() as never)).not.toThrow();
    expect(sampleTaskWorkflow.start).toBe('assigned');
  });

  it.each<[string, (spec: Spec) => void, string]>([
    [
      'no start state',
      (s) => {
        delete s.states.received?.start;
      },
      'there is no start state',
    ],
    [
      'several start states',
      (s) => {
        s.states.processing!.start = true;
      },
      'several start states: "received", "processing"',
    ],
    [
      'a state both start and terminal',
      (s) => {
        s.states.received!.terminal = true;
      },
      'state "received": cannot be both start and terminal',
    ],
    [
      'no terminal state',
      (s) => {
        delete s.states.answered!.terminal;
        delete s.states.rejected!.terminal;
      },
      'there is no terminal state',
    ],
    [
      'an unreachable state',
      (s) => {
        s.states.archived = { terminal: true, labelVi: 'Lưu trữ', labelEn: 'Archived' };
      },
      'state "archived" is unreachable from the start state "received"',
    ],
    [
      'an action from an unknown state',
      (s) => {
        s.actions.answer!.from = ['processing', 'procesing'];
      },
      'action "answer": comes from unknown state "procesing"',
    ],
    [
      'an action to an unknown state',
      (s) => {
        s.actions.answer!.to = 'anwsered';
      },
      'action "answer": goes to unknown state "anwsered"',
    ],
    [
      'an action with no from',
      (s) => {
        s.actions.answer!.from = [];
      },
      'action "answer": from must list at least one state',
    ],
    [
      'a terminal state with an outgoing action',
      (s) => {
        s.actions.reopen = {
          from: ['answered'],
          to: 'processing',
          roles: ['citizen'],
          labelVi: 'Mở lại',
          labelEn: 'Reopen',
        };
      },
      'terminal state "answered" has an outgoing action "reopen"',
    ],
    [
      'a non-terminal state with no way out',
      (s) => {
        s.states.waiting = { labelVi: 'Chờ', labelEn: 'Waiting' };
        s.actions.wait = {
          from: ['processing'],
          to: 'waiting',
          roles: ['officer'],
          labelVi: 'Chờ',
          labelEn: 'Wait',
        };
        s.actions.nudge = {
          from: ['waiting'],
          to: 'same',
          roles: ['monitor'],
          labelVi: 'Nhắc',
          labelEn: 'Nudge',
        };
      },
      'non-terminal state "waiting" has no way out (no action leads to another state)',
    ],
    [
      'states trapped in a loop',
      (s) => {
        s.states.ping = { labelVi: 'Ping', labelEn: 'Ping' };
        s.states.pong = { labelVi: 'Pong', labelEn: 'Pong' };
        s.actions.go_ping = {
          from: ['processing'],
          to: 'ping',
          roles: ['officer'],
          labelVi: 'Ping',
          labelEn: 'Ping',
        };
        s.actions.go_pong = {
          from: ['ping'],
          to: 'pong',
          roles: ['officer'],
          labelVi: 'Pong',
          labelEn: 'Pong',
        };
        s.actions.back = { from: ['pong'], to: 'ping', roles: ['officer'], labelVi: 'Lại', labelEn: 'Back' };
      },
      'state "ping" can never reach a terminal state',
    ],
    [
      'empty roles',
      (s) => {
        s.actions.answer!.roles = [];
      },
      'action "answer": roles is empty, so nobody could ever do it',
    ],
    [
      'roles missing',
      (s) => {
        delete s.actions.answer!.roles;
      },
      'action "answer": roles must be an array of names',
    ],
    [
      'a role listed twice',
      (s) => {
        s.actions.answer!.roles = ['officer', 'unit_head', 'officer'];
      },
      'action "answer": roles lists "officer" more than once',
    ],
    [
      'a from state listed twice',
      (s) => {
        s.actions.answer!.from = ['processing', 'processing'];
      },
      'action "answer": from lists "processing" more than once',
    ],
    [
      'two states with the same label',
      (s) => {
        s.states.processing!.labelVi = 'Đã tiếp nhận';
      },
      'several states share the labelVi "Đã tiếp nhận"',
    ],
    [
      'two actions offered together with the same label',
      (s) => {
        s.actions.reject!.labelEn = 'Assign';
      },
      'state "received": several actions share the labelEn "Assign"',
    ],
    [
      'a misspelt property',
      (s) => {
        s.actions.reject!.requireReason = true;
      },
      'action "reject": unknown property "requireReason"',
    ],
    [
      'a blank label',
      (s) => {
        s.states.processing!.labelEn = ' ';
      },
      'state "processing": labelEn is missing or blank',
    ],
    [
      'the reserved state name',
      (s) => {
        s.states.same = { labelVi: 'X', labelEn: 'X' };
        s.actions.to_same = {
          from: ['processing'],
          to: 'same',
          roles: ['officer'],
          labelVi: 'Y',
          labelEn: 'Y',
        };
      },
      'state "same": "same" is reserved for self transitions',
    ],
    [
      'a name that is not snake_case',
      (s) => {
        s.kind = 'Feedback item';
      },
      'kind "Feedback item" must be a snake_case name',
    ],
    [
      'an unknown clock effect',
      (s) => {
        s.actions.answer!.clock = 'halt';
      },
      'action "answer": clock must be one of start, pause, resume, stop, extend, got "halt"',
    ],
    [
      'an extension without a reason',
      (s) => {
        s.actions.answer!.clock = 'extend';
        s.actions.answer!.to = 'same';
      },
      'action "answer": clock "extend" needs requiresReason: true',
    ],
    [
      'a guard that is not a function',
      (s) => {
        s.actions.answer!.guard = 'ctx.ok';
      },
      'action "answer": guard must be a function',
    ],
    [
      'a bad notify target',
      (s) => {
        s.actions.answer!.notify = ['citizen', ''];
      },
      'action "answer": notify entry "" is not a snake_case name',
    ],
  ])('catches %s', (_name, change, message) => {
    expect(problemsAfter(change)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  it('throws one error listing every problem', () => {
    const spec = base();
    spec.actions.answer!.roles = [];
    spec.actions.answer!.to = 'anwsered';
    spec.states.archived = { terminal: true, labelVi: 'Lưu trữ', labelEn: 'Archived' };
    let error: unknown;
    try {
      defineWorkflow(spec as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkflowDefinitionError);
    const { problems, kind, message } = error as WorkflowDefinitionError;
    expect(kind).toBe('feedback');
    expect(problems).toEqual(
      expect.arrayContaining([
        'action "answer": goes to unknown state "anwsered"',
        'action "answer": roles is empty, so nobody could ever do it',
        'state "archived" is unreachable from the start state "received"',
        // With "answer" broken, nothing leads out of "processing" any more.
        'non-terminal state "processing" has no way out (no action leads to another state)',
      ]),
    );
    expect(message).toMatch(/^Invalid workflow "feedback":\n {2}- /);
    for (const p of problems) expect(message).toContain(p);
  });

  it('rejects things that are not definitions at all', () => {
    expect(workflowProblems(null)).toEqual([
      'the definition must be an object with kind, states and actions',
    ]);
    expect(workflowProblems({ kind: 'x', states: {}, actions: {} })).toEqual([
      'there are no states',
      'there are no actions',
    ]);
  });

  it('catches typos at compile time too', () => {
    const define = () =>
      defineWorkflow({
        kind: 'typo',
        states: {
          open: { start: true, labelVi: 'Mở', labelEn: 'Open' },
          closed: { terminal: true, labelVi: 'Đóng', labelEn: 'Closed' },
        },
        actions: {
          // @ts-expect-error "clsoed" is not a state
          close: { from: ['open'], to: 'clsoed', roles: ['officer'], labelVi: 'Đóng', labelEn: 'Close' },
        },
      });
    expect(define).toThrow(WorkflowDefinitionError);
  });

  it('freezes the definition', () => {
    expect(Object.isFrozen(sampleTaskWorkflow.actions)).toBe(true);
    expect(Object.isFrozen(sampleTaskWorkflow.actions.cancel.roles)).toBe(true);
    expect(Object.isFrozen(sampleTaskWorkflow.states.done)).toBe(true);
  });
});

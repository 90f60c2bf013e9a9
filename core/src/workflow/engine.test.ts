import { describe, expect, expectTypeOf, it } from 'vitest';
import { Conflict, DomainError, Forbidden, Invalid, InvalidTransition } from '../errors.ts';
import { defineWorkflow } from './define.ts';
import { availableActions, isTerminal, planTransition, UnknownWorkflowState } from './engine.ts';
import { type SampleTaskContext, sampleTaskWorkflow as task } from './sample.ts';

const ready: SampleTaskContext = { openSubtasks: 0, attachments: 1 };

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('sample task life cycle', () => {
  it('runs end to end: accept, work, report, extend, submit, send back, resubmit, confirm', () => {
    const steps: Array<[string, string[], string | null, string]> = [
      ['accept', ['assignee'], null, 'accepted'],
      ['start_work', ['assignee'], null, 'in_progress'],
      ['report_progress', ['assignee'], 'Đã hoàn thành 50%', 'in_progress'],
      ['extend', ['leader'], 'Chờ ý kiến của Bộ', 'in_progress'],
      ['submit_completion', ['unit_head'], null, 'completion_submitted'],
      ['send_back', ['monitor'], 'Thiếu số liệu quý II', 'in_progress'],
      ['submit_completion', ['assignee'], null, 'completion_submitted'],
      ['confirm_done', ['assigner'], null, 'done'],
    ];
    let state: string = task.start;
    const counters: Record<string, number> = {};
    const clock: string[] = [];
    for (const [action, roles, reason, expected] of steps) {
      const plan = planTransition(task, { state, action, roles, reason, ctx: ready });
      expect(plan.from).toBe(state);
      expect(plan.to).toBe(expected);
      for (const c of plan.counts) counters[c] = (counters[c] ?? 0) + 1;
      if (plan.clock) clock.push(plan.clock);
      state = plan.to;
    }
    expect(state).toBe('done');
    expect(isTerminal(task, state)).toBe(true);
    expect(counters).toEqual({ extensions: 1, send_backs: 1 });
    expect(clock).toEqual(['extend', 'pause', 'resume', 'pause', 'stop']);
  });

  it('returns and reassigns, counting the return', () => {
    const returned = planTransition(task, {
      state: 'assigned',
      action: 'return',
      roles: ['unit_head'],
      reason: '  Không thuộc thẩm quyền của Sở  ',
      ctx: ready,
    });
    expect(returned).toEqual({
      kind: 'task',
      action: 'return',
      from: 'assigned',
      to: 'returned',
      selfTransition: false,
      terminal: false,
      clock: null,
      notify: ['assigner', 'monitor'],
      counts: ['returns'],
      reason: 'Không thuộc thẩm quyền của Sở',
    });
    expect(
      planTransition(task, { state: 'returned', action: 'reassign', roles: ['monitor'], ctx: ready }).to,
    ).toBe('assigned');
  });

  it('plans self transitions explicitly', () => {
    const plan = planTransition(task, {
      state: 'in_progress',
      action: 'report_progress',
      roles: ['assignee'],
      ctx: ready,
    });
    expect(plan).toMatchObject({
      from: 'in_progress',
      to: 'in_progress',
      selfTransition: true,
      terminal: false,
    });
    const remind = planTransition(task, {
      state: 'accepted',
      action: 'remind',
      roles: ['system'],
      ctx: ready,
    });
    expect(remind).toMatchObject({
      to: 'accepted',
      selfTransition: true,
      counts: ['reminders'],
      reason: null,
    });
  });

  it('cancelling needs a reason, stops the clock and is terminal', () => {
    const plan = planTransition(task, {
      state: 'in_progress',
      action: 'cancel',
      roles: ['leader'],
      reason: 'Nhiệm vụ không còn phù hợp',
      ctx: ready,
    });
    expect(plan).toMatchObject({ to: 'cancelled', terminal: true, clock: 'stop' });
  });

  it('infers state, action and context types from the definition', () => {
    const plan = planTransition(task, {
      state: 'assigned',
      action: 'accept',
      roles: ['assignee'],
      ctx: ready,
    });
    expectTypeOf(plan.to).toEqualTypeOf<
      'assigned' | 'accepted' | 'returned' | 'in_progress' | 'completion_submitted' | 'done' | 'cancelled'
    >();
    expectTypeOf(plan.action).toEqualTypeOf<
      | 'accept'
      | 'return'
      | 'reassign'
      | 'start_work'
      | 'report_progress'
      | 'extend'
      | 'submit_completion'
      | 'confirm_done'
      | 'send_back'
      | 'remind'
      | 'cancel'
    >();
    const withoutCtx = { state: 'assigned', action: 'accept', roles: ['assignee'] };
    // @ts-expect-error a workflow with guards needs their context
    expect(planTransition(task, withoutCtx).to).toBe('accepted');
  });
});

describe('enforcement', () => {
  it.each<
    [
      string,
      Parameters<typeof planTransition<string, string, SampleTaskContext>>[1],
      new (...a: never[]) => DomainError,
      string,
    ]
  >([
    [
      'unknown action',
      { state: 'assigned', action: 'approve', roles: ['admin'], ctx: ready },
      InvalidTransition,
      'invalid_transition',
    ],
    [
      'inherited property name as action',
      { state: 'assigned', action: 'constructor', roles: ['admin'], ctx: ready },
      InvalidTransition,
      'invalid_transition',
    ],
    [
      'action not allowed from this state',
      { state: 'assigned', action: 'confirm_done', roles: ['assigner'], ctx: ready },
      InvalidTransition,
      'invalid_transition',
    ],
    [
      'any action from a terminal state',
      { state: 'done', action: 'cancel', roles: ['leader'], reason: 'x', ctx: ready },
      InvalidTransition,
      'invalid_transition',
    ],
    [
      'role not allowed',
      { state: 'assigned', action: 'accept', roles: ['officer', 'citizen'], ctx: ready },
      Forbidden,
      'forbidden',
    ],
    [
      'no role at all',
      { state: 'assigned', action: 'accept', roles: [], ctx: ready },
      Forbidden,
      'forbidden',
    ],
    [
      'reason missing',
      { state: 'assigned', action: 'return', roles: ['unit_head'], ctx: ready },
      Invalid,
      'reason_required',
    ],
    [
      'reason blank',
      { state: 'assigned', action: 'return', roles: ['unit_head'], reason: ' \n ', ctx: ready },
      Invalid,
      'reason_required',
    ],
    [
      'guard without field',
      {
        state: 'in_progress',
        action: 'submit_completion',
        roles: ['assignee'],
        ctx: { openSubtasks: 2, attachments: 1 },
      },
      Conflict,
      'open_subtasks',
    ],
    [
      'guard with field',
      {
        state: 'in_progress',
        action: 'submit_completion',
        roles: ['assignee'],
        ctx: { openSubtasks: 0, attachments: 0 },
      },
      Invalid,
      'evidence_required',
    ],
  ])('%s', (_name, request, type, code) => {
    const error = errorOf(() => planTransition(task, request));
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expect(error.messageVi).not.toBe('');
    expect(error.messageEn).not.toBe('');
  });

  it('names the action in Forbidden and points reason and guard problems at their field', () => {
    const forbidden = errorOf(() =>
      planTransition(task, { state: 'assigned', action: 'accept', roles: ['citizen'], ctx: ready }),
    );
    expect(forbidden.messageVi).toContain('Tiếp nhận');
    expect(forbidden.messageEn).toContain('Accept');
    const noReason = errorOf(() =>
      planTransition(task, { state: 'assigned', action: 'return', roles: ['unit_head'], ctx: ready }),
    );
    expect(noReason.fields).toEqual([expect.objectContaining({ field: '/reason' })]);
    const guard = errorOf(() =>
      planTransition(task, {
        state: 'in_progress',
        action: 'submit_completion',
        roles: ['assignee'],
        ctx: { openSubtasks: 2, attachments: 1 },
      }),
    );
    expect(guard.status).toBe(409);
    expect(guard.messageVi).toBe('Còn 2 nhiệm vụ con chưa hoàn thành.');
    const evidence = errorOf(() =>
      planTransition(task, {
        state: 'in_progress',
        action: 'submit_completion',
        roles: ['assignee'],
        ctx: { openSubtasks: 0, attachments: 0 },
      }),
    );
    expect(evidence).toBeInstanceOf(Invalid);
    expect(evidence.fields[0]?.field).toBe('/attachments');
  });

  it('checks the state before the role, so an impossible action never reads as a permission problem', () => {
    expect(
      errorOf(() => planTransition(task, { state: 'done', action: 'accept', roles: [], ctx: ready })),
    ).toBeInstanceOf(InvalidTransition);
  });

  it('gives the guard its context and the transition it judges', () => {
    const seen: unknown[] = [];
    const wf = defineWorkflow({
      kind: 'probe',
      states: {
        open: { start: true, labelVi: 'Mở', labelEn: 'Open' },
        closed: { terminal: true, labelVi: 'Đóng', labelEn: 'Closed' },
      },
      actions: {
        close: {
          from: ['open'],
          to: 'closed',
          roles: ['officer'],
          labelVi: 'Đóng',
          labelEn: 'Close',
          guard: (ctx: { id: string }, transition) => {
            seen.push(ctx.id, transition);
            return null;
          },
        },
      },
    });
    planTransition(wf, {
      state: 'open',
      action: 'close',
      roles: new Set(['officer', 'leader']),
      reason: ' ok ',
      ctx: { id: 'T-1' },
    });
    expect(seen).toEqual([
      'T-1',
      { from: 'open', action: 'close', roles: new Set(['officer', 'leader']), reason: 'ok' },
    ]);
  });

  it('refuses states that are not in the workflow as a server error', () => {
    const error = errorOf(() =>
      planTransition(task, { state: 'archived', action: 'accept', roles: ['assignee'], ctx: ready }),
    );
    expect(error).toBeInstanceOf(UnknownWorkflowState);
    expect(error.status).toBe(500);
    expect(() => availableActions(task, '__proto__', ['admin'])).toThrow(UnknownWorkflowState);
  });
});

describe('availableActions', () => {
  it('lists what the roles may do from a state, in declaration order', () => {
    expect(availableActions(task, 'assigned', ['unit_head']).map((a) => a.name)).toEqual([
      'accept',
      'return',
    ]);
    expect(availableActions(task, 'in_progress', ['assignee']).map((a) => a.name)).toEqual([
      'report_progress',
      'submit_completion',
    ]);
    expect(availableActions(task, 'in_progress', ['leader', 'assigner']).map((a) => a.name)).toEqual([
      'extend',
      'cancel',
    ]);
    expect(availableActions(task, 'assigned', ['citizen'])).toEqual([]);
  });

  it('terminal states have no actions for anyone', () => {
    const everyone = ['admin', 'leader', 'monitor', 'unit_head', 'officer', 'assignee', 'assigner', 'system'];
    for (const state of Object.keys(task.states)) {
      const actions = availableActions(task, state, everyone);
      expect(actions.length === 0).toBe(isTerminal(task, state));
    }
  });

  it('describes each action for a button', () => {
    const [extend] = availableActions(task, 'accepted', ['leader']);
    expect(extend).toEqual({
      name: 'extend',
      to: 'accepted',
      selfTransition: true,
      labelVi: 'Gia hạn',
      labelEn: 'Extend',
      requiresReason: true,
      blocked: null,
    });
  });

  it('with a context, keeps guarded actions but marks them blocked', () => {
    const withoutCtx = availableActions(task, 'in_progress', ['assignee']);
    expect(withoutCtx.every((a) => a.blocked === null)).toBe(true);
    const blocked = availableActions(task, 'in_progress', ['assignee'], {
      ctx: { openSubtasks: 1, attachments: 1 },
    });
    expect(blocked.find((a) => a.name === 'submit_completion')?.blocked).toMatchObject({
      code: 'open_subtasks',
    });
    expect(blocked.find((a) => a.name === 'report_progress')?.blocked).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { vn } from '../sla/test-calendar.ts';
import { availableActions, planTransition } from '../workflow/index.ts';
import { type TaskContext, taskWorkflow } from './workflow.ts';

const ctx = (over: Partial<TaskContext> = {}, input: TaskContext['input'] = {}): TaskContext => ({
  now: vn('2025-03-04 09:00'),
  acceptanceDeadline: vn('2025-03-05 09:00'),
  dueAt: vn('2025-03-20 17:00'),
  pendingExtension: false,
  leadUnitId: 'so-a',
  input,
  ...over,
});

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const plan = (state: string, action: string, roles: string[], c: TaskContext, reason?: string) =>
  planTransition(taskWorkflow, { state, action, roles, ctx: c, reason: reason ?? null });

describe('the task workflow', () => {
  it('has the life cycle of the Office: assigned → accepted → in progress → submitted → done', () => {
    const doer = ['lead_unit_member'];
    const office = ['monitor'];
    expect(plan('assigned', 'accept', doer, ctx()).to).toBe('accepted');
    expect(plan('accepted', 'start_work', ['assignee'], ctx()).to).toBe('in_progress');
    const report = plan(
      'in_progress',
      'report_progress',
      doer,
      ctx({}, { progressPercent: 40, progressText: 'Đã họp' }),
    );
    expect(report).toMatchObject({ selfTransition: true, counts: ['progress_reports'] });
    const submit = plan('in_progress', 'submit_completion', doer, ctx({}, { hasResult: true }));
    expect(submit).toMatchObject({ to: 'completion_submitted', clock: 'pause' });
    expect(plan('completion_submitted', 'send_back', office, ctx(), 'Thiếu số liệu')).toMatchObject({
      to: 'in_progress',
      clock: 'resume',
      counts: ['send_backs'],
    });
    expect(plan('completion_submitted', 'confirm_done', ['assigner'], ctx())).toMatchObject({
      to: 'done',
      clock: 'stop',
      terminal: true,
    });
  });

  it('lets the unit return a task only within the acceptance window', () => {
    expect(plan('assigned', 'return', ['lead_unit_member'], ctx(), 'Không đúng chức năng').to).toBe(
      'returned',
    );
    const late = errorOf(() =>
      plan(
        'assigned',
        'return',
        ['lead_unit_member'],
        ctx({ now: vn('2025-03-05 09:01') }),
        'Không đúng chức năng',
      ),
    );
    expect([late.status, late.code]).toEqual([409, 'return_window_closed']);
    expect(errorOf(() => plan('assigned', 'return', ['lead_unit_member'], ctx())).code).toBe(
      'reason_required',
    );
  });

  it('keeps the assigner side and the doing side apart', () => {
    expect(
      errorOf(() => plan('completion_submitted', 'confirm_done', ['lead_unit_member'], ctx())).status,
    ).toBe(403);
    expect(errorOf(() => plan('assigned', 'accept', ['monitor'], ctx())).status).toBe(403);
    expect(errorOf(() => plan('in_progress', 'cancel', ['monitor'], ctx(), 'x')).status).toBe(403);
    expect(plan('in_progress', 'cancel', ['leader'], ctx(), 'Không còn cần thiết').to).toBe('cancelled');
  });

  it('checks progress reports, completion results and reassignments, naming the field', () => {
    const noPercent = errorOf(() =>
      plan('in_progress', 'report_progress', ['assignee'], ctx({}, { progressText: 'x' })),
    );
    expect(noPercent.fields[0]?.field).toBe('/progress/percent');
    const over = errorOf(() =>
      plan(
        'in_progress',
        'report_progress',
        ['assignee'],
        ctx({}, { progressPercent: 101, progressText: 'x' }),
      ),
    );
    expect(over.fields[0]?.field).toBe('/progress/percent');
    const noText = errorOf(() =>
      plan(
        'in_progress',
        'report_progress',
        ['assignee'],
        ctx({}, { progressPercent: 10, progressText: ' ' }),
      ),
    );
    expect(noText.fields[0]?.field).toBe('/progress/text');
    expect(
      errorOf(() => plan('in_progress', 'submit_completion', ['assignee'], ctx())).fields[0]?.field,
    ).toBe('/result');
    const same = errorOf(() =>
      plan('accepted', 'reassign', ['monitor'], ctx({}, { newLeadUnitId: 'so-a' }), 'Đúng chức năng Sở B'),
    );
    expect(same.code).toBe('same_lead_unit');
    // After a return, the leader may insist: the same unit again.
    expect(
      plan('returned', 'reassign', ['assigner'], ctx({}, { newLeadUnitId: 'so-a' }), 'Đúng chức năng').to,
    ).toBe('assigned');
    expect(
      plan('accepted', 'reassign', ['monitor'], ctx({}, { newLeadUnitId: 'so-b' }), 'Đúng chức năng Sở B'),
    ).toMatchObject({ to: 'assigned', counts: ['reassignments'] });
  });

  it('takes one extension request at a time, later than the current due, decided by the assigner', () => {
    const request = (c: TaskContext) =>
      plan('in_progress', 'request_extension', ['assignee'], c, 'Chờ số liệu');
    expect(request(ctx({}, { extensionDueAt: vn('2025-03-31 17:00') })).counts).toEqual([
      'extension_requests',
    ]);
    expect(
      errorOf(() => request(ctx({ pendingExtension: true }, { extensionDueAt: vn('2025-03-31 17:00') })))
        .code,
    ).toBe('extension_pending');
    expect(errorOf(() => request(ctx())).fields[0]?.field).toBe('/extension/dueAt');
    expect(errorOf(() => request(ctx({}, { extensionDueAt: vn('2025-03-20 17:00') }))).code).toBe(
      'extension_not_later',
    );
    const pending = ctx({ pendingExtension: true });
    expect(plan('in_progress', 'approve_extension', ['assigner'], pending, 'Đồng ý')).toMatchObject({
      clock: 'extend',
      counts: ['extensions'],
    });
    expect(plan('in_progress', 'refuse_extension', ['leader'], pending, 'Không')).toMatchObject({
      counts: ['extension_refusals'],
    });
    expect(errorOf(() => plan('in_progress', 'approve_extension', ['assigner'], ctx(), 'Đồng ý')).code).toBe(
      'no_extension_request',
    );
    expect(
      errorOf(() => plan('in_progress', 'approve_extension', ['monitor'], pending, 'Đồng ý')).status,
    ).toBe(403);
  });

  it('offers each side its buttons, with blocked ones explained', () => {
    const closed = ctx({ now: vn('2025-03-06 09:00') });
    const doer = availableActions(taskWorkflow, 'assigned', ['lead_unit_member'], { ctx: closed });
    expect(doer.map((a) => a.name)).toEqual(['accept', 'return']);
    expect(doer.find((a) => a.name === 'return')?.blocked?.code).toBe('return_window_closed');
    const office = availableActions(taskWorkflow, 'in_progress', ['monitor']).map((a) => a.name);
    expect(office).toEqual(['reassign', 'assign_person', 'remind']);
    // Actions of the kernel's jobs are offered to nobody.
    expect(
      availableActions(taskWorkflow, 'in_progress', ['leader', 'assigner']).map((a) => a.name),
    ).not.toContain('overdue');
  });

  it('lets only the jobs mark overdue and escalate, counting escalation levels', () => {
    expect(plan('returned', 'overdue', ['system'], ctx())).toMatchObject({ selfTransition: true });
    expect(plan('in_progress', 'escalated', ['system'], ctx()).counts).toEqual(['escalations']);
    expect(errorOf(() => plan('in_progress', 'overdue', ['monitor'], ctx())).status).toBe(403);
  });
});

import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { WorkflowJSONSchema, workflowToJSON } from './json.ts';
import { sampleTaskWorkflow } from './sample.ts';

describe('workflowToJSON', () => {
  const json = workflowToJSON(sampleTaskWorkflow);

  it('matches its schema and survives JSON', () => {
    expect(Value.Check(WorkflowJSONSchema, json)).toBe(true);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('lists states with labels and flags, in declaration order', () => {
    expect(json.kind).toBe('task');
    expect(json.start).toBe('assigned');
    expect(json.states.map((s) => s.name)).toEqual([
      'assigned',
      'accepted',
      'returned',
      'in_progress',
      'completion_submitted',
      'done',
      'cancelled',
    ]);
    expect(json.states.find((s) => s.name === 'done')).toEqual({
      name: 'done',
      labelVi: 'Hoàn thành',
      labelEn: 'Done',
      start: false,
      terminal: true,
    });
  });

  it('describes actions without their functions', () => {
    expect(json.actions.find((a) => a.name === 'submit_completion')).toEqual({
      name: 'submit_completion',
      from: ['in_progress'],
      to: 'completion_submitted',
      roles: ['unit_head', 'assignee'],
      labelVi: 'Báo cáo hoàn thành',
      labelEn: 'Submit completion',
      requiresReason: false,
      hasGuard: true,
      clock: 'pause',
      notify: ['assigner'],
      counts: [],
    });
    expect(json.actions.find((a) => a.name === 'report_progress')?.to).toBe('same');
    expect(JSON.stringify(json)).not.toContain('=>');
  });

  it('expands every (from, action) into a diagram edge with self transitions resolved', () => {
    expect(json.transitions).toContainEqual({
      from: 'in_progress',
      action: 'report_progress',
      to: 'in_progress',
    });
    expect(json.transitions).toContainEqual({ from: 'accepted', action: 'remind', to: 'accepted' });
    expect(json.transitions.filter((t) => t.action === 'cancel')).toHaveLength(5);
    expect(json.transitions.some((t) => t.from === 'done' || t.from === 'cancelled')).toBe(false);
  });
});

import { type Static, Type } from 'typebox';
import { SAME, type Workflow } from './types.ts';

/** The wire form of a workflow for the API and the web app: labels, roles and the diagram's edges. */
export const WorkflowJSONSchema = Type.Object(
  {
    kind: Type.String(),
    start: Type.String(),
    states: Type.Array(
      Type.Object({
        name: Type.String(),
        labelVi: Type.String(),
        labelEn: Type.String(),
        start: Type.Boolean(),
        terminal: Type.Boolean(),
      }),
    ),
    actions: Type.Array(
      Type.Object({
        name: Type.String(),
        from: Type.Array(Type.String()),
        /** A state name, or "same" for an action that keeps the item where it is. */
        to: Type.String(),
        roles: Type.Array(Type.String()),
        labelVi: Type.String(),
        labelEn: Type.String(),
        requiresReason: Type.Boolean(),
        hasGuard: Type.Boolean(),
        clock: Type.Union([
          Type.Literal('start'),
          Type.Literal('pause'),
          Type.Literal('resume'),
          Type.Literal('stop'),
          Type.Literal('extend'),
          Type.Null(),
        ]),
        notify: Type.Array(Type.String()),
        counts: Type.Array(Type.String()),
      }),
    ),
    /** One edge per (from, action), with "same" resolved: what a diagram draws. */
    transitions: Type.Array(Type.Object({ from: Type.String(), action: Type.String(), to: Type.String() })),
  },
  { $id: 'Workflow' },
);
export type WorkflowJSON = Static<typeof WorkflowJSONSchema>;

/** Everything but the guard functions, in declaration order. */
export function workflowToJSON(wf: Workflow): WorkflowJSON {
  const actions = Object.entries(wf.actions);
  return {
    kind: wf.kind,
    start: wf.start,
    states: Object.entries(wf.states).map(([name, s]) => ({
      name,
      labelVi: s.labelVi,
      labelEn: s.labelEn,
      start: s.start === true,
      terminal: s.terminal === true,
    })),
    actions: actions.map(([name, a]) => ({
      name,
      from: [...a.from],
      to: a.to,
      roles: [...a.roles],
      labelVi: a.labelVi,
      labelEn: a.labelEn,
      requiresReason: a.requiresReason === true,
      hasGuard: typeof a.guard === 'function',
      clock: a.clock ?? null,
      notify: [...(a.notify ?? [])],
      counts: a.counts === undefined ? [] : typeof a.counts === 'string' ? [a.counts] : [...a.counts],
    })),
    transitions: actions.flatMap(([name, a]) =>
      a.from.map((from) => ({ from, action: name, to: a.to === SAME ? from : a.to })),
    ),
  };
}

import {
  type ActionDef,
  CLOCK_EFFECTS,
  SAME,
  type StateDef,
  type Workflow,
  type WorkflowSpec,
} from './types.ts';

/**
 * A workflow definition that cannot work. Thrown at module load, so it lists every problem at
 * once rather than making the author fix them one start-up at a time.
 */
export class WorkflowDefinitionError extends Error {
  constructor(
    readonly kind: string,
    readonly problems: string[],
  ) {
    super(`Invalid workflow "${kind}":\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'WorkflowDefinitionError';
  }
}

const NAME = /^[a-z][a-z0-9_]*$/;
const STATE_KEYS = new Set(['labelVi', 'labelEn', 'start', 'terminal']);
const ACTION_KEYS = new Set([
  'from',
  'to',
  'roles',
  'labelVi',
  'labelEn',
  'requiresReason',
  'guard',
  'clock',
  'notify',
  'counts',
]);

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const entries = (v: unknown): Array<[string, unknown]> => (isObject(v) ? Object.entries(v) : []);

function duplicatesOf(values: readonly unknown[]): string[] {
  const seen = new Set<unknown>();
  const dups = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dups.add(String(v));
    seen.add(v);
  }
  return [...dups];
}

/** Checks a list of names (`roles`, `notify`, `counts`): strings in snake_case, no repeats. */
function checkNameList(where: string, what: string, value: unknown, problems: string[], allowEmpty: boolean) {
  if (!Array.isArray(value)) {
    problems.push(`${where}: ${what} must be an array of names`);
    return;
  }
  if (value.length === 0 && !allowEmpty) problems.push(`${where}: ${what} is empty`);
  for (const v of value) {
    if (typeof v !== 'string' || !NAME.test(v)) {
      problems.push(`${where}: ${what} entry ${JSON.stringify(v)} is not a snake_case name`);
    }
  }
  for (const d of duplicatesOf(value)) problems.push(`${where}: ${what} lists "${d}" more than once`);
}

function checkLabels(where: string, def: Obj, problems: string[]) {
  for (const key of ['labelVi', 'labelEn']) {
    if (!isText(def[key])) problems.push(`${where}: ${key} is missing or blank`);
  }
}

/** Every problem of a definition, as sentences naming the culprit; empty when it is sound. */
export function workflowProblems(spec: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(spec)) return ['the definition must be an object with kind, states and actions'];
  if (typeof spec.kind !== 'string' || !NAME.test(spec.kind)) {
    problems.push(`kind ${JSON.stringify(spec.kind)} must be a snake_case name`);
  }
  for (const key of Object.keys(spec)) {
    if (!['kind', 'states', 'actions'].includes(key)) problems.push(`unknown property "${key}"`);
  }

  // States.
  const states = entries(spec.states);
  if (states.length === 0) problems.push('there are no states');
  const stateNames = new Set(states.map(([name]) => name));
  const starts: string[] = [];
  const terminals = new Set<string>();
  for (const [name, def] of states) {
    const where = `state "${name}"`;
    if (!NAME.test(name)) problems.push(`${where}: the name must be snake_case`);
    if (name === SAME) problems.push(`${where}: "${SAME}" is reserved for self transitions`);
    if (!isObject(def)) {
      problems.push(`${where}: the definition must be an object`);
      continue;
    }
    for (const key of Object.keys(def)) {
      if (!STATE_KEYS.has(key)) problems.push(`${where}: unknown property "${key}"`);
    }
    checkLabels(where, def, problems);
    for (const flag of ['start', 'terminal']) {
      if (def[flag] !== undefined && typeof def[flag] !== 'boolean')
        problems.push(`${where}: ${flag} must be a boolean`);
    }
    if (def.start === true) starts.push(name);
    if (def.terminal === true) terminals.add(name);
    if (def.start === true && def.terminal === true)
      problems.push(`${where}: cannot be both start and terminal`);
  }
  if (states.length > 0 && starts.length === 0)
    problems.push('there is no start state (mark one with start: true)');
  if (starts.length > 1)
    problems.push(`there are several start states: ${starts.map((s) => `"${s}"`).join(', ')}`);
  if (states.length > 0 && terminals.size === 0)
    problems.push('there is no terminal state (mark them with terminal: true)');
  for (const key of ['labelVi', 'labelEn'] as const) {
    const labels = states.map(([, def]) => (isObject(def) ? def[key] : undefined)).filter(isText);
    for (const d of duplicatesOf(labels)) problems.push(`several states share the ${key} "${d}"`);
  }

  // Actions, and the edges they draw between states.
  const actions = entries(spec.actions);
  if (actions.length === 0) problems.push('there are no actions');
  const edges: Array<{ action: string; from: string; to: string }> = [];
  for (const [name, def] of actions) {
    const where = `action "${name}"`;
    if (!NAME.test(name)) problems.push(`${where}: the name must be snake_case`);
    if (!isObject(def)) {
      problems.push(`${where}: the definition must be an object`);
      continue;
    }
    for (const key of Object.keys(def)) {
      if (!ACTION_KEYS.has(key)) problems.push(`${where}: unknown property "${key}"`);
    }
    checkLabels(where, def, problems);
    const to = def.to;
    const toKnown = to === SAME || (typeof to === 'string' && stateNames.has(to));
    if (!toKnown) problems.push(`${where}: goes to unknown state ${JSON.stringify(to)}`);
    if (!Array.isArray(def.from) || def.from.length === 0) {
      problems.push(`${where}: from must list at least one state`);
    } else {
      for (const from of def.from) {
        if (typeof from !== 'string' || !stateNames.has(from)) {
          problems.push(`${where}: comes from unknown state ${JSON.stringify(from)}`);
          continue;
        }
        if (terminals.has(from)) problems.push(`terminal state "${from}" has an outgoing action "${name}"`);
        if (toKnown) edges.push({ action: name, from, to: to === SAME ? from : (to as string) });
      }
      for (const d of duplicatesOf(def.from)) problems.push(`${where}: from lists "${d}" more than once`);
    }
    if (Array.isArray(def.roles) && def.roles.length === 0) {
      problems.push(`${where}: roles is empty, so nobody could ever do it`);
    } else {
      checkNameList(where, 'roles', def.roles, problems, false);
    }
    if (def.notify !== undefined) checkNameList(where, 'notify', def.notify, problems, true);
    if (def.counts !== undefined) {
      checkNameList(
        where,
        'counts',
        typeof def.counts === 'string' ? [def.counts] : def.counts,
        problems,
        true,
      );
    }
    if (def.requiresReason !== undefined && typeof def.requiresReason !== 'boolean') {
      problems.push(`${where}: requiresReason must be a boolean`);
    }
    if (def.guard !== undefined && typeof def.guard !== 'function')
      problems.push(`${where}: guard must be a function`);
    if (def.clock !== undefined && !(CLOCK_EFFECTS as readonly unknown[]).includes(def.clock)) {
      problems.push(
        `${where}: clock must be one of ${CLOCK_EFFECTS.join(', ')}, got ${JSON.stringify(def.clock)}`,
      );
    }
    // The clock refuses an extension without a reason (it goes into the audit trail and letters).
    if (def.clock === 'extend' && def.requiresReason !== true) {
      problems.push(`${where}: clock "extend" needs requiresReason: true, since every extension records why`);
    }
  }

  // Buttons offered together must be told apart.
  for (const state of stateNames) {
    for (const key of ['labelVi', 'labelEn'] as const) {
      const labels = edges
        .filter((e) => e.from === state)
        .map((e) => (spec.actions as Record<string, Obj>)[e.action]?.[key])
        .filter(isText);
      for (const d of duplicatesOf(labels)) {
        problems.push(`state "${state}": several actions share the ${key} "${d}"`);
      }
    }
  }

  // Shape of the graph: everything reachable from the start, everything able to finish.
  const start = starts.length === 1 ? starts[0] : undefined;
  if (start !== undefined) {
    const reached = closure(start, edges, 'forward');
    for (const state of stateNames) {
      if (!reached.has(state))
        problems.push(`state "${state}" is unreachable from the start state "${start}"`);
    }
  }
  const canFinish = new Set<string>();
  for (const t of terminals) for (const s of closure(t, edges, 'backward')) canFinish.add(s);
  for (const state of stateNames) {
    if (terminals.has(state)) continue;
    const leaves = edges.some((e) => e.from === state && e.to !== state);
    if (!leaves)
      problems.push(`non-terminal state "${state}" has no way out (no action leads to another state)`);
    else if (terminals.size > 0 && !canFinish.has(state)) {
      problems.push(`state "${state}" can never reach a terminal state`);
    }
  }
  return problems;
}

function closure(
  origin: string,
  edges: ReadonlyArray<{ from: string; to: string }>,
  direction: 'forward' | 'backward',
): Set<string> {
  const seen = new Set([origin]);
  const queue = [origin];
  for (let state = queue.pop(); state !== undefined; state = queue.pop()) {
    for (const e of edges) {
      const [a, b] = direction === 'forward' ? [e.from, e.to] : [e.to, e.from];
      if (a === state && !seen.has(b)) {
        seen.add(b);
        queue.push(b);
      }
    }
  }
  return seen;
}

/**
 * Validates and freezes a workflow. Throws one `WorkflowDefinitionError` listing every problem.
 * Call it at module level so that a broken definition stops the app (and the tests) at once.
 */
export function defineWorkflow<const S extends string, const A extends string, Ctx = undefined>(
  spec: WorkflowSpec<S, A, Ctx>,
): Workflow<S, A, Ctx> {
  const problems = workflowProblems(spec);
  if (problems.length > 0) {
    throw new WorkflowDefinitionError(typeof spec?.kind === 'string' ? spec.kind : '?', problems);
  }
  const states = {} as Record<S, StateDef>;
  for (const [name, def] of Object.entries(spec.states) as Array<[S, StateDef]>) {
    states[name] = Object.freeze({ ...def });
  }
  const actions = {} as Record<A, ActionDef<S, Ctx>>;
  const actionsFrom = new Map<string, A[]>();
  for (const [name, def] of Object.entries(spec.actions) as Array<[A, ActionDef<S, Ctx>]>) {
    const copy: ActionDef<S, Ctx> = {
      ...def,
      from: Object.freeze([...def.from]),
      roles: Object.freeze([...def.roles]),
    };
    if (def.notify) copy.notify = Object.freeze([...def.notify]);
    if (typeof def.counts === 'object') copy.counts = Object.freeze([...def.counts]);
    actions[name] = Object.freeze(copy);
    for (const from of def.from) actionsFrom.set(from, [...(actionsFrom.get(from) ?? []), name]);
  }
  const start = (Object.keys(states) as S[]).find((s) => states[s].start === true) as S;
  return Object.freeze({
    kind: spec.kind,
    start,
    states: Object.freeze(states),
    actions: Object.freeze(actions),
    actionsFrom,
  });
}

/**
 * The declarative shape of a workflow: the states a kind of work item goes through, the actions
 * that move it, who may fire each action and what the server must do alongside (clock, notify,
 * counters). Pure data plus optional guard functions; `defineWorkflow` validates it.
 */

/** Written as `to: SAME` (or `'same'`): the action keeps the item in the state it was in. */
export const SAME = 'same';
export type Same = typeof SAME;

/** What the server does to the item's SLA clock when the action is applied (see `core/src/sla`). */
export const CLOCK_EFFECTS = ['start', 'pause', 'resume', 'stop', 'extend'] as const;
export type ClockEffect = (typeof CLOCK_EFFECTS)[number];

export interface StateDef {
  labelVi: string;
  labelEn: string;
  /** Exactly one state is where items are created. */
  start?: boolean;
  /** No action may leave a terminal state. */
  terminal?: boolean;
}

/** Why a guard refuses an action, in both languages; `field` makes it a 422 on that field. */
export interface GuardFailure {
  code: string;
  messageVi: string;
  messageEn: string;
  field?: string;
}

export interface TransitionInfo {
  from: string;
  action: string;
  roles: ReadonlySet<string>;
  reason: string | null;
}

export type Guard<Ctx> = (ctx: Ctx, transition: TransitionInfo) => GuardFailure | null;

export interface ActionDef<S extends string = string, Ctx = unknown> {
  from: readonly S[];
  to: S | Same;
  /**
   * Platform roles (`leader`, `officer`…) and relation roles the module computes for the caller
   * and the item (`assignee`, `assigner`, `lead_unit_member`, `system` for jobs). Any one suffices.
   */
  roles: readonly string[];
  labelVi: string;
  labelEn: string;
  requiresReason?: boolean;
  /**
   * Extra rules on the item (e.g. no completion while sub-tasks are open). Declared as a method
   * so that a workflow with a specific context still fits where any workflow is accepted.
   */
  guard?(ctx: Ctx, transition: TransitionInfo): GuardFailure | null;
  clock?: ClockEffect;
  /** Relations to notify (`assigner`, `assignee`, `lead_unit`, `monitor`…), resolved by the module. */
  notify?: readonly string[];
  /** Counters on the item to increment (e.g. `returns`, `extensions`). */
  counts?: string | readonly string[];
}

/** What a module writes. `S` and `A` are inferred from the keys, so typos in `from`/`to` fail to compile. */
export interface WorkflowSpec<S extends string, A extends string, Ctx> {
  kind: string;
  states: Record<S, StateDef>;
  actions: Record<A, ActionDef<NoInfer<S>, Ctx>>;
}

/** A validated, frozen workflow. Build it with `defineWorkflow`; read it, never mutate it. */
export interface Workflow<S extends string = string, A extends string = string, Ctx = unknown> {
  readonly kind: string;
  readonly start: S;
  readonly states: Readonly<Record<S, Readonly<StateDef>>>;
  readonly actions: Readonly<Record<A, Readonly<ActionDef<S, Ctx>>>>;
  /** Action names per state, in declaration order; absent states have none. */
  readonly actionsFrom: ReadonlyMap<string, readonly A[]>;
}

/** What the server applies, in one transaction, after `planTransition` accepted an action. */
export interface TransitionPlan<S extends string = string, A extends string = string> {
  kind: string;
  action: A;
  from: S;
  to: S;
  /** True when the item stays in the same state (progress reports, reminders…). */
  selfTransition: boolean;
  /** True when `to` is terminal: the item is closed. */
  terminal: boolean;
  clock: ClockEffect | null;
  notify: string[];
  counts: string[];
  /** The trimmed reason, or null when none was given. */
  reason: string | null;
}

export interface AvailableAction<S extends string = string, A extends string = string> {
  name: A;
  to: S;
  selfTransition: boolean;
  labelVi: string;
  labelEn: string;
  requiresReason: boolean;
  /** Set when a context was given and the guard refuses: show the action disabled with this text. */
  blocked: GuardFailure | null;
}

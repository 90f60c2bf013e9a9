import { Conflict, DomainError, Forbidden, fieldProblem, Invalid, InvalidTransition } from '../errors.ts';
import {
  type ActionDef,
  type AvailableAction,
  type GuardFailure,
  SAME,
  type TransitionInfo,
  type TransitionPlan,
  type Workflow,
} from './types.ts';

/**
 * The item's stored state is not in its workflow: the data or a migration is wrong, not the
 * caller, hence a 500 (whose details the error handler hides).
 */
export class UnknownWorkflowState extends DomainError {
  constructor(kind: string, state: string) {
    super(
      500,
      'workflow_unknown_state',
      'Trạng thái của hồ sơ, nhiệm vụ không hợp lệ.',
      `State "${state}" is not part of the "${kind}" workflow.`,
      [],
      { kind, state },
    );
  }
}

function stateOf<S extends string>(wf: Workflow<S, string, unknown>, state: string): S {
  if (!Object.hasOwn(wf.states, state)) throw new UnknownWorkflowState(wf.kind, state);
  return state as S;
}

function actionOf<S extends string, A extends string, Ctx>(
  wf: Workflow<S, A, Ctx>,
  action: string,
): ActionDef<S, Ctx> | undefined {
  return Object.hasOwn(wf.actions, action) ? wf.actions[action as A] : undefined;
}

const targetOf = <S extends string>(def: ActionDef<S, unknown>, from: S): S =>
  def.to === SAME ? from : def.to;
const allowed = (def: ActionDef<string, unknown>, roles: ReadonlySet<string>) =>
  def.roles.some((r) => roles.has(r));
const toSet = (roles: Iterable<string>): ReadonlySet<string> =>
  roles instanceof Set ? roles : new Set(roles);

export function isTerminal(wf: Workflow, state: string): boolean {
  return wf.states[stateOf(wf, state)]?.terminal === true;
}

/**
 * The actions the caller may take on an item in `state`, in declaration order. Pass `{ ctx }` to
 * also run the guards: refused actions stay in the list with `blocked` set, so the UI can show
 * them disabled with the reason instead of making them vanish unexplained.
 */
export function availableActions<S extends string, A extends string, Ctx>(
  wf: Workflow<S, A, Ctx>,
  state: string,
  roles: Iterable<string>,
  options?: { ctx: Ctx },
): AvailableAction<S, A>[] {
  const from = stateOf(wf, state);
  const roleSet = toSet(roles);
  const result: AvailableAction<S, A>[] = [];
  for (const name of wf.actionsFrom.get(from) ?? []) {
    const def = wf.actions[name];
    if (!allowed(def, roleSet)) continue;
    const to = targetOf(def, from);
    const blocked =
      options && def.guard
        ? def.guard(options.ctx, { from, action: name, roles: roleSet, reason: null })
        : null;
    result.push({
      name,
      to,
      selfTransition: to === from,
      labelVi: def.labelVi,
      labelEn: def.labelEn,
      requiresReason: def.requiresReason === true,
      blocked,
    });
  }
  return result;
}

export type TransitionRequest<Ctx> = {
  state: string;
  action: string;
  /** Platform roles the caller holds on the item's unit plus relation roles the module computed. */
  roles: Iterable<string>;
  reason?: string | null;
} & (undefined extends Ctx ? { ctx?: Ctx } : { ctx: Ctx });

function guardError(failure: GuardFailure): DomainError {
  return failure.field
    ? new Invalid([fieldProblem(failure.field, failure.messageVi, failure.messageEn)], failure.code)
    : new Conflict(failure.code, failure.messageVi, failure.messageEn);
}

/**
 * Decides whether an action may be taken and what it entails, without doing it: the server
 * applies the plan (state, clock, counters, event, notifications) in one transaction. Checks in
 * order: the action exists and leaves from this state (InvalidTransition), the caller holds one
 * of its roles (Forbidden), a required reason is given (Invalid on /reason), the guard agrees
 * (Invalid on the guard's field, else Conflict with the guard's code).
 */
export function planTransition<S extends string, A extends string, Ctx>(
  wf: Workflow<S, A, Ctx>,
  request: TransitionRequest<Ctx>,
): TransitionPlan<S, A> {
  const from = stateOf(wf, request.state);
  const def = actionOf(wf, request.action);
  if (!def?.from.includes(from)) throw new InvalidTransition(request.action, from);
  const action = request.action as A;
  const roles = toSet(request.roles);
  if (!allowed(def, roles)) {
    throw new Forbidden(
      `Bạn không có quyền thực hiện thao tác "${def.labelVi}".`,
      `You are not allowed to "${def.labelEn}".`,
    );
  }
  const reason =
    typeof request.reason === 'string' && request.reason.trim() !== '' ? request.reason.trim() : null;
  if (def.requiresReason && reason === null) {
    throw new Invalid(
      [
        fieldProblem(
          '/reason',
          `Cần nêu lý do khi thực hiện thao tác "${def.labelVi}".`,
          `A reason is required to "${def.labelEn}".`,
        ),
      ],
      'reason_required',
    );
  }
  if (def.guard) {
    const info: TransitionInfo = { from, action, roles, reason };
    const failure = def.guard(request.ctx as Ctx, info);
    if (failure) throw guardError(failure);
  }
  const to = targetOf(def, from);
  return {
    kind: wf.kind,
    action,
    from,
    to,
    selfTransition: to === from,
    terminal: wf.states[to].terminal === true,
    clock: def.clock ?? null,
    notify: [...(def.notify ?? [])],
    counts: def.counts === undefined ? [] : typeof def.counts === 'string' ? [def.counts] : [...def.counts],
    reason,
  };
}

/**
 * The SLA clock of a work item: pure functions over plain `ClockData` (store it as jsonb). The
 * server calls an operation when a transition plan says so (`clock: 'pause'` → `pauseClock`),
 * stores the returned data, and calls `evaluateClock` to show where the item stands.
 */
export { addBudget, assertBudget } from './budget.ts';
export {
  type ExtensionGrant,
  extendClock,
  isPaused,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
} from './clock.ts';
export { ClockConflict } from './errors.ts';
export { dueAtOf, evaluateClock, lastEventAt, outcomeOf } from './evaluate.ts';
export type {
  Budget,
  ClockData,
  ClockEvaluation,
  ClockExtension,
  ClockOutcome,
  ClockPause,
  ClockState,
  ClockStatus,
  EvaluateOptions,
} from './types.ts';

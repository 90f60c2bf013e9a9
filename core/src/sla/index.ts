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

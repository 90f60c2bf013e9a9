/**
 * Workflows as data. A module declares its workflow once with `defineWorkflow` (validated at load)
 * and every transition, by people or by jobs, goes through `planTransition`; the server applies
 * the returned plan in one transaction. See `sample.ts` for a complete task life cycle.
 */
export { defineWorkflow, WorkflowDefinitionError, workflowProblems } from './define.ts';
export {
  availableActions,
  isTerminal,
  planTransition,
  type TransitionRequest,
  UnknownWorkflowState,
} from './engine.ts';
export { type WorkflowJSON, WorkflowJSONSchema, workflowToJSON } from './json.ts';
export {
  type ActionDef,
  type AvailableAction,
  CLOCK_EFFECTS,
  type ClockEffect,
  type Guard,
  type GuardFailure,
  SAME,
  type Same,
  type StateDef,
  type TransitionInfo,
  type TransitionPlan,
  type Workflow,
  type WorkflowSpec,
} from './types.ts';

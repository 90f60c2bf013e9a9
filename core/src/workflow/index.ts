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

/**
 * The work-item kernel: what modules use. A module registers its kinds (`registerKind`), creates
 * items inside its own transaction (`createWorkItem`) and moves them with `transition`; the
 * kernel keeps the events, the audit chain, the rollups, the jobs and the notifications.
 * See docs/kernel.md.
 */
import './item-jobs.ts';
import './notifications.ts';

export { calendarFor, tenantWorkingHours } from './calendar.ts';
export {
  enqueueJob,
  type JobHandler,
  type JobWorker,
  type KernelDeps,
  registerJobHandler,
  runDueJobs,
  runJobsOnce,
  startJobWorker,
} from './jobs.ts';
export { mailSettings, SIGNATURE_HEADER, signWebhook, webhookSettings } from './notifications.ts';
export {
  type EscalationConfig,
  type KindConfig,
  kindConfig,
  type RecipientResolver,
  type ReminderConfig,
  registerKind,
} from './registry.ts';
export { rebuildRollups, recountRollups } from './repository.ts';
export { kernelRoutes } from './routes.ts';
export { workItemStats } from './stats.ts';
export type { ChangeActor, Outcome, WorkItem, WorkItemEvent } from './types.ts';
export {
  applyTransition,
  type ClockArgs,
  type CreateWorkItemInput,
  createWorkItem,
  getWorkItem,
  listWorkItemEvents,
  platformRolesOn,
  type TransitionInput,
  type TransitionResult,
  transition,
} from './work-items.ts';

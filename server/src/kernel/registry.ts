/**
 * What a module tells the kernel about a kind of work item: its workflow and, optionally, when
 * to remind and escalate. Modules call `registerKind` once when they load (their routes file
 * imports their `workflow.ts`); the kernel never hard-codes a module's rules.
 */
import type { Budget } from '@dieuhanh/core/sla/index';
import type { Workflow } from '@dieuhanh/core/workflow/index';
import type { Db } from '../platform/db.ts';
import type { WorkItem } from './types.ts';

export interface ReminderConfig {
  /** Remind this much working time before the due moment, e.g. `[{ unit: 'days', amount: 1 }]`. */
  before?: Budget[];
  /** Remind once this share of the budget is used (at risk), e.g. 0.75. */
  atRiskShare?: number;
  /** Relations to notify (default: the workflow's `remind` action's, else assignee and lead units). */
  notify?: string[];
}

export interface EscalationConfig {
  /** Working time after the due moment before the first escalation (default: at the due moment). */
  after?: Budget;
  /** Working time between further escalations, each one level up the tree (default: 1 working day). */
  every?: Budget;
  /** Levels at most, the owner unit being level 1 (default: up to the root). */
  maxLevels?: number;
  /** Roles granted exactly on the target unit whose holders are told (default: unit_head, leader). */
  roles?: string[];
}

/**
 * Resolves relation names from a workflow's `notify` lists to user ids. The kernel knows
 * `assignee`, `creator`, `owner_unit`, `lead_unit`, `support_unit` and `monitor`; a module adds
 * its own (`assigner`, `applicant`…) or overrides these.
 */
export type RecipientResolver = (
  db: Db,
  item: WorkItem,
  relation: string,
) => Promise<string[] | undefined> | string[] | undefined;

export interface KindConfig {
  kind: string;
  // biome-ignore lint/suspicious/noExplicitAny: a registry holds workflows of every context type
  workflow: Workflow<string, string, any>;
  reminders?: ReminderConfig;
  escalation?: EscalationConfig;
  /** Terminal states that close an item without completing it (counted as `cancelled`). */
  cancelStates?: string[];
  /** Relations notified when an item is created (default: assignee). */
  notifyOnCreate?: string[];
  resolveRecipients?: RecipientResolver;
}

const kinds = new Map<string, KindConfig>();

/** Registers (or replaces) a kind. Throws on a config that cannot work. */
export function registerKind(config: KindConfig): KindConfig {
  if (config.workflow.kind !== config.kind) {
    throw new Error(`registerKind: workflow kind "${config.workflow.kind}" is not "${config.kind}"`);
  }
  for (const s of config.cancelStates ?? []) {
    if (config.workflow.states[s]?.terminal !== true)
      throw new Error(`registerKind(${config.kind}): cancel state "${s}" is not a terminal state`);
  }
  const share = config.reminders?.atRiskShare;
  if (share !== undefined && !(share > 0 && share < 1))
    throw new Error(`registerKind(${config.kind}): atRiskShare must be in (0, 1)`);
  kinds.set(config.kind, config);
  return config;
}

export function kindConfig(kind: string): KindConfig {
  const config = kinds.get(kind);
  if (!config) throw new Error(`Work-item kind "${kind}" is not registered (registerKind)`);
  return config;
}

export function registeredKinds(): string[] {
  return [...kinds.keys()];
}

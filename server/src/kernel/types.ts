import type { ClockData } from '@dieuhanh/core/sla/index';

export type Outcome = 'early' | 'on_time' | 'late' | 'cancelled';

/** A work item as services see it: the row plus its lead and support units. */
export interface WorkItem {
  tenantId: string;
  id: string;
  kind: string;
  state: string;
  title: string;
  ownerUnitId: string;
  leadUnitIds: string[];
  supportUnitIds: string[];
  assigneeId: string | null;
  createdBy: string | null;
  clock: ClockData | null;
  dueAt: Date | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  pausedSince: Date | null;
  outcome: Outcome | null;
  overdue: boolean;
  counters: Record<string, number>;
  payload: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkItemEvent {
  itemId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  payload: Record<string, unknown>;
}

/** Who causes a change: a person (with the request id for the audit trail) or a job (null). */
export interface ChangeActor {
  userId: string;
  /** Shown as who granted an extension; defaults to the user id. */
  displayName?: string;
  requestId?: string | null;
}

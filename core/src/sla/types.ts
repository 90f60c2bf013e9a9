import type { Instant } from '../calendar/types.ts';

/**
 * A time allowance in working time. Fractions of a day are working hours at
 * `calendar.hours.hoursPerDay` (0.5 day = 4 h by default), not a share of the day's minutes.
 */
export interface Budget {
  unit: 'days' | 'hours';
  amount: number;
}

/** A stretch during which the clock did not run; `to` is null while the pause is open. */
export interface ClockPause {
  from: Instant;
  to: Instant | null;
  reason?: string;
}

interface ExtensionBase {
  at: Instant;
  reason: string;
  grantedBy: string;
  /** The due moment just before this extension, kept for the audit trail and apology letters. */
  previousDueAt: Instant;
}

/**
 * A granted extension. `budget` replaces the whole budget counted from the start; `due` fixes a
 * new due moment as granted, which later pauses still push back.
 */
export type ClockExtension =
  | (ExtensionBase & { kind: 'budget'; budget: Budget })
  | (ExtensionBase & { kind: 'due'; dueAt: Instant });

/**
 * The whole state of an SLA clock as plain JSON-serialisable data (stored in a jsonb column).
 * Instants are epoch milliseconds. Operations never mutate it; they return a new value.
 */
export interface ClockData {
  startedAt: Instant;
  budget: Budget;
  pauses: ClockPause[];
  extensions: ClockExtension[];
  stoppedAt: Instant | null;
}

export type ClockState = 'running' | 'paused' | 'stopped';
export type ClockStatus = 'within' | 'overdue';
/** Trước hạn / Đúng hạn / Quá hạn. */
export type ClockOutcome = 'early' | 'on_time' | 'late';

export interface EvaluateOptions {
  /** Share of the budget used from which a clock that is not yet overdue counts as at risk. */
  atRiskShare?: number;
}

export interface ClockEvaluation {
  state: ClockState;
  dueAt: Instant;
  /** Working minutes allowed, after extensions. */
  budgetMinutes: number;
  /** Working minutes consumed so far (paused working time excluded). */
  usedMinutes: number;
  /** `budgetMinutes - usedMinutes`; negative once overdue working time accrues. */
  leftMinutes: number;
  /** Working minutes spent paused so far. */
  pausedMinutes: number;
  /** Start of the open pause, when paused. */
  pausedSince: Instant | null;
  extensionCount: number;
  /** Null once stopped (see `outcome`). */
  status: ClockStatus | null;
  atRisk: boolean;
  /** Null until stopped. */
  outcome: ClockOutcome | null;
}

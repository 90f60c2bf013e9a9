/**
 * The vocabulary of tasks (nhiệm vụ): what a leader assigns, by when, and the policy numbers the
 * Office tunes (acceptance window, silence threshold, what counts as "repeated").
 */

export const TASK_PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_SOURCE_KINDS = ['directive_item', 'meeting_conclusion', 'ad_hoc'] as const;
export type TaskSourceKind = (typeof TASK_SOURCE_KINDS)[number];

export const RECURRENCE_FREQUENCIES = ['weekly', 'monthly', 'quarterly', 'semiannual', 'yearly'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];

/**
 * A repeating deadline: "báo cáo trước ngày 20 hằng tháng" is `{ frequency: 'monthly',
 * dayOfMonth: 20, before: true }`. For quarterly, semiannual and yearly reports the day is in the
 * last month of the period; without a day the period's last day is meant. Weekly reports are due
 * on the last working day of the week.
 */
export interface RecurrenceSpec {
  frequency: RecurrenceFrequency;
  dayOfMonth?: number;
  /** "trước ngày D" (strictly before the day, so due on D − 1); default true when a day is given. */
  before?: boolean;
  /** First period covered: the period containing this date (YYYY-MM-DD). Default: the creation day. */
  startsOn?: string;
  /** Last period covered: the period containing this date. Default: open-ended. */
  endsOn?: string;
}

/**
 * When a task is due. A date means the end of that working day (17:00 by default; a day off moves
 * it to the end of the next working day, as the Civil Code art. 148 counts time limits); a number
 * of working days counts from the assignment; a recurrence spawns one task per period.
 */
export type DeadlineSpec = { date: string } | { workingDays: number } | { recurrence: RecurrenceSpec };

/** Numbers the Office can tune per tenant (stored in `settings` under `tasks.policy`). */
export interface TaskPolicy {
  /** Working days after assignment within which a unit may return a task; later acceptance is "late". */
  acceptanceWindowDays: number;
  /** Working days without a progress report while in progress that raise a signal. */
  silenceDays: number;
  /** Extension requests at which "repeated extensions" is raised. */
  repeatedExtensions: number;
  /** Returns plus reassignments between units at which "passed between units" is raised. */
  bounces: number;
  /** Completions sent back at which "completion sent back repeatedly" is raised. */
  sendBacks: number;
  /** Days ahead for which recurring tasks are created (their period's due within the horizon). */
  recurrenceHorizonDays: number;
}

export const DEFAULT_TASK_POLICY: TaskPolicy = {
  acceptanceWindowDays: 2,
  silenceDays: 10,
  repeatedExtensions: 2,
  bounces: 2,
  sendBacks: 2,
  recurrenceHorizonDays: 45,
};

/**
 * Share of the working time used from which an open task is "at risk" (sắp đến hạn). One value
 * for everyone: the kernel's at-risk reminder and the reported status must agree.
 */
export const TASK_AT_RISK_SHARE = 0.75;

/** The policy with a tenant's overrides applied (non-positive or non-numeric values are ignored). */
export function taskPolicy(overrides: Partial<TaskPolicy> | null | undefined): TaskPolicy {
  const out = { ...DEFAULT_TASK_POLICY };
  for (const key of Object.keys(DEFAULT_TASK_POLICY) as Array<keyof TaskPolicy>) {
    const v = overrides?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[key] = v;
  }
  return out;
}

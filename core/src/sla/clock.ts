import type { Instant, WorkingCalendar } from '../calendar/types.ts';
import { fieldProblem, Invalid } from '../errors.ts';
import { assertBudget } from './budget.ts';
import {
  clockAlreadyPaused,
  clockNotPaused,
  clockStopped,
  invalidInstant,
  timeWentBackwards,
} from './errors.ts';
import { dueAtOf, lastEventAt, openPause } from './evaluate.ts';
import type { Budget, ClockData, ClockExtension } from './types.ts';

export type ExtensionGrant = { budget: Budget } | { dueAt: Instant };

function assertInstant(at: Instant, field = '/at'): void {
  if (typeof at !== 'number' || !Number.isFinite(at)) throw invalidInstant(field);
}

/** Every change must happen on a live clock and not before what is already recorded. */
function assertCanChange(data: ClockData, at: Instant, operation: string): void {
  assertInstant(at);
  if (data.stoppedAt !== null) throw clockStopped(operation);
  const last = lastEventAt(data);
  if (at < last) throw timeWentBackwards(at, last);
}

function requireText(value: string, field: string, vi: string, en: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw new Invalid([fieldProblem(field, vi, en)], 'required');
  return text;
}

export function startClock(at: Instant, budget: Budget): ClockData {
  assertInstant(at);
  assertBudget(budget);
  return { startedAt: at, budget: { ...budget }, pauses: [], extensions: [], stoppedAt: null };
}

export function pauseClock(data: ClockData, at: Instant, reason?: string): ClockData {
  assertCanChange(data, at, 'pause');
  if (openPause(data)) throw clockAlreadyPaused();
  const trimmed = reason?.trim();
  const pause = trimmed ? { from: at, to: null, reason: trimmed } : { from: at, to: null };
  return { ...data, pauses: [...data.pauses, pause] };
}

export function resumeClock(data: ClockData, at: Instant): ClockData {
  assertCanChange(data, at, 'resume');
  const open = openPause(data);
  if (!open) throw clockNotPaused();
  return { ...data, pauses: [...data.pauses.slice(0, -1), { ...open, to: at }] };
}

/**
 * Grants more time: either a new total budget counted from the start, or a new due moment. The
 * result must fall after the current due, otherwise it is not an extension.
 */
export function extendClock(
  data: ClockData,
  grant: ExtensionGrant,
  reason: string,
  grantedBy: string,
  at: Instant,
  calendar: WorkingCalendar,
): ClockData {
  assertCanChange(data, at, 'extend');
  const why = requireText(
    reason,
    '/reason',
    'Cần nêu lý do gia hạn.',
    'A reason for the extension is required.',
  );
  const who = requireText(
    grantedBy,
    '/grantedBy',
    'Cần ghi người cho phép gia hạn.',
    'Who granted the extension is required.',
  );
  const previousDueAt = dueAtOf(data, calendar, at);
  let extension: ClockExtension;
  if ('budget' in grant) {
    assertBudget(grant.budget);
    extension = {
      kind: 'budget',
      budget: { ...grant.budget },
      at,
      reason: why,
      grantedBy: who,
      previousDueAt,
    };
  } else {
    assertInstant(grant.dueAt, '/dueAt');
    extension = { kind: 'due', dueAt: grant.dueAt, at, reason: why, grantedBy: who, previousDueAt };
  }
  const extended = { ...data, extensions: [...data.extensions, extension] };
  const newDueAt = dueAtOf(extended, calendar, at);
  if (newDueAt <= previousDueAt) {
    throw new Invalid(
      [
        fieldProblem(
          'budget' in grant ? '/budget' : '/dueAt',
          'Hạn mới phải sau hạn hiện tại.',
          `The new due ${new Date(newDueAt).toISOString()} is not after the current due ${new Date(previousDueAt).toISOString()}.`,
        ),
      ],
      'extension_not_later',
    );
  }
  return extended;
}

/** Stops the clock for good; an open pause ends at the same moment (e.g. withdrawn while waiting). */
export function stopClock(data: ClockData, at: Instant): ClockData {
  assertCanChange(data, at, 'stop');
  const open = openPause(data);
  const pauses = open ? [...data.pauses.slice(0, -1), { ...open, to: at }] : data.pauses;
  return { ...data, pauses, stoppedAt: at };
}

export function isPaused(data: ClockData): boolean {
  return data.stoppedAt === null && openPause(data) !== null;
}

import type { Instant, WorkingCalendar } from '../calendar/types.ts';
import { fieldProblem, Invalid } from '../errors.ts';
import type { Budget } from './types.ts';

const MS_PER_HOUR = 3_600_000;

export function assertBudget(budget: Budget, field = '/budget'): void {
  if (budget === null || typeof budget !== 'object' || (budget.unit !== 'days' && budget.unit !== 'hours')) {
    throw new Invalid([
      fieldProblem(
        `${field}/unit`,
        'Đơn vị thời hạn phải là ngày hoặc giờ.',
        'Budget unit must be days or hours.',
      ),
    ]);
  }
  if (typeof budget.amount !== 'number' || !Number.isFinite(budget.amount) || budget.amount <= 0) {
    throw new Invalid([
      fieldProblem(
        `${field}/amount`,
        'Thời hạn phải là một số dương.',
        `Budget amount must be a positive number, got ${String(budget.amount)}.`,
      ),
    ]);
  }
}

/**
 * The due moment of a budget counted from `start`, with no pauses. Whole days go through
 * `addWorkingDays` so that the due keeps the start's time of day, as receipts promise; the
 * fraction of a day is working hours at `hoursPerDay`.
 */
export function addBudget(calendar: WorkingCalendar, start: Instant, budget: Budget): Instant {
  if (budget.unit === 'hours') return calendar.addWorkingHours(start, budget.amount);
  const wholeDays = Math.floor(budget.amount);
  // Rounded to the millisecond so that 2.3 days does not end 1 ms short through float error.
  const restHours =
    Math.round((budget.amount - wholeDays) * calendar.hours.hoursPerDay * MS_PER_HOUR) / MS_PER_HOUR;
  if (wholeDays === 0) return calendar.addWorkingHours(start, restHours);
  const afterDays = calendar.addWorkingDays(start, wholeDays);
  return restHours > 0 ? calendar.addWorkingHours(afterDays, restHours) : afterDays;
}

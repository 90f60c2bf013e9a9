/**
 * From what a leader writes ("trước ngày 15/4", "trong 05 ngày làm việc") to the due moment the
 * SLA clock runs to. Pure: the working calendar is an argument.
 */
import { dayNumberOf, formatDayNumber, localDateTime } from '../calendar/dates.ts';
import type { Instant, WorkingCalendar } from '../calendar/types.ts';
import { fieldProblem, Invalid } from '../errors.ts';
import type { Budget } from '../sla/types.ts';

/** The end of the working day (the end of its last interval, 17:00 by default) as `HH:MM`. */
export function endOfWorkingDayTime(calendar: WorkingCalendar): string {
  const last = calendar.hours.intervals.at(-1);
  return last?.end ?? '17:00';
}

/**
 * The working day a date-deadline lands on: the date itself when worked, else the next working
 * day (Civil Code 2015 art. 148(5): a time limit ending on a day off ends with the next working day).
 */
export function dueWorkingDate(calendar: WorkingCalendar, date: string, field = '/deadline/date'): string {
  const day = dayNumberOf(date, field);
  for (let i = 0; i < 60; i++) {
    const d = formatDayNumber(day + i);
    if (calendar.isWorkingDay(d)) return d;
  }
  throw new Invalid([fieldProblem(field, 'Không tìm được ngày làm việc.', 'No working day found.')]);
}

/** The due moment of a date deadline: the end of that working day (see `dueWorkingDate`). */
export function dueAtOfDate(calendar: WorkingCalendar, date: string, field = '/deadline/date'): Instant {
  const day = dueWorkingDate(calendar, date, field);
  const end = endOfWorkingDayTime(calendar);
  return end === '24:00' ? localDateTime(day, '00:00') + 86_400_000 : localDateTime(day, end);
}

/** The due moment N working days after the assignment (same time of day, as receipts promise). */
export function dueAtAfterWorkingDays(
  calendar: WorkingCalendar,
  assignedAt: Instant,
  days: number,
  field = '/deadline/workingDays',
): Instant {
  if (!Number.isInteger(days) || days < 1 || days > 2000)
    throw new Invalid([
      fieldProblem(
        field,
        'Số ngày làm việc phải là số nguyên từ 1 đến 2000.',
        'The number of working days must be an integer from 1 to 2000.',
      ),
    ]);
  return calendar.addWorkingDays(assignedAt, days);
}

/**
 * The clock budget that makes a clock started at `assignedAt` fall due at `dueAt`: the working
 * hours between them. Throws on a due that is not after the assignment (naming `field`).
 */
export function budgetUntil(
  calendar: WorkingCalendar,
  assignedAt: Instant,
  dueAt: Instant,
  field = '/deadline/date',
): Budget {
  const minutes = calendar.workingMinutesBetween(assignedAt, dueAt);
  if (!(dueAt > assignedAt) || minutes <= 0)
    throw new Invalid(
      [
        fieldProblem(
          field,
          'Thời hạn phải sau thời điểm giao nhiệm vụ (còn ít nhất một khoảng thời gian làm việc).',
          'The deadline must be after the assignment, with some working time in between.',
        ),
      ],
      'deadline_before_assignment',
    );
  return { unit: 'hours', amount: minutes / 60 };
}

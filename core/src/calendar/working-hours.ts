import type { FieldProblem } from '../errors.ts';
import { Invalid } from '../errors.ts';
import { MINUTE_MS, timeOfDayMs } from './dates.ts';
import type { WorkingHours } from './types.ts';

/** Working hours turned into numbers once, so the hot path never parses `HH:MM`. */
export interface CompiledHours {
  /** Interval starts and ends in ms after local midnight, sorted, not overlapping. */
  starts: number[];
  ends: number[];
  /** Working ms in the day before interval j starts (prefix sums of the lengths). */
  before: number[];
  msPerDay: number;
  minutesPerDay: number;
  /** Indexed by ISO weekday 1–7. */
  worksOn: boolean[];
}

/** Validates a tenant's working hours (they are edited by administrators) and compiles them. */
export function compileWorkingHours(hours: WorkingHours): CompiledHours {
  const problems: FieldProblem[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  if (hours.intervals.length === 0) {
    problems.push({
      field: '/hours/intervals',
      messageVi: 'Cần ít nhất một khoảng giờ làm việc.',
      messageEn: 'At least one working interval is required.',
    });
  }
  hours.intervals.forEach((interval, i) => {
    try {
      const start = timeOfDayMs(interval.start, `/hours/intervals/${i}/start`);
      const end = timeOfDayMs(interval.end, `/hours/intervals/${i}/end`, true);
      const previousEnd = ends[ends.length - 1] ?? 0;
      if (end <= start || start < previousEnd) {
        problems.push({
          field: `/hours/intervals/${i}`,
          messageVi: `Khoảng giờ ${interval.start}–${interval.end} phải kết thúc sau khi bắt đầu và sau khoảng trước đó.`,
          messageEn: `Interval ${interval.start}–${interval.end} must end after it starts and start after the previous one ends.`,
        });
      }
      starts.push(start);
      ends.push(end);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.push(...error.fields);
    }
  });
  const worksOn = new Array<boolean>(8).fill(false);
  for (const d of hours.weekdays) {
    if (Number.isInteger(d) && d >= 1 && d <= 7) worksOn[d] = true;
    else {
      problems.push({
        field: '/hours/weekdays',
        messageVi: `Thứ "${d}" không hợp lệ (1 = thứ Hai … 7 = Chủ nhật).`,
        messageEn: `Weekday "${d}" is invalid (1 = Monday … 7 = Sunday).`,
      });
    }
  }
  if (!(Number.isFinite(hours.hoursPerDay) && hours.hoursPerDay > 0 && hours.hoursPerDay <= 24)) {
    problems.push({
      field: '/hours/hoursPerDay',
      messageVi: 'Số giờ của một ngày làm việc phải lớn hơn 0 và không quá 24.',
      messageEn: 'Hours per working day must be greater than 0 and at most 24.',
    });
  }
  if (problems.length > 0) throw new Invalid(problems, 'invalid_working_hours');

  const before: number[] = [];
  let msPerDay = 0;
  for (let j = 0; j < starts.length; j++) {
    before.push(msPerDay);
    msPerDay += ends[j]! - starts[j]!;
  }
  return { starts, ends, before, msPerDay, minutesPerDay: msPerDay / MINUTE_MS, worksOn };
}

/**
 * Working minutes of a budget given in fractional working days, by `hoursPerDay` (0.5 day = 4 h
 * with the default 8 h), not by the length of the working intervals (7.5 h by default): that is
 * how budgets in days are meant when they are not whole.
 */
export function dayBudgetToMinutes(days: number, hours: WorkingHours): number {
  return days * hours.hoursPerDay * 60;
}

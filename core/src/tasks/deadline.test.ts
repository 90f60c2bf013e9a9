import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../calendar/index.ts';
import { DomainError } from '../errors.ts';
import { vn } from '../sla/test-calendar.ts';
import { budgetUntil, dueAtAfterWorkingDays, dueAtOfDate, dueWorkingDate } from './deadline.ts';

const cal = createWorkingCalendar();

function codeOf(run: () => unknown): { code: string; field: string | undefined } {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, field: e.fields[0]?.field };
    throw e;
  }
  throw new Error('expected an error');
}

describe('date deadlines', () => {
  it('fall due at the end of that working day', () => {
    expect(dueAtOfDate(cal, '2025-03-05')).toBe(vn('2025-03-05 17:00'));
  });

  it('move off a weekend to the end of the next working day (Civil Code art. 148)', () => {
    expect(dueWorkingDate(cal, '2025-03-08')).toBe('2025-03-10');
    expect(dueAtOfDate(cal, '2025-03-09')).toBe(vn('2025-03-10 17:00'));
  });

  it('move off the Tết holiday and the National Day', () => {
    // Tết Ất Tỵ: 25/01–02/02/2025 off for civil servants.
    expect(dueWorkingDate(cal, '2025-01-29')).toBe('2025-02-03');
    expect(cal.isWorkingDay(dueWorkingDate(cal, '2025-09-02'))).toBe(true);
    expect(dueWorkingDate(cal, '2025-09-02') > '2025-09-02').toBe(true);
  });

  it('name the field of a malformed date', () => {
    expect(codeOf(() => dueAtOfDate(cal, '2025-02-30', '/items/0/deadline/date'))).toEqual({
      code: 'invalid_date',
      field: '/items/0/deadline/date',
    });
  });
});

describe('working-day deadlines', () => {
  it('count working days from the assignment, keeping the time of day', () => {
    // Friday 09:00 + 3 working days = Wednesday 09:00.
    expect(dueAtAfterWorkingDays(cal, vn('2025-03-07 09:00'), 3)).toBe(vn('2025-03-12 09:00'));
  });

  it('skip the holidays in between', () => {
    // Friday before Tết 2025 + 1 working day = Monday 3 February.
    expect(dueAtAfterWorkingDays(cal, vn('2025-01-24 10:00'), 1)).toBe(vn('2025-02-03 10:00'));
  });

  it('refuse zero, fractions and absurd counts', () => {
    for (const n of [0, 1.5, -2, 5000])
      expect(codeOf(() => dueAtAfterWorkingDays(cal, vn('2025-03-07 09:00'), n)).field).toBe(
        '/deadline/workingDays',
      );
  });
});

describe('the clock budget of a fixed due moment', () => {
  it('is the working hours in between, so the clock falls due exactly then', () => {
    const start = vn('2025-03-03 09:00');
    const due = dueAtOfDate(cal, '2025-03-05');
    const budget = budgetUntil(cal, start, due);
    expect(budget).toEqual({ unit: 'hours', amount: 7.5 + 7.5 + 7.5 - 1.5 });
    expect(cal.addWorkingHours(start, budget.amount)).toBe(due);
  });

  it('refuses a deadline before the assignment, naming the field', () => {
    const start = vn('2025-03-05 09:00');
    expect(
      codeOf(() => budgetUntil(cal, start, dueAtOfDate(cal, '2025-03-04'), '/items/2/deadline/date')),
    ).toEqual({
      code: 'deadline_before_assignment',
      field: '/items/2/deadline/date',
    });
    // Assigned after 17:00 for the same day: no working time left.
    expect(codeOf(() => budgetUntil(cal, vn('2025-03-05 17:30'), dueAtOfDate(cal, '2025-03-05'))).code).toBe(
      'deadline_before_assignment',
    );
  });
});

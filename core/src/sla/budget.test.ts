import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { addBudget, assertBudget } from './budget.ts';
import { createTestCalendar, vn } from './test-calendar.ts';
import { CALENDARS } from './test-support.ts';

describe.each(CALENDARS)('addBudget with the %s', (_name, cal) => {
  it.each([
    ['whole days keep the time of day', '2025-03-03 09:00', 3, 'days', '2025-03-06 09:00'],
    ['days across a weekend', '2025-03-07 14:00', 2, 'days', '2025-03-11 14:00'],
    ['days from a Saturday start at the next opening', '2025-03-08 10:00', 1, 'days', '2025-03-11 07:30'],
    ['days from lunch start after lunch', '2025-03-03 12:00', 1, 'days', '2025-03-04 13:30'],
    ['days from an evening start at the next morning', '2025-03-03 18:00', 1, 'days', '2025-03-05 07:30'],
    ['hours skip lunch', '2025-03-03 10:00', 4, 'hours', '2025-03-03 16:00'],
    ['hours skip the night', '2025-03-03 16:00', 2, 'hours', '2025-03-04 08:30'],
    ['half a day is 4 working hours', '2025-03-03 09:00', 0.5, 'days', '2025-03-03 15:00'],
    ['2.5 days = 2 days then 4 hours', '2025-03-07 15:00', 2.5, 'days', '2025-03-12 09:30'],
    ['fractional hours', '2025-03-03 07:30', 1.25, 'hours', '2025-03-03 08:45'],
  ] as const)('%s', (_name, start, amount, unit, due) => {
    expect(addBudget(cal, vn(start), { unit, amount })).toBe(vn(due));
  });

  it('does not lose a millisecond to float error in fractional days', () => {
    // 0.3 day = 2.4 h = 144 min.
    expect(addBudget(cal, vn('2025-03-03 07:30'), { unit: 'days', amount: 2.3 })).toBe(
      vn('2025-03-05 09:54'),
    );
  });
});

describe('addBudget with days off', () => {
  it('skips days off', () => {
    const holidays = createTestCalendar({ daysOff: ['2025-04-30', '2025-05-01'] });
    expect(addBudget(holidays, vn('2025-04-29 10:00'), { unit: 'days', amount: 2 })).toBe(
      vn('2025-05-05 10:00'),
    );
  });
});

describe('assertBudget', () => {
  it.each([
    [{ unit: 'days', amount: 0 }, '/budget/amount'],
    [{ unit: 'days', amount: -1 }, '/budget/amount'],
    [{ unit: 'hours', amount: Number.NaN }, '/budget/amount'],
    [{ unit: 'hours', amount: Number.POSITIVE_INFINITY }, '/budget/amount'],
    [{ unit: 'weeks', amount: 1 }, '/budget/unit'],
  ])('rejects %j on %s', (budget, field) => {
    const error = (() => {
      try {
        assertBudget(budget as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).fields[0]?.field).toBe(field);
  });

  it('accepts positive days and hours', () => {
    expect(() => assertBudget({ unit: 'days', amount: 15 })).not.toThrow();
    expect(() => assertBudget({ unit: 'hours', amount: 0.5 })).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { createTestCalendar, vn } from './test-calendar.ts';

// The clock's tests rely on this calendar, so it gets a few checks of its own.
describe('test calendar', () => {
  const cal = createTestCalendar({ daysOff: ['2025-04-30', '2025-05-01'] });

  it('knows weekends, days off and working hours', () => {
    expect(cal.minutesPerDay).toBe(450);
    expect(cal.isWorkingDay('2025-03-03')).toBe(true); // Monday
    expect(cal.isWorkingDay('2025-03-08')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2025-04-30')).toBe(false);
    expect(cal.isWorkingTime(vn('2025-03-03 07:30'))).toBe(true);
    expect(cal.isWorkingTime(vn('2025-03-03 11:30'))).toBe(false);
    expect(cal.isWorkingTime(vn('2025-03-03 12:00'))).toBe(false);
    expect(cal.localDate(vn('2025-03-03 00:30'))).toBe('2025-03-03');
  });

  it('finds the next opening', () => {
    expect(cal.nextOpening(vn('2025-03-03 12:00'))).toBe(vn('2025-03-03 13:30'));
    expect(cal.nextOpening(vn('2025-03-07 17:00'))).toBe(vn('2025-03-10 07:30'));
    expect(cal.nextOpening(vn('2025-03-03 09:15'))).toBe(vn('2025-03-03 09:15'));
  });

  it('adds working days keeping the time of day', () => {
    expect(cal.addWorkingDays(vn('2025-03-07 14:00'), 2)).toBe(vn('2025-03-11 14:00'));
    expect(cal.addWorkingDays(vn('2025-03-03 18:00'), 1)).toBe(vn('2025-03-05 07:30'));
    expect(cal.addWorkingDays(vn('2025-04-29 10:00'), 2)).toBe(vn('2025-05-05 10:00'));
  });

  it('adds working minutes and stays at the end of an interval', () => {
    expect(cal.addWorkingMinutes(vn('2025-03-03 10:00'), 90)).toBe(vn('2025-03-03 11:30'));
    expect(cal.addWorkingMinutes(vn('2025-03-03 10:00'), 91)).toBe(vn('2025-03-03 13:31'));
    expect(cal.addWorkingHours(vn('2025-03-07 16:00'), 2)).toBe(vn('2025-03-10 08:30'));
  });

  it('counts working minutes both ways', () => {
    expect(cal.workingMinutesBetween(vn('2025-03-07 16:00'), vn('2025-03-10 08:30'))).toBe(120);
    expect(cal.workingMinutesBetween(vn('2025-03-10 08:30'), vn('2025-03-07 16:00'))).toBe(-120);
    expect(cal.workingTimeBetween(vn('2025-03-03 07:30'), vn('2025-03-05 09:30'))).toEqual({
      days: 2,
      hours: 17,
      minutes: 1020,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { daysInMonth, endOfMonth, endOfQuarter, isValidDate, parseIsoDate, romanToInt } from './dates.ts';

describe('dates', () => {
  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(endOfMonth(2024, 4)).toBe('2024-04-30');
    expect(endOfQuarter(2024, 2)).toBe('2024-06-30');
    expect(endOfQuarter(2024, 4)).toBe('2024-12-31');
  });

  it('validates dates', () => {
    expect(isValidDate(2025, 2, 29)).toBe(false);
    expect(isValidDate(2024, 13, 1)).toBe(false);
    expect(isValidDate(2024, 12, 31)).toBe(true);
    expect(parseIsoDate('2024-02-30')).toBeNull();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate(undefined)).toBeNull();
  });

  it('reads roman numerals', () => {
    expect(['I', 'II', 'III', 'IV', 'V', 'IX', 'XII'].map(romanToInt)).toEqual([1, 2, 3, 4, 5, 9, 12]);
    expect(romanToInt('V/v')).toBeNaN();
  });
});

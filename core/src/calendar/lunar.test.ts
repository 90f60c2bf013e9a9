import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { DAY_MS, daysFromCivil, formatDayNumber } from './dates.ts';
import { leapMonthOf, lunarOfDayNumber, lunarToSolar, solarToLunar } from './lunar.ts';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  // Tết (1/1 lunar) in Vietnam. 1968, 1985 and 2007 differ from the Chinese calendar (UTC+8):
  // China had 30 January 1968, 20 February 1985 and 18 February 2007.
  it.each([
    [1968, '1968-01-29'],
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
  ])('Tết %i is %s', (year, date) => {
    expect(lunarToSolar({ day: 1, month: 1, year, leap: false })).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('puts the day before Tết in the old lunar year, month 12', () => {
    expect(solarToLunar('1985-01-20')).toEqual({ day: 30, month: 12, year: 1984, leap: false });
    expect(solarToLunar('2024-02-09')).toEqual({ day: 30, month: 12, year: 2023, leap: false });
    expect(solarToLunar('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
  });

  it.each([
    // [lunar year, leap month, first solar day of the leap month]
    [2012, 4, '2012-05-21'],
    [2014, 9, '2014-10-24'],
    [2017, 6, '2017-07-23'],
    [2020, 4, '2020-05-23'],
    [2023, 2, '2023-03-22'],
    [2025, 6, '2025-07-25'],
    [2028, 5, '2028-06-23'],
    // The "2033 problem": the leap month is the 11th, after the winter solstice month.
    [2033, 11, '2033-12-22'],
  ])('lunar year %i has leap month %i starting %s', (year, month, date) => {
    expect(leapMonthOf(year)).toBe(month);
    expect(lunarToSolar({ day: 1, month, year, leap: true })).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 1, month, year, leap: true });
    // The ordinary month of the same number comes first, about 29.5 days earlier.
    const ordinary = Date.parse(lunarToSolar({ day: 1, month, year, leap: false }));
    expect((Date.parse(date) - ordinary) / DAY_MS).toBeGreaterThanOrEqual(29);
    expect((Date.parse(date) - ordinary) / DAY_MS).toBeLessThanOrEqual(30);
  });

  it.each([2022, 2024, 2026, 2027])('lunar year %i has no leap month', (year) => {
    expect(leapMonthOf(year)).toBeUndefined();
  });

  it('gives Hùng Kings’ day (10/3) of recent years', () => {
    expect(lunarToSolar({ day: 10, month: 3, year: 2023, leap: false })).toBe('2023-04-29');
    expect(lunarToSolar({ day: 10, month: 3, year: 2024, leap: false })).toBe('2024-04-18');
    expect(lunarToSolar({ day: 10, month: 3, year: 2025, leap: false })).toBe('2025-04-07');
    expect(lunarToSolar({ day: 10, month: 3, year: 2026, leap: false })).toBe('2026-04-26');
  });

  it('rejects lunar dates that do not exist', () => {
    expect(() => lunarToSolar({ day: 1, month: 3, year: 2023, leap: true })).toThrow(Invalid);
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2024, leap: true })).toThrow(Invalid);
    // Month 12 of lunar year 2024 had 29 days (Tết 2025 came on the 30th day).
    expect(() => lunarToSolar({ day: 30, month: 12, year: 2024, leap: false })).toThrow(Invalid);
    expect(() => lunarToSolar({ day: 0, month: 1, year: 2024, leap: false })).toThrow(Invalid);
    expect(() => lunarToSolar({ day: 1, month: 13, year: 2024, leap: false })).toThrow(Invalid);
    expect(() => lunarToSolar({ day: 1.5, month: 1, year: 2024, leap: false })).toThrow(Invalid);
  });

  it('refuses dates outside 1900–2199', () => {
    expect(() => solarToLunar('1899-12-31')).toThrow(Invalid);
    expect(() => solarToLunar('2200-01-01')).toThrow(Invalid);
    expect(() => lunarToSolar({ day: 1, month: 1, year: 2200, leap: false })).toThrow(Invalid);
    expect(solarToLunar('1900-01-01')).toEqual({ day: 1, month: 12, year: 1899, leap: false });
  });

  const first = daysFromCivil(1900, 1, 1);
  const last = daysFromCivil(2199, 12, 31);

  it('round-trips solar → lunar → solar over 1900–2199 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        const date = formatDayNumber(day);
        expect(lunarToSolar(solarToLunar(date))).toBe(date);
      }),
      { numRuns: 3000 },
    );
  });

  it('walks every day of 1900–2199 through well-formed months', () => {
    // Exhaustive, because one wrong new moon would shift one month of one year only. Problems are
    // collected rather than asserted per day to keep the 110 000 days fast.
    const problems: string[] = [];
    let previous = lunarOfDayNumber(first);
    let monthsInYear = 0;
    for (let day = first + 1; day <= last; day++) {
      const lunar = lunarOfDayNumber(day);
      const p = previous;
      let ok: boolean;
      if (lunar.day === 1) {
        const monthLengthOk = p.day === 29 || p.day === 30;
        if (lunar.month === 1 && !lunar.leap) {
          ok =
            monthLengthOk &&
            lunar.year === p.year + 1 &&
            (monthsInYear === 0 || monthsInYear === 12 || monthsInYear === 13);
          monthsInYear = 0;
        } else {
          const nextMonth = lunar.leap ? p.month : p.month + 1;
          ok = monthLengthOk && lunar.year === p.year && lunar.month === nextMonth && !(lunar.leap && p.leap);
        }
        monthsInYear++;
      } else {
        ok =
          lunar.day === p.day + 1 &&
          lunar.month === p.month &&
          lunar.year === p.year &&
          lunar.leap === p.leap;
      }
      if (!ok) problems.push(`${formatDayNumber(day)}: ${JSON.stringify(lunar)} after ${JSON.stringify(p)}`);
      previous = lunar;
    }
    expect(problems).toEqual([]);
  });
});

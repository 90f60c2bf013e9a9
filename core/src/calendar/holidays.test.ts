import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatDayNumber, isoWeekday, parseLocalDate } from './dates.ts';
import {
  COMPENSATORY_NAME,
  HOLIDAY_NAMES,
  nationalDayAdjacent,
  provisionalSchedule,
  statutoryHolidays,
} from './holidays.ts';
import { lunarToSolar } from './lunar.ts';

const weekdayOf = (date: string) =>
  isoWeekday(Math.round((parseLocalDate(date) + 7 * 3_600_000) / 86_400_000));

describe('statutory holidays (Labour Code 2019, Art. 112)', () => {
  it('lists the eleven days of 2027 in date order', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: 'Tết Dương lịch' },
      // Tết 2027 is 6 February: the last day of the old year, then days 1–4.
      { date: '2027-02-05', name: 'Tết Nguyên đán' },
      { date: '2027-02-06', name: 'Tết Nguyên đán' },
      { date: '2027-02-07', name: 'Tết Nguyên đán' },
      { date: '2027-02-08', name: 'Tết Nguyên đán' },
      { date: '2027-02-09', name: 'Tết Nguyên đán' },
      { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2027-04-30', name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
      { date: '2027-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2027-09-02', name: 'Quốc khánh' },
      { date: '2027-09-03', name: 'Quốc khánh' },
    ]);
  });

  it('writes every name in NFC', () => {
    for (const name of Object.values(HOLIDAY_NAMES)) expect(name).toBe(name.normalize('NFC'));
    expect(COMPENSATORY_NAME).toBe(COMPENSATORY_NAME.normalize('NFC'));
  });

  it.each([
    // [year, weekday of 2/9, adjacent day] — 2021–2026 are the official choices.
    [2024, 'Mon', '2024-09-03'],
    [2025, 'Tue', '2025-09-01'],
    [2026, 'Wed', '2026-09-01'],
    [2021, 'Thu', '2021-09-03'],
    [2022, 'Fri', '2022-09-01'],
    [2023, 'Sat', '2023-09-01'],
    [2029, 'Sun', '2029-09-03'],
  ])('puts the National Day adjacent day of %i (2/9 on %s) on %s', (year, _weekday, date) => {
    expect(formatDayNumber(nationalDayAdjacent(year))).toBe(date);
  });

  it('follows the law in force: 4 Tết days before 2013, no Hùng Kings before 2007, one National Day before 2021', () => {
    const names = (year: number) => statutoryHolidays(year).map((h) => h.name);
    expect(names(2006).filter((n) => n === HOLIDAY_NAMES.tet)).toHaveLength(4);
    expect(names(2006)).not.toContain(HOLIDAY_NAMES.hungKings);
    expect(names(2007)).toContain(HOLIDAY_NAMES.hungKings);
    expect(names(2012).filter((n) => n === HOLIDAY_NAMES.tet)).toHaveLength(4);
    expect(names(2013).filter((n) => n === HOLIDAY_NAMES.tet)).toHaveLength(5);
    expect(names(2020).filter((n) => n === HOLIDAY_NAMES.nationalDay)).toHaveLength(1);
    expect(names(2021).filter((n) => n === HOLIDAY_NAMES.nationalDay)).toHaveLength(2);
  });

  it('never puts two holidays on one date in 1900–2199', () => {
    for (let year = 1900; year <= 2199; year++) {
      const dates = statutoryHolidays(year).map((h) => h.date);
      expect(new Set(dates).size, String(year)).toBe(dates.length);
    }
  });
});

describe('provisional schedule', () => {
  it('compensates weekend holidays on the next free weekday (2023: Hùng Kings on Sat 29/4)', () => {
    const s = provisionalSchedule(2023);
    expect(s.provisional).toBe(true);
    expect(s.workingWeekendDays).toEqual([]);
    const spring = s.daysOff.filter((d) => d.date >= '2023-04-01' && d.date <= '2023-05-31');
    expect(spring).toEqual([
      { date: '2023-05-01', name: HOLIDAY_NAMES.labour, kind: 'holiday' },
      { date: '2023-05-02', name: `${COMPENSATORY_NAME} ${HOLIDAY_NAMES.hungKings}`, kind: 'compensatory' },
      {
        date: '2023-05-03',
        name: `${COMPENSATORY_NAME} ${HOLIDAY_NAMES.reunification}`,
        kind: 'compensatory',
      },
    ]);
  });

  it('gives 2026 the same weekdays off as the official schedule except the swaps', () => {
    const dates = provisionalSchedule(2026).daysOff.map((d) => d.date);
    expect(dates).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
  });

  it('gives exactly one weekday off per holiday date, every year 1900–2199 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), (year) => {
        const holidays = statutoryHolidays(year);
        const s = provisionalSchedule(year);
        expect(s.year).toBe(year);
        expect(s.daysOff).toHaveLength(holidays.length);
        const dates = s.daysOff.map((d) => d.date);
        expect(new Set(dates).size).toBe(dates.length);
        expect([...dates].sort()).toEqual(dates);
        for (const d of s.daysOff) {
          expect(d.date.startsWith(`${year}-`)).toBe(true);
          expect(weekdayOf(d.date)).toBeLessThanOrEqual(5);
          expect(d.kind === 'compensatory').toBe(!holidays.some((h) => h.date === d.date));
        }
        // Every weekday holiday is itself off.
        for (const h of holidays) {
          if (weekdayOf(h.date) <= 5) expect(dates).toContain(h.date);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('starts Tết on the last day of the lunar year', () => {
    for (const year of [2027, 2030, 2045, 2100]) {
      const tet = lunarToSolar({ day: 1, month: 1, year, leap: false });
      const eve = formatDayNumber(daysFromCivil(year, Number(tet.slice(5, 7)), Number(tet.slice(8))) - 1);
      const tetDays = statutoryHolidays(year).filter((h) => h.name === HOLIDAY_NAMES.tet);
      expect(tetDays[0]?.date).toBe(eve);
      expect(tetDays).toHaveLength(5);
    }
  });
});

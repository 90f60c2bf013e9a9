/**
 * Public holidays by rule (Labour Code 2019, Art. 112(1)) and the provisional schedule for years
 * with no official schedule yet. The official yearly schedules (official-schedules.ts) decide the
 * real days off; this rule only fills the gaps (future years, and past years we did not ship).
 */
import { type DayNumber, daysFromCivil, formatDayNumber, isoWeekday } from './dates.ts';
import { dayNumberOfLunar, tetDayNumber } from './lunar.ts';
import type { DayOff, YearSchedule } from './types.ts';

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Giải phóng miền Nam, thống nhất đất nước',
  labour: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
} as const;

export const COMPENSATORY_NAME = 'Nghỉ bù';
export const SWAPPED_NAME = 'Nghỉ hoán đổi';

/** A statutory holiday on one date (which may be a Saturday or Sunday). */
export interface Holiday {
  date: string;
  name: string;
}

/**
 * The years from which each part of the rule applies, so that provisional schedules of past years
 * are not anachronistic: Hùng Kings' day became a paid holiday with the 2007 amendment of the
 * Labour Code; Tết went from 4 to 5 days with the 2012 Code (in force 1 May 2013); National Day
 * gained its adjacent day with the 2019 Code (in force 1 January 2021). Before 2000 the
 * provisional rule is only approximate: it does not model the six-day week of that time.
 */
export const RULE_SINCE = { hungKings: 2007, fiveDayTet: 2013, nationalDayPair: 2021 } as const;

/**
 * The day next to 2 September (Art. 112(1)(đ) leaves the choice to the Prime Minister each year).
 * The provisional choice joins the holiday to a weekend where it can, as the official choices of
 * 2021–2026 did: Mon → Tue 3/9 (2024), Tue → Mon 1/9 (2025), Wed → Tue 1/9 (2026),
 * Thu → Fri 3/9 (2021), Fri → Thu 1/9 (2022), Sat → Fri 1/9 (2023), Sun → Mon 3/9.
 */
export function nationalDayAdjacent(year: number): DayNumber {
  const sep2 = daysFromCivil(year, 9, 2);
  const weekday = isoWeekday(sep2);
  const after = weekday === 1 || weekday === 4 || weekday === 7;
  return after ? sep2 + 1 : sep2 - 1;
}

/**
 * Every statutory holiday of a Gregorian year by the provisional rule, weekends included, sorted.
 * Tết is the last day of the old lunar year plus days 1–4 of the new one (days 1–3 before 2013).
 * The Prime Minister picks the split each year — 2024 took the last two days of the old year and
 * days 1–3, 2026 the last day and days 1–4 — and the rule follows 2026, the most recent.
 */
export function statutoryHolidays(year: number): Holiday[] {
  return statutoryHolidayDays(year).map(({ day, name }) => ({ date: formatDayNumber(day), name }));
}

function statutoryHolidayDays(year: number): Array<{ day: DayNumber; name: string }> {
  const days: Array<{ day: DayNumber; name: string }> = [];
  days.push({ day: daysFromCivil(year, 1, 1), name: HOLIDAY_NAMES.newYear });
  const tet = tetDayNumber(year);
  const tetLength = year >= RULE_SINCE.fiveDayTet ? 5 : 4;
  for (let i = -1; i < tetLength - 1; i++) days.push({ day: tet + i, name: HOLIDAY_NAMES.tet });
  if (year >= RULE_SINCE.hungKings) {
    // 10/3 always exists: every lunar month has at least 29 days.
    const hung = dayNumberOfLunar({ day: 10, month: 3, year, leap: false })!;
    days.push({ day: hung, name: HOLIDAY_NAMES.hungKings });
  }
  days.push({ day: daysFromCivil(year, 4, 30), name: HOLIDAY_NAMES.reunification });
  days.push({ day: daysFromCivil(year, 5, 1), name: HOLIDAY_NAMES.labour });
  days.push({ day: daysFromCivil(year, 9, 2), name: HOLIDAY_NAMES.nationalDay });
  if (year >= RULE_SINCE.nationalDayPair)
    days.push({ day: nationalDayAdjacent(year), name: HOLIDAY_NAMES.nationalDay });

  // Two holidays never share a date in 1900–2199 (Hùng Kings' day comes at the latest on 29/4,
  // as in 2023); a test guards this, since the compensation below counts one day per holiday.
  return days.sort((a, b) => a.day - b.day);
}

/**
 * The provisional schedule of a year: its statutory holidays plus, for each one on a Saturday or
 * Sunday, a compensatory day on the next weekday that is not already off (Art. 111(3)). No swaps
 * and no make-up Saturdays: those are decided each year by the Prime Minister.
 */
export function provisionalSchedule(year: number): YearSchedule {
  const holidays = statutoryHolidayDays(year);
  const off = new Map<DayNumber, DayOff>();
  for (const h of holidays) {
    if (isoWeekday(h.day) <= 5)
      off.set(h.day, { date: formatDayNumber(h.day), name: h.name, kind: 'holiday' });
  }
  // In date order, so that two weekend holidays in a row take consecutive weekdays.
  for (const h of holidays) {
    if (isoWeekday(h.day) <= 5) continue;
    let day = h.day + 1;
    while (isoWeekday(day) > 5 || off.has(day)) day++;
    off.set(day, {
      date: formatDayNumber(day),
      name: `${COMPENSATORY_NAME} ${h.name}`,
      kind: 'compensatory',
    });
  }
  const daysOff = [...off.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d);
  return { year, provisional: true, daysOff, workingWeekendDays: [] };
}

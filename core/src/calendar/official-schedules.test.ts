import { describe, expect, it } from 'vitest';
import { parseLocalDate } from './dates.ts';
import { OFFICIAL_SCHEDULE_SOURCES, OFFICIAL_SCHEDULES } from './official-schedules.ts';
import { validateSchedule } from './schedules.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const calendar = createWorkingCalendar();

/** Every date from `from` to `to` inclusive, as `YYYY-MM-DD`. */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let at = parseLocalDate(from); at <= parseLocalDate(to); at += 86_400_000)
    out.push(calendar.localDate(at));
  return out;
}

describe('official schedules 2024–2026', () => {
  it('ships valid, sourced, non-provisional data', () => {
    expect(OFFICIAL_SCHEDULES.map((s) => s.year)).toEqual([2024, 2025, 2026]);
    for (const s of OFFICIAL_SCHEDULES) {
      expect(validateSchedule(s)).toEqual(s);
      expect(s.provisional).toBe(false);
      expect(OFFICIAL_SCHEDULE_SOURCES[s.year]).toBeTruthy();
      for (const d of s.daysOff) expect(d.name).toBe(d.name.normalize('NFC'));
      // A swap is always paid back by a worked weekend day in the same year.
      const swaps = s.daysOff.filter((d) => d.kind === 'swapped').length;
      expect(s.workingWeekendDays).toHaveLength(swaps);
    }
  });

  // Whole breaks, weekends included: [first day off, last day off].
  it.each([
    ['Tết 2024', '2024-02-08', '2024-02-14'],
    ['30/4–1/5 2024', '2024-04-27', '2024-05-01'],
    ['Quốc khánh 2024', '2024-08-31', '2024-09-03'],
    ['Tết 2025', '2025-01-25', '2025-02-02'],
    ['Giỗ Tổ 2025', '2025-04-05', '2025-04-07'],
    ['30/4–1/5 2025', '2025-04-30', '2025-05-04'],
    ['Quốc khánh 2025', '2025-08-30', '2025-09-02'],
    ['Tết Dương lịch 2026', '2026-01-01', '2026-01-04'],
    ['Tết 2026', '2026-02-14', '2026-02-22'],
    ['Giỗ Tổ 2026', '2026-04-25', '2026-04-27'],
    ['30/4–1/5 2026', '2026-04-30', '2026-05-03'],
    ['Quốc khánh 2026', '2026-08-29', '2026-09-02'],
  ])('%s: off from %s to %s, worked on the days around', (_name, from, to) => {
    for (const date of datesBetween(from, to)) expect(calendar.isWorkingDay(date), date).toBe(false);
    const before = calendar.localDate(parseLocalDate(from) - 86_400_000);
    const after = calendar.localDate(parseLocalDate(to) + 86_400_000);
    expect(calendar.isWorkingDay(before), before).toBe(true);
    expect(calendar.isWorkingDay(after), after).toBe(true);
  });

  it.each([
    ['2024-05-04', true],
    ['2024-04-29', false],
    ['2024-09-03', false],
    ['2025-02-08', true],
    ['2025-04-26', true],
    ['2025-05-02', false],
    ['2025-01-27', false],
    ['2026-01-02', false],
    ['2026-01-10', true],
    ['2026-04-27', false],
    ['2026-08-22', true],
    ['2026-08-31', false],
    // Ngày Văn hóa Việt Nam is not (yet) a day off: see OFFICIAL_SCHEDULE_SOURCES[2026].
    ['2026-11-24', true],
  ])('%s is a working day: %s', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it('lists the kinds of each 2026 day off', () => {
    const s = calendar.schedule(2026);
    expect(s.provisional).toBe(false);
    expect(s.daysOff.filter((d) => d.kind !== 'holiday')).toEqual([
      { date: '2026-01-02', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)', kind: 'swapped' },
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', kind: 'compensatory' },
      { date: '2026-08-31', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)', kind: 'swapped' },
    ]);
  });
});

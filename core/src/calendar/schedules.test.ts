import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { officialSchedulesByYear, validateSchedule } from './schedules.ts';
import type { YearSchedule } from './types.ts';

const culture2026: YearSchedule = {
  year: 2026,
  provisional: false,
  daysOff: [{ date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam', kind: 'holiday' }],
  workingWeekendDays: [],
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof Invalid) return error.fields.map((f) => f.field);
    throw error;
  }
  return [];
}

describe('schedule validation', () => {
  it('normalises names to NFC and sorts entries by date', () => {
    const decomposed = 'Nghỉ bù'.normalize('NFD');
    const s = validateSchedule({
      year: 2030,
      provisional: false,
      daysOff: [
        { date: '2030-09-03', name: 'Quốc khánh', kind: 'holiday' },
        { date: '2030-01-01', name: ` ${decomposed} `, kind: 'compensatory' },
      ],
      workingWeekendDays: [],
    });
    expect(s.daysOff.map((d) => d.date)).toEqual(['2030-01-01', '2030-09-03']);
    expect(s.daysOff[0]?.name).toBe('Nghỉ bù');
  });

  it('reports every bad entry with its path', () => {
    const bad = {
      year: 2030,
      provisional: false,
      daysOff: [
        { date: '2030-02-30', name: 'x', kind: 'holiday' },
        { date: '2030-01-05', name: 'Saturday', kind: 'holiday' },
        { date: '2031-01-01', name: 'next year', kind: 'holiday' },
        { date: '2030-01-02', name: '', kind: 'holiday' },
        { date: '2030-01-03', name: 'x', kind: 'vacation' },
        { date: '2030-01-03', name: 'twice', kind: 'holiday' },
      ],
      workingWeekendDays: [{ date: '2030-01-07', reason: 'a Monday' }],
    } as unknown as YearSchedule;
    expect(problemsOf(() => validateSchedule(bad, '/schedules/0'))).toEqual([
      '/schedules/0/daysOff/0/date',
      '/schedules/0/daysOff/1/date',
      '/schedules/0/daysOff/2/date',
      '/schedules/0/daysOff/3/name',
      '/schedules/0/daysOff/4/kind',
      '/schedules/0/daysOff/5/date',
      '/schedules/0/workingWeekendDays/0/date',
    ]);
  });

  it('refuses years outside the table', () => {
    expect(problemsOf(() => validateSchedule({ ...culture2026, year: 2200, daysOff: [] }))).toEqual([
      '/year',
    ]);
  });

  it('lets a supplied schedule replace the shipped one of its year only', () => {
    const byYear = officialSchedulesByYear([culture2026]);
    expect(byYear.get(2026)?.daysOff).toEqual(culture2026.daysOff);
    expect(byYear.get(2025)?.daysOff.length).toBeGreaterThan(0);
    expect(problemsOf(() => officialSchedulesByYear([culture2026, culture2026]))).toEqual([
      '/schedules/1/year',
    ]);
  });
});

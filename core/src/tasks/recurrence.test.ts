import { describe, expect, it } from 'vitest';
import {
  nextPeriod,
  periodContaining,
  periodLabel,
  periodsToCreate,
  recurrenceProblems,
} from './recurrence.ts';
import type { RecurrenceSpec } from './types.ts';

const monthly20: RecurrenceSpec = { frequency: 'monthly', dayOfMonth: 20 };

describe('periods', () => {
  it('"trước ngày 20 hằng tháng": due on the 19th of each month', () => {
    expect(periodContaining(monthly20, '2026-02-11')).toEqual({
      key: '2026-02',
      start: '2026-02-01',
      end: '2026-02-28',
      dueDate: '2026-02-19',
    });
    expect(periodContaining({ ...monthly20, before: false }, '2026-02-11').dueDate).toBe('2026-02-20');
  });

  it('clamps a day past the month end and keeps "before the 1st" inside the month', () => {
    expect(periodContaining({ frequency: 'monthly', dayOfMonth: 31 }, '2026-02-03').dueDate).toBe(
      '2026-02-28',
    );
    expect(periodContaining({ frequency: 'monthly', dayOfMonth: 1 }, '2026-04-03').dueDate).toBe(
      '2026-04-01',
    );
  });

  it('quarters, halves and years fall due in their last month', () => {
    expect(periodContaining({ frequency: 'quarterly' }, '2026-05-10')).toEqual({
      key: '2026-Q2',
      start: '2026-04-01',
      end: '2026-06-30',
      dueDate: '2026-06-30',
    });
    expect(periodContaining({ frequency: 'quarterly', dayOfMonth: 20 }, '2026-11-30').dueDate).toBe(
      '2026-12-19',
    );
    expect(periodContaining({ frequency: 'semiannual', dayOfMonth: 15 }, '2026-08-01')).toMatchObject({
      key: '2026-H2',
      dueDate: '2026-12-14',
    });
    expect(
      periodContaining({ frequency: 'yearly', dayOfMonth: 15, before: false }, '2026-03-01'),
    ).toMatchObject({
      key: '2026',
      start: '2026-01-01',
      end: '2026-12-31',
      dueDate: '2026-12-15',
    });
  });

  it('numbers weeks as ISO weeks, due on Friday', () => {
    expect(periodContaining({ frequency: 'weekly' }, '2026-01-01')).toEqual({
      key: '2026-W01',
      start: '2025-12-29',
      end: '2026-01-04',
      dueDate: '2026-01-02',
    });
    expect(periodContaining({ frequency: 'weekly' }, '2024-12-30').key).toBe('2025-W01');
    expect(periodContaining({ frequency: 'weekly' }, '2027-01-01').key).toBe('2026-W53');
  });

  it('steps to the next period across year ends', () => {
    const dec = periodContaining(monthly20, '2026-12-05');
    expect(nextPeriod(monthly20, dec).key).toBe('2027-01');
    const q4 = periodContaining({ frequency: 'quarterly' }, '2026-12-05');
    expect(nextPeriod({ frequency: 'quarterly' }, q4).key).toBe('2027-Q1');
  });
});

describe('periods to create', () => {
  it('skips a period already due and stops at the horizon', () => {
    const periods = periodsToCreate(monthly20, { from: '2026-01-25', until: '2026-04-30' });
    expect(periods.map((p) => [p.key, p.dueDate])).toEqual([
      ['2026-02', '2026-02-19'],
      ['2026-03', '2026-03-19'],
      ['2026-04', '2026-04-19'],
    ]);
  });

  it('continues after the last created period', () => {
    const periods = periodsToCreate(monthly20, { from: '2026-03-01', until: '2026-05-31', after: '2026-03' });
    expect(periods.map((p) => p.key)).toEqual(['2026-04', '2026-05']);
  });

  it('respects the start and end of the series', () => {
    const spec: RecurrenceSpec = { ...monthly20, startsOn: '2026-06-01', endsOn: '2026-08-10' };
    expect(periodsToCreate(spec, { from: '2026-01-10', until: '2027-01-01' }).map((p) => p.key)).toEqual([
      '2026-06',
      '2026-07',
      '2026-08',
    ]);
  });

  it('creates nothing when the horizon ends before the first due date', () => {
    expect(periodsToCreate({ frequency: 'quarterly' }, { from: '2026-01-10', until: '2026-02-01' })).toEqual(
      [],
    );
  });

  it('caps the number of periods', () => {
    expect(
      periodsToCreate({ frequency: 'weekly' }, { from: '2026-01-01', until: '2030-01-01', limit: 5 }),
    ).toHaveLength(5);
  });
});

describe('validation and labels', () => {
  it('names each bad field', () => {
    expect(recurrenceProblems({ frequency: 'weekly', dayOfMonth: 3 }).map((p) => p.field)).toEqual([
      '/deadline/recurrence/dayOfMonth',
    ]);
    expect(
      recurrenceProblems(
        { frequency: 'monthly', dayOfMonth: 32, startsOn: '2026-05-01', endsOn: '2026-04-01' },
        '/items/1/deadline/recurrence',
      ).map((p) => p.field),
    ).toEqual(['/items/1/deadline/recurrence/dayOfMonth', '/items/1/deadline/recurrence/endsOn']);
    expect(recurrenceProblems({ frequency: 'daily' as never }).map((p) => p.field)).toEqual([
      '/deadline/recurrence/frequency',
    ]);
    expect(recurrenceProblems({ frequency: 'monthly', startsOn: '2026-13-01' }).map((p) => p.field)).toEqual([
      '/deadline/recurrence/startsOn',
    ]);
    expect(recurrenceProblems(monthly20)).toEqual([]);
  });

  it('labels periods in Vietnamese', () => {
    expect(periodLabel('2026-03').vi).toBe('tháng 03/2026');
    expect(periodLabel('2026-Q2').vi).toBe('quý II/2026');
    expect(periodLabel('2026-H1').vi).toBe('6 tháng đầu năm 2026');
    expect(periodLabel('2026-W05').vi).toBe('tuần 05/2026');
    expect(periodLabel('2026').vi).toBe('năm 2026');
  });
});

import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../calendar/index.ts';
import { evaluateClock, pauseClock, startClock, stopClock } from '../sla/index.ts';
import { vn } from '../sla/test-calendar.ts';
import { atRiskMoment, isDone, isWithin, TASK_STATUS_LABELS, TASK_STATUSES, taskStatus } from './status.ts';

const cal = createWorkingCalendar();
// Monday 09:00, 3 working days: due Thursday 09:00.
const clock = startClock(vn('2025-03-03 09:00'), { unit: 'days', amount: 3 });
const at = (local: string, data = clock) => taskStatus(evaluateClock(data, cal, vn(local)), false);

describe('task status', () => {
  it('is within, then at risk, then overdue while open', () => {
    expect(at('2025-03-03 10:00')).toBe('within');
    expect(at('2025-03-05 15:00')).toBe('at_risk');
    expect(at('2025-03-06 09:01')).toBe('overdue');
  });

  it('is done early, on time or late once stopped', () => {
    expect(at('2025-03-07 09:00', stopClock(clock, vn('2025-03-04 16:00')))).toBe('done_early');
    expect(at('2025-03-07 09:00', stopClock(clock, vn('2025-03-06 08:00')))).toBe('on_time');
    expect(at('2025-03-07 09:00', stopClock(clock, vn('2025-03-06 10:00')))).toBe('late');
  });

  it('does not go overdue while the clock is paused for the monitor’s review', () => {
    const paused = pauseClock(clock, vn('2025-03-05 10:00'));
    expect(at('2025-03-12 10:00', paused)).not.toBe('overdue');
  });

  it('is cancelled whatever the clock says, and within when no clock runs', () => {
    expect(taskStatus(evaluateClock(clock, cal, vn('2025-03-10 09:00')), true)).toBe('cancelled');
    expect(taskStatus(null, false)).toBe('within');
  });

  it('groups and labels every status', () => {
    expect(TASK_STATUSES.filter(isWithin)).toEqual(['within', 'at_risk']);
    expect(TASK_STATUSES.filter(isDone)).toEqual(['done_early', 'on_time', 'late']);
    for (const s of TASK_STATUSES) expect(TASK_STATUS_LABELS[s].vi).toBeTruthy();
  });
});

describe('the at-risk moment', () => {
  it('is when three quarters of the working time are used, matching the evaluation', () => {
    const moment = atRiskMoment(clock, cal, vn('2025-03-03 10:00'));
    // 3 days of 7.5 h; 75 % = 1012.5 working minutes after Monday 09:00 → Wednesday 10:52:30.
    expect(moment).toBe(vn('2025-03-05 10:52') + 30_000);
    expect(at('2025-03-05 10:52')).toBe('within');
    expect(at('2025-03-05 10:53')).toBe('at_risk');
  });

  it('is now for a paused clock already at risk, and none for a short one or a stopped one', () => {
    expect(atRiskMoment(pauseClock(clock, vn('2025-03-05 15:00')), cal, vn('2025-03-07 09:00'))).toBe(
      vn('2025-03-07 09:00'),
    );
    expect(atRiskMoment(pauseClock(clock, vn('2025-03-04 09:00')), cal, vn('2025-03-07 09:00'))).toBeNull();
    expect(atRiskMoment(stopClock(clock, vn('2025-03-04 09:00')), cal, vn('2025-03-07 09:00'))).toBeNull();
    expect(atRiskMoment(null, cal, vn('2025-03-07 09:00'))).toBeNull();
  });
});

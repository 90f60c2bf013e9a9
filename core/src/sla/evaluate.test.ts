import { describe, expect, it } from 'vitest';
import { extendClock, pauseClock, resumeClock, startClock, stopClock } from './clock.ts';
import { dueAtOf, evaluateClock } from './evaluate.ts';
import { vn } from './test-calendar.ts';
import { CALENDARS } from './test-support.ts';
import type { Budget, ClockData } from './types.ts';

const days = (amount: number): Budget => ({ unit: 'days', amount });
const hours = (amount: number): Budget => ({ unit: 'hours', amount });

/** Mon 3 Mar 2025 09:00 + 3 working days → due Thu 6 Mar 09:00; budget 1350 working minutes. */
const clock = startClock(vn('2025-03-03 09:00'), days(3));

function pausedBetween(data: ClockData, from: string, to: string, reason?: string): ClockData {
  return resumeClock(pauseClock(data, vn(from), reason), vn(to));
}

describe.each(CALENDARS)('with the %s', (_calendar, cal) => {
  describe('due moment', () => {
    it.each<[string, string, Budget, string]>([
      ['weekday morning, days', '2025-03-03 09:00', days(3), '2025-03-06 09:00'],
      ['Friday afternoon over the weekend', '2025-03-07 14:00', days(2), '2025-03-11 14:00'],
      ['received on Sunday', '2025-03-09 20:00', days(1), '2025-03-11 07:30'],
      ['received at lunch', '2025-03-03 12:15', days(2), '2025-03-05 13:30'],
      ['received in the evening', '2025-03-03 18:00', days(1), '2025-03-05 07:30'],
      ['hours across lunch', '2025-03-03 10:00', hours(4), '2025-03-03 16:00'],
      ['hours across the evening', '2025-03-03 16:00', hours(2), '2025-03-04 08:30'],
      ['fractional days', '2025-03-07 15:00', days(2.5), '2025-03-12 09:30'],
    ])('%s', (_name, start, budget, due) => {
      const data = startClock(vn(start), budget);
      expect(dueAtOf(data, cal)).toBe(vn(due));
      expect(evaluateClock(data, cal, vn(start)).dueAt).toBe(vn(due));
    });

    it('equals addWorkingDays / addWorkingHours exactly without pauses', () => {
      const start = vn('2025-03-03 18:00');
      expect(dueAtOf(startClock(start, days(7)), cal)).toBe(cal.addWorkingDays(start, 7));
      expect(dueAtOf(startClock(start, hours(7)), cal)).toBe(cal.addWorkingHours(start, 7));
    });

    it('moves later by the paused working time, not by the paused wall-clock time', () => {
      // One full working day paused (Mon 10:00 → Tue 10:00).
      expect(dueAtOf(pausedBetween(clock, '2025-03-03 10:00', '2025-03-04 10:00'), cal)).toBe(
        vn('2025-03-07 09:00'),
      );
      // Tue 16:00 → Thu 08:00 = 60 + 450 + 30 = 540 working minutes; Thu 09:00 + 540 min = Fri 10:30.
      expect(dueAtOf(pausedBetween(clock, '2025-03-04 16:00', '2025-03-06 08:00'), cal)).toBe(
        vn('2025-03-07 10:30'),
      );
      // A pause over lunch and the night only.
      expect(dueAtOf(pausedBetween(clock, '2025-03-03 17:00', '2025-03-04 07:30'), cal)).toBe(
        vn('2025-03-06 09:00'),
      );
      // A pause over the weekend only.
      expect(dueAtOf(pausedBetween(clock, '2025-03-08 08:00', '2025-03-09 20:00'), cal)).toBe(
        vn('2025-03-06 09:00'),
      );
      // Several pauses add up: 60 + 120 minutes; Thu 09:00 + 180 working minutes = Thu 14:00.
      const twice = pausedBetween(
        pausedBetween(clock, '2025-03-03 10:00', '2025-03-03 11:00'),
        '2025-03-04 14:00',
        '2025-03-04 16:00',
      );
      expect(dueAtOf(twice, cal)).toBe(vn('2025-03-06 14:00'));
    });

    it('keeps moving while paused', () => {
      const paused = pauseClock(clock, vn('2025-03-03 10:00'), 'chờ bổ sung');
      expect(dueAtOf(paused, cal)).toBe(vn('2025-03-06 09:00'));
      expect(dueAtOf(paused, cal, vn('2025-03-04 10:00'))).toBe(vn('2025-03-07 09:00'));
      const e = evaluateClock(paused, cal, vn('2025-03-04 10:00'));
      expect(e).toMatchObject({
        state: 'paused',
        pausedSince: vn('2025-03-03 10:00'),
        dueAt: vn('2025-03-07 09:00'),
        pausedMinutes: 450,
        usedMinutes: 60,
        leftMinutes: 1290,
        status: 'within',
      });
    });
  });

  describe('extensions', () => {
    it('by budget: the new budget counts from the start, pauses still apply', () => {
      const paused = pausedBetween(clock, '2025-03-03 10:00', '2025-03-03 11:00');
      const extended = extendClock(
        paused,
        { budget: days(5) },
        'Phức tạp',
        'u1',
        vn('2025-03-05 10:00'),
        cal,
      );
      const e = evaluateClock(extended, cal, vn('2025-03-05 10:00'));
      expect(e.dueAt).toBe(vn('2025-03-10 10:00'));
      expect(e.budgetMinutes).toBe(2250);
      expect(e.extensionCount).toBe(1);
    });

    it('by due: the granted moment holds, later pauses push it back', () => {
      const earlierPause = pausedBetween(clock, '2025-03-03 10:00', '2025-03-04 10:00'); // 450 min
      const extended = extendClock(
        earlierPause,
        { dueAt: vn('2025-03-14 17:00') },
        'Chờ Bộ',
        'u1',
        vn('2025-03-05 10:00'),
        cal,
      );
      const e = evaluateClock(extended, cal, vn('2025-03-05 10:00'));
      expect(e.dueAt).toBe(vn('2025-03-14 17:00'));
      // Mon 09:00 → Fri 14 Mar 17:00 is 360 + 8 × 450 + 450 = 4410 working minutes, minus the 450 paused before.
      expect(e.budgetMinutes).toBe(3960);
      expect(e.leftMinutes).toBeCloseTo(cal.workingMinutesBetween(vn('2025-03-05 10:00'), e.dueAt));

      const laterPause = pausedBetween(extended, '2025-03-12 10:00', '2025-03-12 11:00');
      expect(dueAtOf(laterPause, cal)).toBe(vn('2025-03-17 08:30'));
    });

    it('the last extension wins and all are counted', () => {
      const once = extendClock(
        clock,
        { dueAt: vn('2025-03-14 17:00') },
        'a',
        'u1',
        vn('2025-03-04 10:00'),
        cal,
      );
      const twice = extendClock(once, { budget: days(15) }, 'b', 'u2', vn('2025-03-05 10:00'), cal);
      const e = evaluateClock(twice, cal, vn('2025-03-05 10:00'));
      expect(e.dueAt).toBe(cal.addWorkingDays(vn('2025-03-03 09:00'), 15));
      expect(e.extensionCount).toBe(2);
    });

    it('can rescue an overdue clock', () => {
      const now = vn('2025-03-07 09:00');
      expect(evaluateClock(clock, cal, now).status).toBe('overdue');
      const extended = extendClock(clock, { dueAt: vn('2025-03-10 17:00') }, 'x', 'y', now, cal);
      expect(evaluateClock(extended, cal, now).status).toBe('within');
    });
  });

  describe('status, risk and outcome', () => {
    it.each<[string, 'early' | 'on_time' | 'late', string]>([
      ['a day before the due day', 'early', '2025-03-05 16:00'],
      ['on the due day before the due moment', 'on_time', '2025-03-06 08:00'],
      ['exactly at the due moment', 'on_time', '2025-03-06 09:00'],
      ['one minute after the due moment', 'late', '2025-03-06 09:01'],
      ['the evening of the due day', 'late', '2025-03-06 20:00'],
      ['the next week', 'late', '2025-03-10 09:00'],
    ])('stopped %s is %s', (_name, outcome, stop) => {
      const stopped = stopClock(clock, vn(stop));
      const e = evaluateClock(stopped, cal, vn('2025-04-01 00:00'));
      expect(e).toMatchObject({ state: 'stopped', outcome, status: null, atRisk: false, pausedSince: null });
    });

    it('classifies by the due moment kept at 07:30 for an evening start', () => {
      const evening = startClock(vn('2025-03-03 18:00'), days(1)); // due Wed 07:30
      const outcome = (stop: string) => evaluateClock(stopClock(evening, vn(stop)), cal, vn(stop)).outcome;
      expect(outcome('2025-03-04 18:00')).toBe('early');
      expect(outcome('2025-03-05 07:00')).toBe('on_time');
      expect(outcome('2025-03-05 07:31')).toBe('late');
    });

    it('stopping while paused ends the pause and counts it', () => {
      const stopped = stopClock(pauseClock(clock, vn('2025-03-03 10:00')), vn('2025-03-07 08:00'));
      // Paused Mon 10:00 → Fri 08:00 = 300 + 3 × 450 + 30 = 1680 working minutes: Thu 09:00 → Tue 16:30.
      expect(evaluateClock(stopped, cal, vn('2025-03-10 00:00'))).toMatchObject({
        state: 'stopped',
        pausedMinutes: 1680,
        usedMinutes: 60,
        dueAt: vn('2025-03-11 16:30'),
        outcome: 'early',
      });
    });

    it('running: within, at risk from the configured share, overdue after the due', () => {
      // Wed 09:00: 360 + 450 + 90 = 900 of 1350 used (67 %).
      const wed9 = evaluateClock(clock, cal, vn('2025-03-05 09:00'));
      expect(wed9).toMatchObject({ state: 'running', status: 'within', usedMinutes: 900, leftMinutes: 450 });
      expect(wed9.atRisk).toBe(false);
      expect(evaluateClock(clock, cal, vn('2025-03-05 09:00'), { atRiskShare: 0.6 }).atRisk).toBe(true);
      // Wed 15:00: 1140 used (84 %).
      expect(evaluateClock(clock, cal, vn('2025-03-05 15:00')).atRisk).toBe(true);
      const thu10 = evaluateClock(clock, cal, vn('2025-03-06 10:00'));
      expect(thu10).toMatchObject({ status: 'overdue', atRisk: false, leftMinutes: -60, outcome: null });
    });

    it('at risk exactly at the share', () => {
      // 75 % of 1350 = 1012.5 minutes: Wed 07:30 + 202.5 min = Wed 10:52:30.
      const at = vn('2025-03-05 10:52') + 30_000;
      expect(evaluateClock(clock, cal, at - 1).atRisk).toBe(false);
      expect(evaluateClock(clock, cal, at).atRisk).toBe(true);
    });

    it('overdue right after a 17:00 due, before any working minute is lost', () => {
      const data = startClock(vn('2025-03-03 13:30'), hours(3.5));
      const e = evaluateClock(data, cal, vn('2025-03-03 18:00'));
      expect(e.dueAt).toBe(vn('2025-03-03 17:00'));
      expect(e).toMatchObject({ status: 'overdue', leftMinutes: 0 });
    });

    it('paused working time does not consume the budget', () => {
      const data = pausedBetween(clock, '2025-03-03 10:00', '2025-03-05 10:00');
      const e = evaluateClock(data, cal, vn('2025-03-05 11:00'));
      expect(e).toMatchObject({ state: 'running', pausedMinutes: 900, usedMinutes: 120, leftMinutes: 1230 });
    });

    it('evaluates as of an earlier instant, ignoring later events', () => {
      const history = stopClock(
        extendClock(
          pausedBetween(clock, '2025-03-04 10:00', '2025-03-04 11:00'),
          { budget: days(4) },
          'x',
          'y',
          vn('2025-03-05 08:00'),
          cal,
        ),
        vn('2025-03-07 08:00'),
      );
      expect(evaluateClock(history, cal, vn('2025-03-03 08:00'))).toMatchObject({
        state: 'running',
        usedMinutes: 0,
      });
      expect(evaluateClock(history, cal, vn('2025-03-04 10:30'))).toMatchObject({
        state: 'paused',
        extensionCount: 0,
        dueAt: vn('2025-03-06 09:30'),
      });
      expect(evaluateClock(history, cal, vn('2025-03-06 08:00'))).toMatchObject({
        state: 'running',
        extensionCount: 1,
        dueAt: vn('2025-03-07 10:00'),
      });
      expect(evaluateClock(history, cal, vn('2025-03-07 09:00'))).toMatchObject({
        state: 'stopped',
        outcome: 'on_time',
      });
    });

    it('rejects a nonsensical at-risk share', () => {
      expect(() => evaluateClock(clock, cal, vn('2025-03-05 09:00'), { atRiskShare: 0 })).toThrow(RangeError);
      expect(() => evaluateClock(clock, cal, vn('2025-03-05 09:00'), { atRiskShare: 1.5 })).toThrow(
        RangeError,
      );
    });
  });
});

describe('with the official schedule', () => {
  const cal = CALENDARS[0]![1];

  it('skips Tết and counts a make-up Saturday', () => {
    // 2025: 27 Jan (swapped) to 31 Jan off; Saturday 8 Feb worked instead.
    expect(dueAtOf(startClock(vn('2025-01-24 09:00'), days(2)), cal)).toBe(vn('2025-02-04 09:00'));
    expect(dueAtOf(startClock(vn('2025-02-07 09:00'), days(1)), cal)).toBe(vn('2025-02-08 09:00'));
  });

  it('does not count a pause over Tết', () => {
    const start = startClock(vn('2025-01-23 09:00'), days(3));
    const paused = resumeClock(pauseClock(start, vn('2025-01-24 17:00')), vn('2025-02-03 07:30'));
    expect(dueAtOf(paused, cal)).toBe(dueAtOf(start, cal));
  });
});

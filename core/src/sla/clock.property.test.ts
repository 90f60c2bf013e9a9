import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extendClock, pauseClock, resumeClock, startClock, stopClock } from './clock.ts';
import { dueAtOf, evaluateClock, lastEventAt } from './evaluate.ts';
import { vn } from './test-calendar.ts';
import { CALENDARS } from './test-support.ts';
import type { Budget, ClockData } from './types.ts';

const MINUTE = 60_000;
const FROM = vn('2025-01-01 00:00') / MINUTE;
const TO = vn('2025-12-01 00:00') / MINUTE;

const instant = fc.integer({ min: FROM, max: TO }).map((m) => m * MINUTE);
/** Up to a week and a half of wall-clock minutes. */
const gap = fc.integer({ min: 0, max: 15_000 }).map((m) => m * MINUTE);
const budget: fc.Arbitrary<Budget> = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((amount) => ({ unit: 'days' as const, amount })),
  fc.integer({ min: 1, max: 160 }).map((q) => ({ unit: 'days' as const, amount: q / 4 })),
  fc.integer({ min: 1, max: 400 }).map((q) => ({ unit: 'hours' as const, amount: q / 4 })),
);

/** A started clock with a few pauses, the last one possibly still open. */
const clock: fc.Arbitrary<ClockData> = fc
  .record({
    start: instant,
    budget,
    pauses: fc.array(fc.tuple(gap, gap), { maxLength: 4 }),
    leaveOpen: fc.boolean(),
  })
  .map(({ start, budget, pauses, leaveOpen }) => {
    let data = startClock(start, budget);
    let t = start;
    pauses.forEach(([before, length], i) => {
      t += before;
      data = pauseClock(data, t, 'chờ bổ sung');
      if (leaveOpen && i === pauses.length - 1) return;
      t += length;
      data = resumeClock(data, t);
    });
    return data;
  });

const OUTCOME_RANK = { early: 0, on_time: 1, late: 2 } as const;

describe.each(CALENDARS)('clock properties with the %s', (_calendar, cal) => {
  it('without pauses the due is exactly the calendar arithmetic', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 400 }),
        (start, d, q) => {
          expect(dueAtOf(startClock(start, { unit: 'days', amount: d }), cal)).toBe(
            cal.addWorkingDays(start, d),
          );
          expect(dueAtOf(startClock(start, { unit: 'hours', amount: q / 4 }), cal)).toBe(
            cal.addWorkingHours(start, q / 4),
          );
        },
      ),
    );
  });

  it('used + left = budget, and left is the working time from now to the due', () => {
    fc.assert(
      fc.property(clock, gap, (data, after) => {
        const now = lastEventAt(data) + after;
        const e = evaluateClock(data, cal, now);
        expect(e.usedMinutes + e.leftMinutes).toBeCloseTo(e.budgetMinutes, 6);
        expect(e.leftMinutes).toBeCloseTo(cal.workingMinutesBetween(now, e.dueAt), 6);
        expect(e.usedMinutes).toBeGreaterThanOrEqual(0);
        if (e.status === 'within') expect(e.leftMinutes).toBeGreaterThanOrEqual(0);
        if (e.leftMinutes < 0) expect(e.status).toBe('overdue');
      }),
    );
  });

  it('pausing never makes the due earlier', () => {
    fc.assert(
      fc.property(clock, gap, gap, gap, (data, before, length, after) => {
        const running = data.pauses.at(-1)?.to === null ? resumeClock(data, lastEventAt(data)) : data;
        const from = lastEventAt(running) + before;
        const paused = pauseClock(running, from);
        const resumed = resumeClock(paused, from + length);
        const now = from + length + after;
        expect(dueAtOf(paused, cal, from + length)).toBeGreaterThanOrEqual(dueAtOf(running, cal));
        expect(dueAtOf(resumed, cal)).toBeGreaterThanOrEqual(dueAtOf(running, cal));
        expect(evaluateClock(resumed, cal, now).leftMinutes).toBeGreaterThanOrEqual(
          evaluateClock(running, cal, now).leftMinutes - 1e-6,
        );
      }),
    );
  });

  it('extending to a later due never makes the status or the outcome worse', () => {
    const grant = fc.oneof(
      fc.integer({ min: 1, max: 20_000 }).map((m) => ({ kind: 'due' as const, later: m * MINUTE })),
      fc.integer({ min: 1, max: 40 }).map((q) => ({ kind: 'budget' as const, extra: q / 4 })),
    );
    fc.assert(
      fc.property(clock, gap, grant, gap, (data, wait, g, after) => {
        const at = lastEventAt(data) + wait;
        const extended =
          g.kind === 'due'
            ? extendClock(data, { dueAt: dueAtOf(data, cal, at) + g.later }, 'lý do', 'u', at, cal)
            : extendClock(
                data,
                { budget: { ...data.budget, amount: data.budget.amount + g.extra } },
                'lý do',
                'u',
                at,
                cal,
              );
        const now = at + after;
        const before = evaluateClock(data, cal, now);
        const later = evaluateClock(extended, cal, now);
        // Only ≥: a due moved into the evening is later by the clock but not in working time, and a
        // pause still open after the grant then pushes both to the same morning minute.
        expect(later.dueAt).toBeGreaterThanOrEqual(before.dueAt);
        if (before.status === 'within') expect(later.status).toBe('within');

        const stop = (d: ClockData) => stopClock(d.pauses.at(-1)?.to === null ? resumeClock(d, at) : d, now);
        const a = evaluateClock(stop(data), cal, now).outcome;
        const b = evaluateClock(stop(extended), cal, now).outcome;
        expect(a).not.toBeNull();
        expect(OUTCOME_RANK[b!]).toBeLessThanOrEqual(OUTCOME_RANK[a!]);
      }),
    );
  });
});

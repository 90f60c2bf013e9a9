import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { DAY_MS, formatLocalDate, localDateTime, parseLocalDate, timeOfDayMs, toIsoVn } from './dates.ts';
import type { Instant, WorkingCalendar, WorkingHours, YearSchedule } from './types.ts';
import { DEFAULT_WORKING_HOURS } from './types.ts';
import { createWorkingCalendar } from './working-calendar.ts';
import { dayBudgetToMinutes } from './working-hours.ts';

const cal = createWorkingCalendar();
const at = (date: string, time: string) => localDateTime(date, time);
const iso = (instant: Instant) => toIsoVn(instant);

/**
 * The obvious implementation, one day at a time, to cross-check the tables. It reads which days
 * are worked from `schedule(year)` and the weekdays, not from the calendar's tables, so it also
 * checks that the tables were built from the schedules.
 */
function referenceCalendar(calendar: WorkingCalendar) {
  const intervals = calendar.hours.intervals.map((i) => [
    timeOfDayMs(i.start),
    timeOfDayMs(i.end, '/end', true),
  ]) as Array<[number, number]>;
  const perYear = new Map<number, { off: Set<string>; worked: Set<string> }>();
  const isWorkingDay = (date: string): boolean => {
    const year = Number(date.slice(0, 4));
    let sets = perYear.get(year);
    if (!sets) {
      const s = calendar.schedule(year);
      sets = {
        off: new Set(s.daysOff.map((d) => d.date)),
        worked: new Set(s.workingWeekendDays.map((w) => w.date)),
      };
      perYear.set(year, sets);
    }
    if (sets.off.has(date)) return false;
    if (sets.worked.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
    return calendar.hours.weekdays.includes(weekday);
  };
  const nextDate = (date: string) => formatLocalDate(parseLocalDate(date) + DAY_MS + 3_600_000);

  const nextOpening = (start: Instant): Instant => {
    let date = formatLocalDate(start);
    let t = start - parseLocalDate(date);
    for (;;) {
      if (isWorkingDay(date)) {
        for (const [s, e] of intervals) if (t < e) return parseLocalDate(date) + Math.max(t, s);
      }
      date = nextDate(date);
      t = 0;
    }
  };

  return {
    isWorkingDay,
    nextOpening,
    addWorkingDays(start: Instant, n: number): Instant {
      const open = nextOpening(start);
      let date = formatLocalDate(open);
      const timeOfDay = open - parseLocalDate(date);
      for (let counted = 0; counted < n; ) {
        date = nextDate(date);
        if (isWorkingDay(date)) counted++;
      }
      return parseLocalDate(date) + timeOfDay;
    },
    addWorkingMinutes(start: Instant, minutes: number): Instant {
      if (minutes === 0) return start;
      let remaining = minutes * 60_000;
      let date = formatLocalDate(start);
      let t = start - parseLocalDate(date);
      for (;;) {
        if (isWorkingDay(date)) {
          for (const [s, e] of intervals) {
            const from = Math.max(t, s);
            if (from >= e) continue;
            if (remaining <= e - from) return parseLocalDate(date) + from + remaining;
            remaining -= e - from;
          }
        }
        date = nextDate(date);
        t = 0;
      }
    },
    workingMinutesBetween(from: Instant, to: Instant): number {
      if (to < from) return -this.workingMinutesBetween(to, from);
      let total = 0;
      for (let date = formatLocalDate(from); parseLocalDate(date) <= to; date = nextDate(date)) {
        if (!isWorkingDay(date)) continue;
        const day = parseLocalDate(date);
        for (const [s, e] of intervals) total += Math.max(0, Math.min(day + e, to) - Math.max(day + s, from));
      }
      return total / 60_000;
    },
  };
}

const ref = referenceCalendar(cal);

// Instants biased towards the boundaries where off-by-one mistakes live.
const BOUNDARY_TIMES = [
  '00:00',
  '07:29',
  '07:30',
  '07:31',
  '11:29',
  '11:30',
  '11:31',
  '12:00',
  '13:29',
  '13:30',
];
const BOUNDARY_TIMES_PM = ['13:31', '16:59', '17:00', '17:01', '23:59'];
const dayArb = (fromYear: number, toYear: number) =>
  fc
    .integer({ min: parseLocalDate(`${fromYear}-01-01`), max: parseLocalDate(`${toYear}-12-31`) })
    .map((ms) => formatLocalDate(ms));
const instantArb = (fromYear = 2023, toYear = 2027) =>
  fc.oneof(
    fc.integer({ min: parseLocalDate(`${fromYear}-01-01`), max: parseLocalDate(`${toYear}-12-31`) }),
    fc
      .tuple(
        dayArb(fromYear, toYear),
        fc.constantFrom(...BOUNDARY_TIMES, ...BOUNDARY_TIMES_PM),
        fc.constantFrom(-1, 0, 0, 1),
      )
      .map(([date, time, nudge]) => Math.max(at(date, time) + nudge, parseLocalDate(`${fromYear}-01-01`))),
    fc
      .tuple(dayArb(fromYear, toYear), fc.integer({ min: 0, max: 1439 }))
      .map(([date, minute]) => parseLocalDate(date) + minute * 60_000),
  );

describe('working days', () => {
  it('has Mon–Fri working and weekends off outside holidays', () => {
    expect(cal.isWorkingDay('2024-04-15')).toBe(true);
    expect(cal.isWorkingDay('2024-04-13')).toBe(false);
    expect(cal.isWorkingDay('2024-04-14')).toBe(false);
  });

  it('uses the provisional rule for years without an official schedule', () => {
    expect(cal.schedule(2027).provisional).toBe(true);
    expect(cal.schedule(2025).provisional).toBe(false);
    expect(cal.isWorkingDay('2027-02-05')).toBe(false);
    expect(cal.isWorkingDay('2027-05-03')).toBe(false);
    expect(cal.isWorkingDay('1950-01-02')).toBe(false); // New Year's Day fell on a Sunday
    expect(cal.isWorkingDay('1950-03-07')).toBe(true);
    expect(cal.schedule(1900).year).toBe(1900);
    expect(cal.schedule(2199).year).toBe(2199);
  });

  it('refuses dates and years outside 1900–2199', () => {
    expect(() => cal.isWorkingDay('1899-12-31')).toThrow(Invalid);
    expect(() => cal.isWorkingDay('2200-01-01')).toThrow(Invalid);
    expect(() => cal.schedule(2200)).toThrow(Invalid);
    expect(() => cal.schedule(2025.5)).toThrow(Invalid);
  });

  it('hands out copies of its schedules', () => {
    cal.schedule(2025).daysOff.length = 0;
    expect(cal.schedule(2025).daysOff.length).toBeGreaterThan(0);
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('takes schedules supplied at run time over the shipped ones', () => {
    const culture: YearSchedule = {
      ...cal.schedule(2026),
      daysOff: [
        ...cal.schedule(2026).daysOff,
        { date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam', kind: 'holiday' },
      ],
    };
    const next: YearSchedule = { year: 2027, provisional: false, daysOff: [], workingWeekendDays: [] };
    const custom = createWorkingCalendar({ schedules: [culture, next] });
    expect(custom.isWorkingDay('2026-11-24')).toBe(false);
    expect(custom.isWorkingDay('2026-05-01')).toBe(false);
    expect(custom.schedule(2027).provisional).toBe(false);
    expect(custom.isWorkingDay('2027-02-05')).toBe(true);
    // The shipped calendar is unaffected.
    expect(cal.isWorkingDay('2026-11-24')).toBe(true);
    expect(() =>
      createWorkingCalendar({
        schedules: [{ ...next, daysOff: [{ date: '2027-02-06', name: 'x', kind: 'holiday' }] }],
      }),
    ).toThrow(Invalid);
  });
});

describe('working time', () => {
  it.each([
    ['07:29', false],
    ['07:30', true],
    ['11:29', true],
    ['11:30', false],
    ['12:00', false],
    ['13:30', true],
    ['16:59', true],
    ['17:00', false],
  ])('Monday %s is working time: %s', (time, expected) => {
    expect(cal.isWorkingTime(at('2024-04-15', time))).toBe(expected);
  });

  it('counts the last millisecond before 11:30 as working time', () => {
    expect(cal.isWorkingTime(at('2024-04-15', '11:30') - 1)).toBe(true);
    expect(cal.isWorkingTime(at('2025-04-26', '10:00'))).toBe(true);
    expect(cal.isWorkingTime(at('2025-05-02', '10:00'))).toBe(false);
  });

  it.each([
    ['2024-04-15', '06:00', '2024-04-15T07:30:00+07:00'],
    ['2024-04-15', '07:30', '2024-04-15T07:30:00+07:00'],
    ['2024-04-15', '11:30', '2024-04-15T13:30:00+07:00'],
    ['2024-04-15', '12:00', '2024-04-15T13:30:00+07:00'],
    ['2024-04-15', '17:00', '2024-04-16T07:30:00+07:00'],
    ['2024-04-13', '09:00', '2024-04-15T07:30:00+07:00'],
    ['2025-01-24', '17:00', '2025-02-03T07:30:00+07:00'],
    ['2025-04-26', '06:00', '2025-04-26T07:30:00+07:00'],
  ])('next opening after %s %s is %s', (date, time, expected) => {
    expect(iso(cal.nextOpening(at(date, time)))).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Across Tết 2025 (25/1–2/2 off, Saturday 8/2 worked).
    ['2025-01-22', '09:00', 1, '2025-01-23T09:00:00+07:00'],
    ['2025-01-22', '09:00', 2, '2025-01-24T09:00:00+07:00'],
    ['2025-01-22', '09:00', 3, '2025-02-03T09:00:00+07:00'],
    ['2025-01-24', '17:00', 1, '2025-02-04T07:30:00+07:00'],
    ['2025-02-07', '10:00', 1, '2025-02-08T10:00:00+07:00'],
    ['2025-02-07', '10:00', 2, '2025-02-10T10:00:00+07:00'],
    // Around 30/4–1/5 2025 (Saturday 26/4 worked, 30/4–4/5 off).
    ['2025-04-25', '09:00', 1, '2025-04-26T09:00:00+07:00'],
    ['2025-04-25', '09:00', 4, '2025-05-05T09:00:00+07:00'],
    // Around 30/4–1/5 2024 (27/4–1/5 off, Saturday 4/5 worked).
    ['2024-04-26', '16:00', 1, '2024-05-02T16:00:00+07:00'],
    ['2024-04-26', '16:00', 3, '2024-05-04T16:00:00+07:00'],
    // Hùng Kings 2026 on Sunday, compensated on Monday 27/4.
    ['2026-04-24', '09:00', 1, '2026-04-28T09:00:00+07:00'],
    // Boundaries of the working intervals.
    ['2024-04-15', '07:30', 1, '2024-04-16T07:30:00+07:00'],
    ['2024-04-15', '07:29', 1, '2024-04-16T07:30:00+07:00'],
    ['2024-04-15', '11:30', 0, '2024-04-15T13:30:00+07:00'],
    ['2024-04-15', '11:30', 1, '2024-04-16T13:30:00+07:00'],
    ['2024-04-15', '12:00', 1, '2024-04-16T13:30:00+07:00'],
    ['2024-04-15', '16:59', 1, '2024-04-16T16:59:00+07:00'],
    ['2024-04-15', '17:00', 1, '2024-04-17T07:30:00+07:00'],
    ['2024-04-13', '10:00', 1, '2024-04-16T07:30:00+07:00'],
  ])('%s %s + %i working days = %s', (date, time, n, expected) => {
    expect(iso(cal.addWorkingDays(at(date, time), n))).toBe(expected);
  });

  it('refuses negative or fractional day counts', () => {
    expect(() => cal.addWorkingDays(at('2024-04-15', '09:00'), -1)).toThrow(Invalid);
    expect(() => cal.addWorkingDays(at('2024-04-15', '09:00'), 0.5)).toThrow(Invalid);
    expect(() => cal.addWorkingDays(Number.NaN, 1)).toThrow(Invalid);
  });

  it('refuses to run past the end of the table', () => {
    expect(() => cal.addWorkingDays(at('2199-12-30', '09:00'), 10)).toThrow(Invalid);
    expect(() => cal.addWorkingDays(at('1899-12-31', '09:00'), 1)).toThrow(Invalid);
  });

  it('matches the day-by-day reference (property)', () => {
    fc.assert(
      fc.property(instantArb(), fc.integer({ min: 0, max: 80 }), (start, n) => {
        expect(iso(cal.addWorkingDays(start, n))).toBe(iso(ref.addWorkingDays(start, n)));
      }),
      { numRuns: 1500 },
    );
  });

  it('matches the reference in provisional years across 1900–2199 (property)', () => {
    fc.assert(
      fc.property(instantArb(1900, 2198), fc.integer({ min: 0, max: 40 }), (start, n) => {
        expect(iso(cal.addWorkingDays(start, n))).toBe(iso(ref.addWorkingDays(start, n)));
      }),
      { numRuns: 500 },
    );
  });

  it('never lands outside working time (property)', () => {
    fc.assert(
      fc.property(instantArb(1900, 2197), fc.integer({ min: 0, max: 400 }), (start, n) => {
        const due = cal.addWorkingDays(start, n);
        expect(cal.isWorkingTime(due)).toBe(true);
        expect(due).toBeGreaterThanOrEqual(start);
      }),
      { numRuns: 1000 },
    );
  });

  it('is increasing in n and non-decreasing in the start (property)', () => {
    fc.assert(
      fc.property(
        instantArb(),
        instantArb(),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (a, b, m, n) => {
          const [s1, s2] = a <= b ? [a, b] : [b, a];
          const [n1, n2] = m <= n ? [m, n] : [n, m];
          expect(cal.addWorkingDays(s1, n1)).toBeLessThanOrEqual(cal.addWorkingDays(s2, n1));
          if (n1 < n2) expect(cal.addWorkingDays(s1, n1)).toBeLessThan(cal.addWorkingDays(s1, n2));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('addWorkingMinutes and addWorkingHours', () => {
  it.each([
    ['2024-04-15', '07:30', 4, '2024-04-15T11:30:00+07:00'],
    ['2024-04-15', '07:30', 4 + 1 / 60, '2024-04-15T13:31:00+07:00'],
    ['2024-04-15', '13:30', 3.5, '2024-04-15T17:00:00+07:00'],
    ['2024-04-15', '07:30', 7.5, '2024-04-15T17:00:00+07:00'],
    ['2024-04-15', '16:00', 2, '2024-04-16T08:30:00+07:00'],
    ['2024-04-15', '12:00', 1, '2024-04-15T14:30:00+07:00'],
    ['2024-04-15', '17:30', 0.5, '2024-04-16T08:00:00+07:00'],
    ['2025-01-24', '16:00', 2, '2025-02-03T08:30:00+07:00'],
    ['2024-04-15', '09:00', 0.1, '2024-04-15T09:06:00+07:00'],
  ])('%s %s + %f working hours = %s', (date, time, hours, expected) => {
    expect(iso(cal.addWorkingHours(at(date, time), hours))).toBe(expected);
    expect(iso(cal.addWorkingMinutes(at(date, time), hours * 60))).toBe(expected);
  });

  it('leaves the start unchanged when adding nothing, even outside working time', () => {
    expect(cal.addWorkingMinutes(at('2024-04-15', '12:00'), 0)).toBe(at('2024-04-15', '12:00'));
  });

  it('converts fractional day budgets by hoursPerDay (0.5 day = 4 h)', () => {
    expect(dayBudgetToMinutes(0.5, DEFAULT_WORKING_HOURS)).toBe(240);
    expect(iso(cal.addWorkingMinutes(at('2024-04-15', '07:30'), dayBudgetToMinutes(0.5, cal.hours)))).toBe(
      '2024-04-15T11:30:00+07:00',
    );
  });

  it('subtracts, stopping at the start of an interval', () => {
    expect(iso(cal.addWorkingMinutes(at('2024-04-15', '13:30'), -30))).toBe('2024-04-15T11:00:00+07:00');
    expect(iso(cal.addWorkingMinutes(at('2024-04-16', '08:00'), -30))).toBe('2024-04-16T07:30:00+07:00');
    expect(iso(cal.addWorkingMinutes(at('2024-04-16', '08:00'), -31))).toBe('2024-04-15T16:59:00+07:00');
  });

  it('matches the day-by-day reference (property)', () => {
    fc.assert(
      fc.property(instantArb(), fc.integer({ min: 0, max: 20_000 }), (start, minutes) => {
        expect(iso(cal.addWorkingMinutes(start, minutes))).toBe(iso(ref.addWorkingMinutes(start, minutes)));
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips with workingMinutesBetween, also backwards (property)', () => {
    fc.assert(
      fc.property(instantArb(1901, 2198), fc.integer({ min: -50_000, max: 50_000 }), (start, minutes) => {
        const end = cal.addWorkingMinutes(start, minutes);
        expect(cal.workingMinutesBetween(start, end)).toBe(minutes);
        if (minutes > 0) {
          // The earliest such moment: a millisecond before, the budget is not yet used up.
          expect(cal.workingMinutesBetween(start, end - 1)).toBeLessThan(minutes);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('workingMinutesBetween and workingTimeBetween', () => {
  it('counts a full day, a weekend and Tết', () => {
    expect(cal.workingMinutesBetween(at('2024-04-15', '07:30'), at('2024-04-15', '17:00'))).toBe(450);
    expect(cal.workingMinutesBetween(at('2024-04-19', '16:00'), at('2024-04-22', '08:30'))).toBe(120);
    expect(cal.workingMinutesBetween(at('2025-01-24', '07:30'), at('2025-02-03', '07:30'))).toBe(450);
    expect(cal.workingMinutesBetween(at('2025-02-03', '07:30'), at('2025-01-24', '07:30'))).toBe(-450);
    expect(cal.workingMinutesBetween(at('2024-04-15', '11:45'), at('2024-04-15', '13:15'))).toBe(0);
  });

  it('reports whole days, hours and minutes', () => {
    expect(cal.workingTimeBetween(at('2024-04-15', '07:30'), at('2024-04-17', '09:30'))).toEqual({
      days: 2,
      hours: 17,
      minutes: 1020,
    });
    expect(cal.workingTimeBetween(at('2024-04-15', '09:00'), at('2024-04-15', '08:00'))).toEqual({
      days: -1,
      hours: -1,
      minutes: -60,
    });
  });

  it('matches the day-by-day reference (property)', () => {
    fc.assert(
      fc.property(instantArb(), fc.integer({ min: -60 * DAY_MS, max: 60 * DAY_MS }), (from, span) => {
        const to = from + span;
        expect(cal.workingMinutesBetween(from, to)).toBeCloseTo(ref.workingMinutesBetween(from, to), 9);
      }),
      { numRuns: 1000 },
    );
  });

  it('is additive: a→b + b→c = a→c (property)', () => {
    fc.assert(
      fc.property(instantArb(1900, 2199), instantArb(1900, 2199), instantArb(1900, 2199), (a, b, c) => {
        const ab = cal.workingMinutesBetween(a, b);
        const bc = cal.workingMinutesBetween(b, c);
        expect(ab + bc).toBeCloseTo(cal.workingMinutesBetween(a, c), 6);
      }),
    );
  });
});

describe('nextOpening and isWorkingTime', () => {
  it('match the day-by-day reference (property)', () => {
    fc.assert(
      fc.property(instantArb(), (instant) => {
        const open = cal.nextOpening(instant);
        expect(iso(open)).toBe(iso(ref.nextOpening(instant)));
        expect(cal.isWorkingTime(instant)).toBe(open === instant);
        expect(cal.isWorkingTime(open)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('tenant working hours', () => {
  const saturdays: WorkingHours = {
    intervals: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
    weekdays: [1, 2, 3, 4, 5, 6],
    hoursPerDay: 8,
  };
  const tenant = createWorkingCalendar({ hours: saturdays });
  const tenantRef = referenceCalendar(tenant);

  it('uses its own intervals and weekdays', () => {
    expect(tenant.minutesPerDay).toBe(480);
    expect(cal.minutesPerDay).toBe(450);
    expect(tenant.isWorkingDay('2024-04-13')).toBe(true);
    expect(tenant.isWorkingDay('2024-04-14')).toBe(false);
    expect(iso(tenant.addWorkingHours(at('2024-04-12', '16:00'), 2))).toBe('2024-04-13T09:00:00+07:00');
    // Official days off still apply.
    expect(tenant.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('matches the reference with its own hours (property)', () => {
    fc.assert(
      fc.property(
        instantArb(),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 10_000 }),
        (s, n, m) => {
          expect(iso(tenant.addWorkingDays(s, n))).toBe(iso(tenantRef.addWorkingDays(s, n)));
          expect(iso(tenant.addWorkingMinutes(s, m))).toBe(iso(tenantRef.addWorkingMinutes(s, m)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects malformed hours', () => {
    const bad = (hours: Partial<WorkingHours>) => () =>
      createWorkingCalendar({ hours: { ...saturdays, ...hours } });
    expect(bad({ intervals: [] })).toThrow(Invalid);
    expect(bad({ intervals: [{ start: '12:00', end: '08:00' }] })).toThrow(Invalid);
    expect(
      bad({
        intervals: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      }),
    ).toThrow(Invalid);
    expect(bad({ weekdays: [0] })).toThrow(Invalid);
    expect(bad({ hoursPerDay: 0 })).toThrow(Invalid);
  });

  it('shares day tables only where they are the same', () => {
    // Same weekdays and schedules as the default calendar, different hours.
    const mornings = createWorkingCalendar({
      hours: { intervals: [{ start: '08:00', end: '12:00' }], weekdays: [1, 2, 3, 4, 5], hoursPerDay: 4 },
    });
    expect(mornings.minutesPerDay).toBe(240);
    expect(iso(mornings.addWorkingHours(at('2025-01-24', '11:00'), 2))).toBe('2025-02-03T09:00:00+07:00');
    // More distinct schedules than the cache holds: earlier calendars keep their own tables.
    const calendars = Array.from({ length: 12 }, (_, i) =>
      createWorkingCalendar({
        schedules: [
          {
            year: 2030,
            provisional: false,
            daysOff: [
              {
                date: formatLocalDate(parseLocalDate('2030-03-04') + i * 7 * DAY_MS),
                name: 'x',
                kind: 'holiday',
              },
            ],
            workingWeekendDays: [],
          },
        ],
      }),
    );
    calendars.forEach((c, i) => {
      expect(c.isWorkingDay(formatLocalDate(parseLocalDate('2030-03-04') + i * 7 * DAY_MS))).toBe(false);
      expect(
        c.isWorkingDay(formatLocalDate(parseLocalDate('2030-03-04') + ((i + 1) % 12) * 7 * DAY_MS)),
      ).toBe(true);
    });
  });

  it('accepts an interval that ends at midnight', () => {
    const allDay = createWorkingCalendar({
      hours: {
        intervals: [{ start: '00:00', end: '24:00' }],
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        hoursPerDay: 24,
      },
    });
    expect(iso(allDay.addWorkingHours(at('2024-04-13', '23:00'), 2))).toBe('2024-04-14T01:00:00+07:00');
    expect(iso(allDay.addWorkingHours(at('2024-04-13', '23:00'), 1))).toBe('2024-04-14T00:00:00+07:00');
    // Tết Dương lịch is off even for a seven-day tenant.
    expect(allDay.isWorkingDay('2025-01-01')).toBe(false);
  });
});

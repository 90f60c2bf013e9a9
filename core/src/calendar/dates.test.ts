import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import {
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  formatLocalDate,
  isoWeekday,
  localDateTime,
  parseLocalDate,
  timeOfDayMs,
  toIsoVn,
} from './dates.ts';

describe('local dates in Vietnam (UTC+7)', () => {
  it('parses a date to its local midnight', () => {
    expect(parseLocalDate('2024-04-15')).toBe(Date.parse('2024-04-15T00:00:00+07:00'));
    expect(parseLocalDate('1900-01-01')).toBe(Date.parse('1900-01-01T00:00:00+07:00'));
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '24-04-15',
    '2024-4-15',
    '',
    '2024-04-15T00:00',
  ])('rejects %j', (text) => {
    expect(() => parseLocalDate(text)).toThrow(Invalid);
  });

  it('accepts 29 February only in leap years', () => {
    expect(formatLocalDate(parseLocalDate('2024-02-29'))).toBe('2024-02-29');
    expect(formatLocalDate(parseLocalDate('2000-02-29'))).toBe('2000-02-29');
    expect(() => parseLocalDate('1900-02-29')).toThrow(Invalid);
    expect(() => parseLocalDate('2100-02-29')).toThrow(Invalid);
  });

  it('builds local date-times and formats them with the +07:00 offset', () => {
    const at = localDateTime('2024-04-15', '09:00');
    expect(at).toBe(Date.parse('2024-04-15T02:00:00Z'));
    expect(toIsoVn(at)).toBe('2024-04-15T09:00:00+07:00');
    expect(toIsoVn(at + 1)).toBe('2024-04-15T09:00:00.001+07:00');
    expect(toIsoVn(localDateTime('2024-12-31', '23:59') + 59_999)).toBe('2024-12-31T23:59:59.999+07:00');
    // 16:59 UTC on 31 December is already New Year's Day in Vietnam.
    expect(formatLocalDate(Date.parse('2024-12-31T17:00:00Z'))).toBe('2025-01-01');
    expect(formatLocalDate(Date.parse('2024-12-31T16:59:59.999Z'))).toBe('2024-12-31');
  });

  it('rejects malformed times', () => {
    for (const t of ['24:00', '7:30', '07:60', '07-30', 'noon']) {
      expect(() => localDateTime('2024-04-15', t)).toThrow(Invalid);
    }
    expect(timeOfDayMs('24:00', '/end', true)).toBe(DAY_MS);
  });

  it('knows the weekday (ISO: Monday = 1)', () => {
    expect(isoWeekday(daysFromCivil(1970, 1, 1))).toBe(4);
    expect(isoWeekday(daysFromCivil(2025, 4, 26))).toBe(6);
    expect(isoWeekday(daysFromCivil(2026, 4, 26))).toBe(7);
    expect(isoWeekday(daysFromCivil(1900, 1, 1))).toBe(1);
  });

  it('agrees with Date for every day number in 1900–2199 (property)', () => {
    const first = daysFromCivil(1900, 1, 1);
    const last = daysFromCivil(2199, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        const d = new Date(day * DAY_MS);
        const c = civilFromDays(day);
        expect(c).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(day);
        expect(isoWeekday(day)).toBe(((d.getUTCDay() + 6) % 7) + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips instants through toIsoVn and Date.parse (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse('1900-01-01T00:00:00+07:00'),
          max: Date.parse('2199-12-31T23:59:59+07:00'),
        }),
        (at) => {
          const iso = toIsoVn(at);
          expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+07:00$/);
          expect(Date.parse(iso)).toBe(at);
          expect(iso.slice(0, 10)).toBe(formatLocalDate(at));
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError, Invalid } from '../errors.ts';
import { extendClock, isPaused, pauseClock, resumeClock, startClock, stopClock } from './clock.ts';
import { ClockConflict } from './errors.ts';
import { vn } from './test-calendar.ts';
import { CALENDARS } from './test-support.ts';
import type { ClockData } from './types.ts';

const threeDays = startClock(vn('2025-03-03 09:00'), { unit: 'days', amount: 3 });

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe.each(CALENDARS)('with the %s', (_calendar, cal) => {
  describe('clock operations', () => {
    it('start gives plain JSON data that survives a round trip', () => {
      expect(threeDays).toEqual({
        startedAt: vn('2025-03-03 09:00'),
        budget: { unit: 'days', amount: 3 },
        pauses: [],
        extensions: [],
        stoppedAt: null,
      });
      const paused = pauseClock(threeDays, vn('2025-03-03 10:00'), 'chờ bổ sung hồ sơ');
      expect(JSON.parse(JSON.stringify(paused))).toEqual(paused);
    });

    it('pause and resume record one pause, with a trimmed reason', () => {
      const paused = pauseClock(threeDays, vn('2025-03-03 10:00'), '  chờ bổ sung hồ sơ ');
      expect(isPaused(paused)).toBe(true);
      const resumed = resumeClock(paused, vn('2025-03-04 10:00'));
      expect(isPaused(resumed)).toBe(false);
      expect(resumed.pauses).toEqual([
        { from: vn('2025-03-03 10:00'), to: vn('2025-03-04 10:00'), reason: 'chờ bổ sung hồ sơ' },
      ]);
      expect(pauseClock(threeDays, vn('2025-03-03 10:00')).pauses[0]).toEqual({
        from: vn('2025-03-03 10:00'),
        to: null,
      });
    });

    it('never mutates its input', () => {
      const frozen = deepFreeze(pauseClock(threeDays, vn('2025-03-03 10:00')));
      const resumed = resumeClock(frozen, vn('2025-03-03 11:00'));
      const extended = extendClock(
        resumed,
        { budget: { unit: 'days', amount: 5 } },
        'lý do',
        'PCT',
        vn('2025-03-04 08:00'),
        cal,
      );
      const stopped = stopClock(deepFreeze(extended), vn('2025-03-05 08:00'));
      expect(frozen.pauses[0]?.to).toBeNull();
      expect(extended.stoppedAt).toBeNull();
      expect(stopped.stoppedAt).toBe(vn('2025-03-05 08:00'));
    });

    it('stop closes an open pause at the same moment', () => {
      const paused = pauseClock(threeDays, vn('2025-03-03 10:00'));
      const stopped = stopClock(paused, vn('2025-03-04 09:00'));
      expect(stopped.pauses).toEqual([{ from: vn('2025-03-03 10:00'), to: vn('2025-03-04 09:00') }]);
      expect(isPaused(stopped)).toBe(false);
    });

    it('extensions record what was granted, by whom, why and the due they replaced', () => {
      const byBudget = extendClock(
        threeDays,
        { budget: { unit: 'days', amount: 5 } },
        ' Hồ sơ phức tạp ',
        'user-42',
        vn('2025-03-05 10:00'),
        cal,
      );
      const byDue = extendClock(
        byBudget,
        { dueAt: vn('2025-03-14 17:00') },
        'Chờ ý kiến Bộ',
        'user-7',
        vn('2025-03-06 10:00'),
        cal,
      );
      expect(byDue.extensions).toEqual([
        {
          kind: 'budget',
          budget: { unit: 'days', amount: 5 },
          at: vn('2025-03-05 10:00'),
          reason: 'Hồ sơ phức tạp',
          grantedBy: 'user-42',
          previousDueAt: vn('2025-03-06 09:00'),
        },
        {
          kind: 'due',
          dueAt: vn('2025-03-14 17:00'),
          at: vn('2025-03-06 10:00'),
          reason: 'Chờ ý kiến Bộ',
          grantedBy: 'user-7',
          previousDueAt: vn('2025-03-10 09:00'),
        },
      ]);
    });
  });

  describe('clock misuse', () => {
    const paused = pauseClock(threeDays, vn('2025-03-03 10:00'));
    const stopped = stopClock(threeDays, vn('2025-03-04 10:00'));
    const later = vn('2025-03-05 10:00');

    it.each<[string, () => unknown, string]>([
      ['pause a paused clock', () => pauseClock(paused, later), 'clock_already_paused'],
      ['resume a running clock', () => resumeClock(threeDays, later), 'clock_not_paused'],
      ['pause after stop', () => pauseClock(stopped, later), 'clock_stopped'],
      ['resume after stop', () => resumeClock(stopped, later), 'clock_stopped'],
      ['stop twice', () => stopClock(stopped, later), 'clock_stopped'],
      [
        'extend after stop',
        () => extendClock(stopped, { budget: { unit: 'days', amount: 9 } }, 'x', 'y', later, cal),
        'clock_stopped',
      ],
    ])('%s is a conflict', (_name, run, code) => {
      const error = errorOf(run);
      expect(error).toBeInstanceOf(ClockConflict);
      expect(error.status).toBe(409);
      expect(error.code).toBe(code);
      expect(error.messageVi).not.toBe('');
    });

    it.each<[string, () => unknown, string, string]>([
      [
        'stop before start',
        () => stopClock(threeDays, vn('2025-03-03 08:59')),
        'clock_time_backwards',
        '/at',
      ],
      [
        'pause before the last event',
        () => pauseClock(resumeClock(paused, vn('2025-03-04 10:00')), vn('2025-03-03 11:00')),
        'clock_time_backwards',
        '/at',
      ],
      [
        'resume before the pause began',
        () => resumeClock(paused, vn('2025-03-03 09:59')),
        'clock_time_backwards',
        '/at',
      ],
      ['start at NaN', () => startClock(Number.NaN, { unit: 'days', amount: 1 }), 'invalid_input', '/at'],
      [
        'start with no budget',
        () => startClock(later, { unit: 'days', amount: 0 }),
        'invalid_input',
        '/budget/amount',
      ],
      [
        'extend without a reason',
        () => extendClock(threeDays, { budget: { unit: 'days', amount: 9 } }, '  ', 'y', later, cal),
        'required',
        '/reason',
      ],
      [
        'extend without who granted it',
        () => extendClock(threeDays, { budget: { unit: 'days', amount: 9 } }, 'x', '', later, cal),
        'required',
        '/grantedBy',
      ],
      [
        'extend to a smaller budget',
        () => extendClock(threeDays, { budget: { unit: 'days', amount: 2 } }, 'x', 'y', later, cal),
        'extension_not_later',
        '/budget',
      ],
      [
        'extend to the same due',
        () => extendClock(threeDays, { dueAt: vn('2025-03-06 09:00') }, 'x', 'y', later, cal),
        'extension_not_later',
        '/dueAt',
      ],
      [
        'extend before the last event',
        () => extendClock(paused, { dueAt: vn('2025-03-20 09:00') }, 'x', 'y', vn('2025-03-03 09:30'), cal),
        'clock_time_backwards',
        '/at',
      ],
    ])('%s is rejected', (_name, run, code, field) => {
      const error = errorOf(run);
      expect(error.code).toBe(code);
      if (field) {
        expect(error).toBeInstanceOf(Invalid);
        expect(error.fields[0]?.field).toBe(field);
      }
    });

    it('accepts events at the same instant as the last one', () => {
      const at = vn('2025-03-03 10:00');
      const data: ClockData = resumeClock(pauseClock(threeDays, at), at);
      expect(stopClock(data, at).stoppedAt).toBe(at);
    });
  });
});

import { createWorkingCalendar } from '../calendar/index.ts';
import type { WorkingCalendar } from '../calendar/types.ts';
import { createTestCalendar } from './test-calendar.ts';

/**
 * The clock's tests run against the real calendar and against the naive reference one: the clock
 * must depend only on the `WorkingCalendar` contract, and the two agreeing on every case is a
 * cheap cross-check of both.
 */
export const CALENDARS: ReadonlyArray<[string, WorkingCalendar]> = [
  ['real calendar', createWorkingCalendar()],
  ['reference test calendar', createTestCalendar()],
];

/**
 * Every module gets a tenant's working calendar here. Building one costs a few milliseconds, so
 * calendars are cached by the fingerprint of what they are built from (the tenant's supplied
 * schedules and working hours): a change made by an administrator — on this instance or on
 * another one sharing the database — gives a new fingerprint, so the next call builds the new
 * calendar and deadlines use it immediately. The fingerprint costs one small indexed query.
 */
import {
  createWorkingCalendar,
  DEFAULT_WORKING_HOURS,
  type WorkingCalendar,
  type WorkingHours,
  type YearSchedule,
} from '@dieuhanh/core/calendar/index';
import type { Db } from '../platform/db.ts';
import { calendarStamp, suppliedSchedules, workingHoursOf } from './calendar-repository.ts';

const CACHE_SIZE = 32;
const cache = new Map<string, WorkingCalendar>();

export function storedSchedule(year: number, stored: unknown): YearSchedule {
  const s = stored as {
    daysOff?: YearSchedule['daysOff'];
    workingWeekendDays?: YearSchedule['workingWeekendDays'];
  };
  return {
    year,
    provisional: false,
    daysOff: s.daysOff ?? [],
    workingWeekendDays: s.workingWeekendDays ?? [],
  };
}

/** The tenant's working hours, the default ones when none are set. */
export async function tenantWorkingHours(db: Db, tenantId: string): Promise<WorkingHours> {
  return ((await workingHoursOf(db, tenantId)) as WorkingHours | null) ?? DEFAULT_WORKING_HOURS;
}

/** The tenant's calendar. `db` may be a transaction (use the transaction's handle inside one). */
export async function calendarFor(db: Db, tenantId: string): Promise<WorkingCalendar> {
  const key = `${tenantId}|${await calendarStamp(db, tenantId)}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const rows = await suppliedSchedules(db, tenantId);
  const calendar = createWorkingCalendar({
    hours: await tenantWorkingHours(db, tenantId),
    schedules: rows.map((r) => storedSchedule(r.year, r.schedule)),
  });
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, calendar);
  return calendar;
}

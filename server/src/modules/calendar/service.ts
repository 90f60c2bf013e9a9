import { P } from '@dieuhanh/core/access/permissions';
import {
  createWorkingCalendar,
  OFFICIAL_SCHEDULES,
  parseLocalDate,
  solarToLunar,
  toIsoVn,
  validateSchedule,
  type WorkingHours,
} from '@dieuhanh/core/calendar/index';
import { Conflict, type FieldProblem, fieldProblem, Invalid, NotFound } from '@dieuhanh/core/errors';
import { addBudget } from '@dieuhanh/core/sla/index';
import { calendarFor, tenantWorkingHours } from '../../kernel/calendar.ts';
import { appendAudit } from '../../platform/audit.ts';
import { type Actor, type Deps, requirePermission } from '../../platform/context.ts';
import * as repo from './repository.ts';
import type { DeadlineQuery, ScheduleBody, WorkingHoursBody, WorkingTimeQuery } from './schemas.ts';

/** Core errors name fields of its own arguments; the API names the query parameter. */
function asQuery(error: unknown, fields: Record<string, string>): never {
  if (error instanceof Invalid) {
    const mapped: FieldProblem[] = error.fields.map((f) => ({ ...f, field: fields[f.field] ?? f.field }));
    throw new Invalid(mapped, error.code);
  }
  throw error;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with an offset, or a local date meaning its midnight in Vietnam. */
export function parseInstant(value: string, field: string): number {
  // A '+' left unencoded in a query string arrives as a space.
  const text = value.trim().replace(' ', '+');
  const invalid = () =>
    new Invalid([
      fieldProblem(
        field,
        `"${value}" không phải thời điểm hợp lệ (ISO 8601, ví dụ 2026-03-02T08:00:00+07:00).`,
        `"${value}" is not an ISO 8601 instant (e.g. 2026-03-02T08:00:00+07:00).`,
      ),
    ]);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    try {
      return parseLocalDate(text);
    } catch {
      throw invalid();
    }
  }
  const at = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(at)) throw invalid();
  return at;
}

export async function holidays(deps: Deps, actor: Actor, year: number) {
  const { tenantId } = actor.principal;
  const cal = await calendarFor(deps.db, tenantId);
  const schedule = cal.schedule(year);
  const stored = (await repo.listSchedules(deps.db, tenantId)).some((s) => s.year === year);
  return {
    ...schedule,
    source: stored
      ? ('tenant' as const)
      : OFFICIAL_SCHEDULES.some((s) => s.year === year)
        ? ('official' as const)
        : ('provisional' as const),
  };
}

export function lunar(date: string) {
  try {
    return solarToLunar(date);
  } catch (error) {
    return asQuery(error, { '/date': '/querystring/date' });
  }
}

export async function deadline(deps: Deps, actor: Actor, query: DeadlineQuery) {
  const start = parseInstant(query.start, '/querystring/start');
  const days = query.workingDays;
  const hours = query.workingHours;
  if ((days === undefined) === (hours === undefined)) {
    throw new Invalid([
      fieldProblem(
        '/querystring/workingDays',
        'Cần nêu đúng một trong hai: workingDays hoặc workingHours.',
        'Give exactly one of workingDays and workingHours.',
      ),
    ]);
  }
  const cal = await calendarFor(deps.db, actor.principal.tenantId);
  try {
    let due: number;
    if (hours !== undefined) due = cal.addWorkingHours(start, hours);
    else if (days === 0 || Number.isInteger(days)) due = cal.addWorkingDays(start, days!);
    else due = addBudget(cal, start, { unit: 'days', amount: days! });
    return { due: toIsoVn(due) };
  } catch (error) {
    return asQuery(error, {
      '/start': '/querystring/start',
      '/days': '/querystring/workingDays',
      '/hours': '/querystring/workingHours',
    });
  }
}

export async function workingTime(deps: Deps, actor: Actor, query: WorkingTimeQuery) {
  const from = parseInstant(query.from, '/querystring/from');
  const to = parseInstant(query.to, '/querystring/to');
  const cal = await calendarFor(deps.db, actor.principal.tenantId);
  try {
    return cal.workingTimeBetween(from, to);
  } catch (error) {
    return asQuery(error, { '/from': '/querystring/from', '/to': '/querystring/to' });
  }
}

function toStored(row: repo.ScheduleRow) {
  const s = row.schedule as Pick<ScheduleBody, 'daysOff' | 'workingWeekendDays'>;
  return {
    year: row.year,
    daysOff: s.daysOff,
    workingWeekendDays: s.workingWeekendDays,
    version: row.version,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listStoredSchedules(deps: Deps, actor: Actor) {
  requirePermission(actor, P.calendarWrite);
  return { items: (await repo.listSchedules(deps.db, actor.principal.tenantId)).map(toStored) };
}

const staleSchedule = (currentVersion: number) =>
  new Conflict(
    'stale_version',
    'Lịch nghỉ của năm này vừa được người khác thay đổi, vui lòng tải lại.',
    'The schedule of this year was changed by someone else; reload it.',
    { currentVersion },
  );

/**
 * Sets the official schedule of a year for the tenant (replacing the shipped or provisional one).
 * Validated (dates in the year, days off on weekdays, make-up days on weekends, no date twice),
 * audited; the tenant's calendar is rebuilt on its next use, so deadlines follow at once.
 */
export async function putSchedule(deps: Deps, actor: Actor, year: number, body: ScheduleBody) {
  requirePermission(actor, P.calendarWrite);
  const { tenantId } = actor.principal;
  const schedule = validateSchedule({
    year,
    provisional: false,
    daysOff: body.daysOff,
    workingWeekendDays: body.workingWeekendDays,
  });
  return deps.db.transaction(async (tx) => {
    const before = await repo.getSchedule(tx, tenantId, year);
    if (body.version !== undefined && body.version !== (before?.version ?? 0))
      throw staleSchedule(before?.version ?? 0);
    const saved = await repo.saveSchedule(tx, {
      tenantId,
      year,
      schedule: { daysOff: schedule.daysOff, workingWeekendDays: schedule.workingWeekendDays },
      updatedBy: actor.principal.userId,
      updatedAt: deps.now(),
    });
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'calendar.schedule_set',
      resourceType: 'calendar_schedule',
      resourceId: String(year),
      before: before?.schedule ?? null,
      after: saved.schedule,
      requestId: actor.requestId,
      at: deps.now(),
    });
    return toStored(saved);
  });
}

/** Removes the tenant's schedule of a year: the shipped official or the provisional one applies again. */
export async function deleteSchedule(deps: Deps, actor: Actor, year: number) {
  requirePermission(actor, P.calendarWrite);
  const { tenantId } = actor.principal;
  await deps.db.transaction(async (tx) => {
    const before = await repo.getSchedule(tx, tenantId, year);
    if (!before || !(await repo.deleteSchedule(tx, tenantId, year))) throw new NotFound('schedule');
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'calendar.schedule_deleted',
      resourceType: 'calendar_schedule',
      resourceId: String(year),
      before: before.schedule,
      requestId: actor.requestId,
      at: deps.now(),
    });
  });
}

export async function workingHours(deps: Deps, actor: Actor): Promise<WorkingHours> {
  return tenantWorkingHours(deps.db, actor.principal.tenantId);
}

export async function putWorkingHours(deps: Deps, actor: Actor, body: WorkingHoursBody) {
  requirePermission(actor, P.calendarWrite);
  const { tenantId } = actor.principal;
  const hours: WorkingHours = {
    intervals: body.intervals,
    weekdays: [...new Set(body.weekdays)].sort(),
    hoursPerDay: body.hoursPerDay,
  };
  try {
    createWorkingCalendar({ hours });
  } catch (error) {
    if (error instanceof Invalid)
      throw new Invalid(
        error.fields.map((f) => ({ ...f, field: f.field.replace(/^\/hours/, '') })),
        error.code,
      );
    throw error;
  }
  return deps.db.transaction(async (tx) => {
    const before = await tenantWorkingHours(tx, tenantId);
    await repo.setWorkingHours(tx, tenantId, hours);
    await appendAudit(tx, {
      tenantId,
      actorId: actor.principal.userId,
      action: 'calendar.working_hours_set',
      resourceType: 'tenant',
      resourceId: tenantId,
      before,
      after: hours,
      requestId: actor.requestId,
      at: deps.now(),
    });
    return hours;
  });
}

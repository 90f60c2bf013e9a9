import { actorOf, type Deps } from '../../platform/context.ts';
import { type App, NoContent, problems } from '../../platform/http.ts';
import {
  DeadlineQuery,
  DeadlineSchema,
  HolidaysQuery,
  HolidaysSchema,
  LunarQuery,
  LunarSchema,
  ScheduleBody,
  StoredScheduleList,
  StoredScheduleSchema,
  WorkingHoursSchema,
  WorkingTimeQuery,
  WorkingTimeSchema,
  YearParams,
} from './schemas.ts';
import * as service from './service.ts';

/** The working-day calendar: holidays, lunar dates, deadline arithmetic, and its administration. */
export function calendarRoutes(app: App, deps: Deps) {
  const tags = ['calendar'];
  app.get(
    '/calendar/holidays',
    {
      schema: {
        tags,
        summary: 'Ngày nghỉ, ngày làm bù của một năm / Days off and make-up days of a year',
        querystring: HolidaysQuery,
        response: { 200: HolidaysSchema, ...problems(400, 401) },
      },
    },
    (request) => service.holidays(deps, actorOf(request), request.query.year),
  );
  app.get(
    '/calendar/lunar',
    {
      schema: {
        tags,
        summary: 'Đổi ngày dương sang âm lịch / Solar to lunar date',
        querystring: LunarQuery,
        response: { 200: LunarSchema, ...problems(400, 401) },
      },
    },
    (request) => {
      actorOf(request);
      return service.lunar(request.query.date);
    },
  );
  app.get(
    '/calendar/deadline',
    {
      schema: {
        tags,
        summary: 'Tính hạn theo ngày/giờ làm việc / Deadline in working days or hours',
        querystring: DeadlineQuery,
        response: { 200: DeadlineSchema, ...problems(400, 401) },
      },
    },
    (request) => service.deadline(deps, actorOf(request), request.query),
  );
  app.get(
    '/calendar/working-time',
    {
      schema: {
        tags,
        summary: 'Thời gian làm việc giữa hai thời điểm / Working time between two instants',
        querystring: WorkingTimeQuery,
        response: { 200: WorkingTimeSchema, ...problems(400, 401) },
      },
    },
    (request) => service.workingTime(deps, actorOf(request), request.query),
  );
  app.get(
    '/calendar/working-hours',
    {
      schema: {
        tags,
        summary: 'Giờ làm việc của đơn vị / The tenant’s working hours',
        response: { 200: WorkingHoursSchema, ...problems(401) },
      },
    },
    (request) => service.workingHours(deps, actorOf(request)),
  );
  app.put(
    '/calendar/working-hours',
    {
      schema: {
        tags,
        summary: 'Đặt giờ làm việc / Set the working hours',
        body: WorkingHoursSchema,
        response: { 200: WorkingHoursSchema, ...problems(400, 401, 403) },
      },
    },
    (request) => service.putWorkingHours(deps, actorOf(request), request.body),
  );
  app.get(
    '/calendar/schedules',
    {
      schema: {
        tags,
        summary: 'Lịch nghỉ đã khai báo / Schedules set for this tenant',
        response: { 200: StoredScheduleList, ...problems(401, 403) },
      },
    },
    (request) => service.listStoredSchedules(deps, actorOf(request)),
  );
  app.put(
    '/calendar/schedules/:year',
    {
      schema: {
        tags,
        summary: 'Khai báo lịch nghỉ chính thức của một năm / Set the official schedule of a year',
        params: YearParams,
        body: ScheduleBody,
        response: { 200: StoredScheduleSchema, ...problems(400, 401, 403, 409) },
      },
    },
    (request) => service.putSchedule(deps, actorOf(request), request.params.year, request.body),
  );
  app.delete(
    '/calendar/schedules/:year',
    {
      schema: {
        tags,
        summary: 'Bỏ lịch nghỉ đã khai báo / Fall back to the shipped or provisional schedule',
        params: YearParams,
        response: { 204: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.deleteSchedule(deps, actorOf(request), request.params.year);
      return reply.status(204).send(null);
    },
  );
}

import {
  AvoidanceQuery,
  AvoidanceReportSchema,
  BoardQuery,
  BoardSchema,
  TaskActionBody,
  TaskActionParams,
  TaskBulkBody,
  TaskBulkResult,
  TaskCreateRequest,
  TaskCreateResult,
  TaskDetailSchema,
  TaskListQuery,
  TaskPage,
} from '@dieuhanh/core/api/tasks';
import { Type } from 'typebox';
import { actorOf, type Deps } from '../../platform/context.ts';
import { type App, IdParams, problems } from '../../platform/http.ts';
import './workflow.ts';
import { avoidanceReport } from './avoidance.ts';
import { board } from './board.ts';
import { stopSeries } from './series.ts';
import * as service from './service.ts';

/** Nhiệm vụ: tasks assigned by leaders, tracked until done (see docs/architecture.md, "Tasks"). */
export function taskRoutes(app: App, deps: Deps) {
  service.installDirectiveHooks(deps);
  app.post(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Giao nhiệm vụ (một hoặc nhiều) / Assign tasks (one or many)',
        description:
          'Creates every item in one transaction — e.g. all items of a reviewed directive (`directiveId` plus `directiveItemId` per item). A recurrence creates a series and the tasks of the periods due within the horizon.',
        body: TaskCreateRequest,
        response: { 201: TaskCreateResult, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createTasks(deps, actorOf(request), request.body)),
  );
  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Danh sách nhiệm vụ theo mức khẩn cấp / Tasks by urgency',
        querystring: TaskListQuery,
        response: { 200: TaskPage, ...problems(400, 401, 403) },
      },
    },
    (request) => service.listTasks(deps, actorOf(request), request.query),
  );
  app.get(
    '/tasks/board',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Bảng theo dõi nhiệm vụ theo đơn vị / The monitor’s board',
        description:
          'Per child unit of `unitId` (default: the widest unit of your scope) and per assigning leader. `from`/`to` are months (YYYY-MM); open figures are as of now.',
        querystring: BoardQuery,
        response: { 200: BoardSchema, ...problems(400, 401, 403, 404) },
      },
    },
    (request) => board(deps, actorOf(request), request.query),
  );
  app.get(
    '/tasks/avoidance',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Dấu hiệu né tránh, đùn đẩy / Avoidance signals',
        description:
          'Signals raised between `from` and `to` (dates), with their evidence; per unit and per official.',
        querystring: AvoidanceQuery,
        response: { 200: AvoidanceReportSchema, ...problems(400, 401, 403, 404) },
      },
    },
    (request) => avoidanceReport(deps, actorOf(request), request.query),
  );
  app.post(
    '/tasks/bulk',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Thao tác hàng loạt / One action on many tasks',
        description:
          'Each task in its own transaction; the result tells which succeeded and why others failed.',
        body: TaskBulkBody,
        response: { 200: TaskBulkResult, ...problems(400, 401, 403) },
      },
    },
    (request) =>
      service.bulkAct(deps, actorOf(request), request.body, (err) =>
        request.log.error({ err }, 'bulk task action failed'),
      ),
  );
  app.post(
    '/tasks/series/:id/stop',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Dừng nhiệm vụ định kỳ / Stop a recurring task',
        description: 'No further periods are created; tasks already created stay.',
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 5000 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            active: Type.Boolean(),
            lastPeriod: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    (request) => stopSeries(deps, actorOf(request), request.params.id, request.body.reason),
  );
  app.get(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        params: IdParams,
        response: { 200: TaskDetailSchema, ...problems(401, 404) },
      },
    },
    (request) => service.getTask(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/tasks/:id/actions/:action',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Thao tác trên nhiệm vụ / Act on a task',
        params: TaskActionParams,
        body: TaskActionBody,
        response: { 200: TaskDetailSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => service.act(deps, actorOf(request), request.params.id, request.params.action, request.body),
  );
}

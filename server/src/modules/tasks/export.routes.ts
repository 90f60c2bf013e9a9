import { BoardQuery, TaskListQuery } from '@dieuhanh/core/api/tasks';
import { Type } from 'typebox';
import { actorOf, type Deps } from '../../platform/context.ts';
import { FileResponse, LIST_FORMATS, sendFile } from '../../platform/exports/index.ts';
import { type App, problems } from '../../platform/http.ts';
import { exportPerformanceReport, exportTaskList } from './exports.ts';

const { limit: _limit, offset: _offset, ...listFilters } = TaskListQuery.properties;

export function taskExportRoutes(app: App, deps: Deps) {
  app.get(
    '/tasks/export',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Xuất danh sách nhiệm vụ (Excel/CSV) / Export the task list',
        querystring: Type.Object({
          ...listFilters,
          format: Type.Optional(Type.Unsafe<'xlsx' | 'csv'>(Type.String({ enum: [...LIST_FORMATS] }))),
        }),
        response: { 200: FileResponse, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      return sendFile(reply, await exportTaskList(deps, actorOf(request), query, format ?? 'xlsx'));
    },
  );
  app.get(
    '/tasks/board/report',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Báo cáo tình hình thực hiện nhiệm vụ (.docx) / Task performance report',
        querystring: BoardQuery,
        response: { 200: FileResponse, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      sendFile(reply, await exportPerformanceReport(deps, actorOf(request), request.query)),
  );
}

import { Type } from 'typebox';
import { actorOf, type Deps } from '../platform/context.ts';
import { type App, IdParams, NoContent, problems } from '../platform/http.ts';
import * as inbox from './inbox.ts';
import { NotificationListQuery, NotificationPage, StatsQuerySchema, StatsSchema } from './schemas.ts';
import { workItemStats } from './stats.ts';

/** The kernel's HTTP API: work-item statistics and the caller's notifications. */
export function kernelRoutes(app: App, deps: Deps) {
  app.get(
    '/stats/work-items',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Thống kê công việc theo đơn vị / Work-item statistics per unit',
        description:
          'Received and completed figures for the months from..to; open figures are current, for items received up to `to`. A dissolved unit’s figures count for its successor.',
        querystring: StatsQuerySchema,
        response: { 200: StatsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    (request) => workItemStats(deps, actorOf(request), request.query),
  );

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Thông báo của tôi / My notifications',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...problems(400, 401) },
      },
    },
    (request) => inbox.listMyNotifications(deps, actorOf(request), request.query),
  );
  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Số thông báo chưa đọc / Unread count',
        response: { 200: Type.Object({ count: Type.Integer() }), ...problems(401) },
      },
    },
    (request) => inbox.myUnreadCount(deps, actorOf(request)),
  );
  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Đánh dấu tất cả đã đọc / Mark all read',
        response: { 200: Type.Object({ updated: Type.Integer() }), ...problems(401, 403) },
      },
    },
    (request) => inbox.markAllMyNotificationsRead(deps, actorOf(request)),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Đánh dấu đã đọc / Mark read',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await inbox.markMyNotificationRead(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

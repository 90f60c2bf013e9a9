import {
  MeetingCreate,
  MeetingListQuery,
  MeetingPage,
  MeetingSchema,
  MeetingUpdate,
} from '@dieuhanh/core/api/directives';
import { actorOf, type Deps } from '../../platform/context.ts';
import { type App, IdParams, problems } from '../../platform/http.ts';
import * as service from './service.ts';

export function meetingRoutes(app: App, deps: Deps) {
  service.registerMeetingAttachments();

  app.get(
    '/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Danh sách cuộc họp / List meetings',
        querystring: MeetingListQuery,
        response: { 200: MeetingPage, ...problems(400, 401, 403) },
      },
    },
    (request) => service.listMeetings(deps, actorOf(request), request.query),
  );

  app.get(
    '/meetings/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Một cuộc họp với thành phần, kết luận và biên bản / One meeting',
        params: IdParams,
        response: { 200: MeetingSchema, ...problems(401, 403, 404) },
      },
    },
    (request) => service.getMeeting(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Vào sổ cuộc họp / Register a meeting',
        body: MeetingCreate,
        response: { 201: MeetingSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createMeeting(deps, actorOf(request), request.body)),
  );

  app.patch(
    '/meetings/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Sửa cuộc họp (kèm phiên bản) / Update a meeting (with its version)',
        params: IdParams,
        body: MeetingUpdate,
        response: { 200: MeetingSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => service.updateMeeting(deps, actorOf(request), request.params.id, request.body),
  );
}

import {
  OfficialCreate,
  OfficialListQuery,
  OfficialPage,
  OfficialSchema,
  OfficialUpdate,
  UnitCreate,
  UnitListQuery,
  UnitPage,
  UnitSchema,
  UnitUpdate,
} from '@dieuhanh/core/api/org';
import { actorOf, type Deps } from '../../platform/context.ts';
import { type App, IdParams, problems } from '../../platform/http.ts';
import * as service from './service.ts';

export function orgRoutes(app: App, deps: Deps) {
  app.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Danh sách đơn vị / List units',
        querystring: UnitListQuery,
        response: { 200: UnitPage, ...problems(400, 401, 403) },
      },
    },
    (request) => service.listUnits(deps, actorOf(request), request.query),
  );
  app.get(
    '/units/:id',
    {
      schema: {
        tags: ['units'],
        params: IdParams,
        response: { 200: UnitSchema, ...problems(401, 403, 404) },
      },
    },
    (request) => service.getUnit(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Tạo đơn vị / Create a unit',
        body: UnitCreate,
        response: { 201: UnitSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createUnit(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/units/:id',
    {
      schema: {
        tags: ['units'],
        params: IdParams,
        body: UnitUpdate,
        response: { 200: UnitSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => service.updateUnit(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/officials',
    {
      schema: {
        tags: ['officials'],
        summary: 'Danh sách cán bộ / List officials',
        querystring: OfficialListQuery,
        response: { 200: OfficialPage, ...problems(400, 401, 403) },
      },
    },
    (request) => service.listOfficials(deps, actorOf(request), request.query),
  );
  app.get(
    '/officials/:id',
    {
      schema: {
        tags: ['officials'],
        params: IdParams,
        response: { 200: OfficialSchema, ...problems(401, 403, 404) },
      },
    },
    (request) => service.getOfficial(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/officials',
    {
      schema: {
        tags: ['officials'],
        body: OfficialCreate,
        response: { 201: OfficialSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createOfficial(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/officials/:id',
    {
      schema: {
        tags: ['officials'],
        params: IdParams,
        body: OfficialUpdate,
        response: { 200: OfficialSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => service.updateOfficial(deps, actorOf(request), request.params.id, request.body),
  );
}

import { GrantCreate, UserCreate, UserPage, UserSchema, UserUpdate } from '@dieuhanh/core/api/auth';
import { Type } from 'typebox';
import { actorOf, type Deps } from '../../platform/context.ts';
import { type App, IdParams, problems } from '../../platform/http.ts';
import * as service from './service.ts';

export function userRoutes(app: App, deps: Deps) {
  const tags = ['users'];
  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Danh sách tài khoản / List users',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          offset: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
        response: { 200: UserPage, ...problems(400, 401, 403) },
      },
    },
    (request) =>
      service.listUsers(deps, actorOf(request), request.query.q, request.query.limit, request.query.offset),
  );
  app.get(
    '/users/:id',
    { schema: { tags, params: IdParams, response: { 200: UserSchema, ...problems(401, 403, 404) } } },
    (request) => service.getUser(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Tạo tài khoản / Create a user',
        body: UserCreate,
        response: { 201: UserSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createUser(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UserUpdate,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => service.updateUser(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/users/:id/grants',
    {
      schema: {
        tags,
        summary: 'Cấp vai trò / Grant a role on a unit',
        params: IdParams,
        body: GrantCreate,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      service.addGrant(deps, actorOf(request), request.params.id, request.body.role, request.body.unitId),
  );
  app.delete(
    '/users/:id/grants/:grantId',
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.String(), grantId: Type.String() }),
        response: { 200: UserSchema, ...problems(401, 403, 404) },
      },
    },
    (request) => service.removeGrant(deps, actorOf(request), request.params.id, request.params.grantId),
  );
}

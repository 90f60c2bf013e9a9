import {
  ApiTokenCreate,
  ApiTokenCreated,
  ApiTokenSchema,
  LoginBody,
  LoginResult,
  MeResult,
  PasswordChange,
} from '@dieuhanh/core/api/auth';
import { Type } from 'typebox';
import { SESSION_COOKIE } from '../../platform/auth-hooks.ts';
import { actorOf, type Deps } from '../../platform/context.ts';
import { type App, IdParams, NoContent, problems } from '../../platform/http.ts';
import * as service from './service.ts';

export function authRoutes(app: App, deps: Deps) {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập / Log in',
        body: LoginBody,
        response: { 200: LoginResult, ...problems(400, 401, 423, 429) },
      },
      config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await service.login(deps, request.body, String(request.id));
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.secureCookies,
        maxAge: deps.config.sessionTtlHours * 3600,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng xuất / Log out',
        response: { 204: NoContent, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      await service.logout(deps, actorOf(request), request.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Người dùng hiện tại / Current user',
        response: { 200: MeResult, ...problems(401) },
      },
    },
    (request) => service.me(deps, actorOf(request), request.csrfToken),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu / Change password',
        body: PasswordChange,
        response: { 204: NoContent, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await service.changePassword(
        deps,
        actorOf(request),
        request.body.currentPassword,
        request.body.newPassword,
        request.sessionId,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Mã truy cập API / API tokens',
        response: { 200: Type.Array(ApiTokenSchema), ...problems(401) },
      },
    },
    (request) => service.listApiTokens(deps, actorOf(request)),
  );

  app.post(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Tạo mã truy cập API / Create an API token',
        body: ApiTokenCreate,
        response: { 201: ApiTokenCreated, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createApiToken(deps, actorOf(request), request.body.name)),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Thu hồi mã truy cập / Revoke an API token',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.revokeApiToken(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

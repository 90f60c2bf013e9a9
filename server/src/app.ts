import fs from 'node:fs';
import path from 'node:path';
import { ProblemSchema } from '@dieuhanh/core/api/common';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { type Config, VERSION } from './config.ts';
import { kernelRoutes } from './kernel/index.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { directiveRoutes } from './modules/directives/routes.ts';
import { meetingRoutes } from './modules/meetings/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { orgTransferRoutes } from './modules/org/transfer.routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { taskExportRoutes } from './modules/tasks/export.routes.ts';
import { taskRoutes } from './modules/tasks/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { installAuthHooks } from './platform/auth-hooks.ts';
import type { Deps } from './platform/context.ts';
import type { Database } from './platform/db.ts';
import { installErrorHandler, installNotFoundHandler } from './platform/errors.ts';
import { fileRoutes } from './platform/files.ts';
import type { App } from './platform/http.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  now?: () => Date;
  logger?: boolean | object;
}

/** Every module registers its routes here, under /api. */
const modules: Array<(app: App, deps: Deps) => void> = [
  systemRoutes,
  authRoutes,
  userRoutes,
  orgRoutes,
  orgTransferRoutes,
  auditRoutes,
  fileRoutes,
  directiveRoutes,
  meetingRoutes,
  calendarRoutes,
  kernelRoutes,
  taskExportRoutes,
  taskRoutes,
];

export async function buildApp(options: BuildOptions) {
  const { config, database } = options;
  const deps: Deps = { database, db: database.db, config, now: options.now ?? (() => new Date()) };
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // External plugins first, then ours, then routes (the fastify/demo order).
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.bodyLimitBytes, files: 5 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Điều hành API',
        version: VERSION,
        description: 'API của nền tảng Điều hành / The Điều hành platform API',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dh_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.addSchema(ProblemSchema);

  installErrorHandler(app);
  installAuthHooks(app, deps);

  await app.register(
    async (api) => {
      for (const register of modules) register(api as App, deps);
      api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    },
    { prefix: '/api' },
  );

  const serveSpa = fs.existsSync(path.join(config.webDist, 'index.html'));
  if (serveSpa) await app.register(fastifyStatic, { root: config.webDist, wildcard: false });
  installNotFoundHandler(app, serveSpa);

  return { app, deps };
}

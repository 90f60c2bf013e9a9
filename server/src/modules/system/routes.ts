import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { VERSION } from '../../config.ts';
import type { Deps } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';

export function systemRoutes(app: App, deps: Deps) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Tình trạng hệ thống / Health',
        security: [],
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
            version: Type.String(),
          }),
        },
      },
    },
    async () => {
      await deps.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: deps.database.kind, version: VERSION };
    },
  );
}

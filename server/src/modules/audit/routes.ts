import { P } from '@dieuhanh/core/access/permissions';
import { AuditEventSchema } from '@dieuhanh/core/api/auth';
import { Type } from 'typebox';
import { resourceTimeline } from '../../platform/audit.ts';
import { actorOf, type Deps, requirePermission } from '../../platform/context.ts';
import { type App, problems } from '../../platform/http.ts';

export function auditRoutes(app: App, deps: Deps) {
  app.get(
    '/audit/:resourceType/:resourceId',
    {
      schema: {
        tags: ['audit'],
        summary: 'Lịch sử thay đổi của một đối tượng / Timeline of one resource',
        params: Type.Object({
          resourceType: Type.String({ maxLength: 50 }),
          resourceId: Type.String({ maxLength: 100 }),
        }),
        response: { 200: Type.Array(AuditEventSchema), ...problems(401, 403) },
      },
    },
    (request) => {
      const actor = actorOf(request);
      requirePermission(actor, P.auditRead);
      return resourceTimeline(
        deps.db,
        actor.principal.tenantId,
        request.params.resourceType,
        request.params.resourceId,
      );
    },
  );
}

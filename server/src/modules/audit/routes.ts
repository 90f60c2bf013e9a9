import { P } from '@dieuhanh/core/access/permissions';
import { AuditEventSchema } from '@dieuhanh/core/api/auth';
import { and, asc, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { auditEvents, users } from '../../db/schema/index.ts';
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
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor, P.auditRead);
      const { tenantId } = actor.principal;
      const rows = await deps.db
        .select({ event: auditEvents, actorName: users.displayName })
        .from(auditEvents)
        .leftJoin(users, and(eq(users.tenantId, auditEvents.tenantId), eq(users.id, auditEvents.actorId)))
        .where(
          and(
            eq(auditEvents.tenantId, tenantId),
            eq(auditEvents.resourceType, request.params.resourceType),
            eq(auditEvents.resourceId, request.params.resourceId),
          ),
        )
        .orderBy(asc(auditEvents.seq));
      return rows.map(({ event, actorName }) => ({
        seq: event.seq,
        at: event.at.toISOString(),
        actorId: event.actorId,
        actorName,
        action: event.action,
        resourceType: event.resourceType,
        resourceId: event.resourceId,
        before: event.before,
        after: event.after,
        hash: event.hash,
      }));
    },
  );
}

import { DomainError } from '@dieuhanh/core/errors';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { apiTokens, sessions } from '../db/schema/index.ts';
import type { Deps } from './context.ts';
import { loadPrincipal } from './principal.ts';
import { sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'dh_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller from a session cookie or a bearer API token, and requires the CSRF header
 * on every cookie-authenticated write (bearer clients cannot be driven by another site).
 */
export function installAuthHooks(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('principal', null);
  app.decorateRequest('authKind', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const tenantId = deps.config.defaultTenant;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const hash = sha256(authorization.slice(7).trim());
      const [token] = await deps.db
        .select()
        .from(apiTokens)
        .where(
          and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)),
        );
      if (!token)
        throw new DomainError(
          401,
          'invalid_token',
          'Mã truy cập không hợp lệ hoặc đã bị thu hồi.',
          'The API token is invalid or revoked.',
        );
      request.principal = await loadPrincipal(deps.db, tenantId, token.userId);
      if (!request.principal)
        throw new DomainError(
          401,
          'invalid_token',
          'Tài khoản của mã truy cập đã bị khóa.',
          'The token’s account is disabled.',
        );
      request.authKind = 'token';
      return;
    }
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return;
    const [session] = await deps.db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.tenantId, tenantId),
          eq(sessions.id, sha256(raw)),
          gt(sessions.expiresAt, deps.now()),
        ),
      );
    if (!session) return;
    request.principal = await loadPrincipal(deps.db, tenantId, session.userId);
    if (!request.principal) return;
    request.authKind = 'session';
    request.sessionId = session.id;
    request.csrfToken = session.csrfToken;
  });

  app.addHook('preHandler', async (request) => {
    if (request.authKind !== 'session' || !UNSAFE.has(request.method)) return;
    const header = request.headers['x-csrf-token'];
    if (header !== request.csrfToken) {
      throw new DomainError(
        403,
        'csrf_failed',
        'Thiếu hoặc sai mã chống giả mạo yêu cầu (x-csrf-token).',
        'Missing or wrong CSRF token (x-csrf-token header).',
        [
          {
            field: '/headers/x-csrf-token',
            messageVi: 'Mã không khớp với phiên đăng nhập.',
            messageEn: 'Does not match the session.',
          },
        ],
      );
    }
  });
}

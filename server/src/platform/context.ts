import type { Permission, Principal } from '@dieuhanh/core/access/permissions';
import { can } from '@dieuhanh/core/access/permissions';
import { Forbidden, NotFound, Unauthenticated } from '@dieuhanh/core/errors';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Database, Db } from './db.ts';

/** What every service call receives: the database handle, who is acting and for which request. */
export interface Actor {
  principal: Principal;
  requestId: string;
}

export interface Deps {
  database: Database;
  db: Db;
  config: Config;
  /** The current instant; injectable so tests can move time. */
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    authKind: 'session' | 'token' | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.principal) throw new Unauthenticated();
  return { principal: request.principal, requestId: String(request.id) };
}

/** Throws Forbidden unless the actor holds `permission` somewhere (or on the given subtree). */
export function requirePermission(actor: Actor, permission: Permission, unitPath?: string): void {
  if (!can(actor.principal, permission, unitPath)) throw new Forbidden();
}

/** For reads of one thing: a caller who may not see it is told it does not exist. */
export function requireVisible(
  actor: Actor,
  permission: Permission,
  unitPath: string | undefined,
  what: string,
): void {
  if (unitPath === undefined || !can(actor.principal, permission, unitPath)) throw new NotFound(what);
}

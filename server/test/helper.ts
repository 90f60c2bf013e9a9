import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.ts';
import { type Database, openEmbedded, openPostgres } from '../src/platform/db.ts';

export const TENANT = 'lang-son';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by DATABASE_URL (dropped afterwards).
 */
export async function freshDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return openEmbedded(null);
  const name = `dh_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString());
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface TestContext {
  app: Awaited<ReturnType<typeof buildApp>>['app'];
  deps: Awaited<ReturnType<typeof buildApp>>['deps'];
  database: Database;
  config: Config;
  /** The clock the app sees; tests move it with `setNow`. */
  setNow(date: Date | null): void;
}

/** Builds the real app on a fresh database with the Lạng Sơn demo data, for one test file. */
export function useApp(options: { demo?: boolean; config?: Partial<Config> } = {}): TestContext {
  const ctx = {} as TestContext;
  let fixedNow: Date | null = null;
  beforeAll(async () => {
    ctx.database = await freshDatabase();
    ctx.config = { ...loadConfig({}), logLevel: 'silent', ...options.config };
    if (options.demo !== false) await seedDemo(ctx.database.db, TENANT);
    const built = await buildApp({
      config: ctx.config,
      database: ctx.database,
      logger: false,
      now: () => fixedNow ?? new Date(),
    });
    ctx.app = built.app;
    ctx.deps = built.deps;
    ctx.setNow = (d) => {
      fixedNow = d;
    };
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.database?.close();
  });
  return ctx;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
}

export async function login(ctx: TestContext, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'dh_session');
  return {
    cookie: `dh_session=${cookie?.value}`,
    csrfToken: res.json().csrfToken,
    userId: res.json().user.id,
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A request as the web app makes it: session cookie plus the CSRF header on writes. */
export function call(
  ctx: TestContext,
  session: Session | null,
  method: Method,
  url: string,
  payload?: unknown,
) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  }
  return ctx.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

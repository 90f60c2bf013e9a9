import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Fill an empty embedded database with demo data on first start. */
  demoOnEmptyEmbedded: boolean;
  defaultTenant: string;
  logLevel: string;
  sessionTtlHours: number;
  bodyLimitBytes: number;
  webDist: string;
  secureCookies: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimitPerMinute: number;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(repoRoot, 'data')),
    demoOnEmptyEmbedded: env.DEMO_DATA !== 'off',
    defaultTenant: env.TENANT ?? 'lang-son',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 10 * 1024 * 1024),
    webDist: path.resolve(env.WEB_DIST ?? path.join(repoRoot, 'web/dist')),
    secureCookies: env.SECURE_COOKIES === 'true',
    loginMaxFailures: Number(env.LOGIN_MAX_FAILURES ?? 5),
    loginLockMinutes: Number(env.LOGIN_LOCK_MINUTES ?? 15),
    loginRateLimitPerMinute: Number(env.LOGIN_RATE_LIMIT ?? 20),
  };
}

export const VERSION = '0.1.0';

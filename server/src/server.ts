import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo/seed.ts';
import { startJobWorker } from './kernel/index.ts';
import { DataDirLocked, openDatabase } from './platform/db.ts';
import { tenantExists } from './platform/tenants.ts';

/** `npm start`: open the database (migrating it), fill an empty embedded one with demo data, serve. */
export async function startServer() {
  const config = loadConfig();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLocked) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let demo = false;
  if (
    database.kind === 'pglite' &&
    config.demoOnEmptyEmbedded &&
    !(await tenantExists(database.db, config.defaultTenant))
  ) {
    const counts = await seedDemo(database.db, config.defaultTenant);
    demo = true;
    console.log(
      `Đã nạp dữ liệu mẫu / demo data loaded: ${counts.units} units, ${counts.officials} officials, ${counts.accounts} accounts`,
    );
  } else if (database.kind === 'pglite' && config.demoOnEmptyEmbedded) {
    demo = true;
  }
  const { app, deps } = await buildApp({ config, database });
  // Reminders, escalations and deliveries; stopped (the round in progress finished) on close.
  const worker = startJobWorker(deps, { log: app.log });
  app.addHook('onClose', () => worker.stop());

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests, closing the database');
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  console.log(`\nĐiều hành đang chạy tại / is running at ${url}  (API: ${url}/api, docs: ${url}/api/docs)`);
  console.log(
    `Cơ sở dữ liệu / database: ${database.kind === 'pglite' ? `PGlite (embedded) in ${config.dataDir}` : 'PostgreSQL'}`,
  );
  if (demo) {
    const names = DEMO_ACCOUNTS.map((a) => `${a.username} (${a.role})`).join(', ');
    console.log(
      `Chế độ demo / demo mode — đăng nhập / log in as: ${names}; mật khẩu / password: ${DEMO_PASSWORD}\n`,
    );
  }
  return app;
}

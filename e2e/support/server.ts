import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts the real server (`server/src/main.ts`) as a child process on a free port with a fresh
 * data folder, exactly as `npm start` would, and stops it with SIGTERM afterwards.
 *
 * - Without DATABASE_URL the server uses embedded PGlite in the temp folder and fills it with
 *   the demo data on first start.
 * - With DATABASE_URL (PostgreSQL) it is left set, and the demo data is loaded first with
 *   `server/src/cli/main.ts demo-data` (the server never seeds PostgreSQL by itself); a database
 *   that already holds the demo tenant is used as it is.
 */

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function loadDemoDataIntoPostgres(env: NodeJS.ProcessEnv) {
  const cli = path.join(REPO_ROOT, 'server/src/cli/main.ts');
  if (!fs.existsSync(cli)) {
    throw new Error(
      'DATABASE_URL is set but server/src/cli/main.ts does not exist yet: the PostgreSQL browser run needs ' +
        '`demo-data` from the server CLI to load the demo data.',
    );
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, 'demo-data'], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  // A database kept between runs already holds the demo tenant: the journeys only read the demo
  // data and create uniquely named records, so they can run on it again.
  if (result.status !== 0 && !/already has data/.test(result.stderr)) {
    throw new Error(`demo-data failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not answer /api/health within ${timeoutMs} ms:\n${output()}`);
}

export async function startServer(options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dieuhanh-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // Browser journeys log in many times from one address.
    LOGIN_RATE_LIMIT: process.env.LOGIN_RATE_LIMIT ?? '1000',
  };
  if (env.DATABASE_URL) loadDemoDataIntoPostgres(env);

  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const output = () => log.slice(-8000);
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, output, options.timeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, dataDir, output, stop };
}

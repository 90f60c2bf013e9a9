import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, type RunningServer, startServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: RunningServer | undefined;

/**
 * One real server for the whole browser run (starting one takes ~15 s with the demo data).
 * E2E_BASE_URL runs the journeys against a server already running instead (e.g. the Vite dev
 * server at http://localhost:5173 in front of `npm start`); it must hold the demo data.
 */
export async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/$/, ''));
    return;
  }
  if (!fs.existsSync(path.join(REPO_ROOT, 'web/dist/index.html'))) {
    throw new Error(
      'web/dist is missing: build the web app first (`npm run build -w web`, or `npm run test:e2e`).',
    );
  }
  server = await startServer();
  project.provide('baseUrl', server.url);
}

export async function teardown() {
  await server?.stop();
}

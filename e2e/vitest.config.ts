import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Browser journeys against the real server and the built web app (`npm run test:e2e` builds
// web/dist first). One fork, files one after another: they share one server and one Chromium
// binary, and timings are generous because a cold server seeds its demo data on start.
export default defineConfig({
  test: {
    root: path.resolve(import.meta.dirname, '..'),
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

// Unit tests (core) and integration tests (server, against a real database).
// Browser journeys live in e2e/ with their own config, run after the web build.
export default defineConfig({
  test: {
    include: ['core/src/**/*.test.ts', 'server/test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});

import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations only (`npx drizzle-kit generate`); never point push/studio at a live
// PGlite folder.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});

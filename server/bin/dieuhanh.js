#!/usr/bin/env node
// `npx dieuhanh …`: the TypeScript CLI run through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

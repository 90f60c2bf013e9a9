export { buildApp } from './app.ts';
export { loadConfig } from './config.ts';
export { startServer } from './server.ts';

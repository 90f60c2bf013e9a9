export * from './auth.ts';
export * from './org.ts';
export * from './platform.ts';

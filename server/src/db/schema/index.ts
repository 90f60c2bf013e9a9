export * from './auth.ts';
export * from './org.ts';
export * from './platform.ts';
export * from './kernel.ts';

export * from './auth.ts';
export * from './directives.ts';
export * from './files.ts';
export * from './kernel.ts';
export * from './org.ts';
export * from './platform.ts';
export * from './tasks.ts';

/**
 * Tasks (nhiệm vụ), the pure parts: the life cycle, deadlines, report status, recurrence periods
 * and avoidance signals. The server module `server/src/modules/tasks` stores and serves them.
 */
export * from './avoidance.ts';
export * from './deadline.ts';
export * from './recurrence.ts';
export * from './status.ts';
export * from './types.ts';
export * from './workflow.ts';

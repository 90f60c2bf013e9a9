import { calendarModule } from '../modules/calendar/module.tsx';
import { directivesModule } from '../modules/directives/module.tsx';
import { orgModule } from '../modules/org/module.tsx';
import { tasksModule } from '../modules/tasks/module.tsx';
import { usersModule } from '../modules/users/module.tsx';
import type { WebModule } from './registry.ts';

/**
 * Every module of the web app, in navigation order. Add a module here and only here; a module
 * that does not exist yet has no entry (the navigation never shows a page that is not built).
 */
export const MODULES: readonly WebModule[] = [
  tasksModule,
  directivesModule,
  calendarModule,
  orgModule,
  usersModule,
];

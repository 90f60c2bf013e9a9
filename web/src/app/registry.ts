import type { Permission } from '@dieuhanh/core/access/permissions';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Bilingual } from '../shared/i18n/i18n.tsx';

/**
 * What a module tells the shell: its name in the side navigation and its pages. The router and
 * the navigation are both derived from `MODULES` (modules.ts), so a new module is one folder
 * under `modules/` plus one line there — nothing else in the shell changes.
 */
export interface ModulePage {
  /** Absolute path, e.g. `/org/units`; may end with `/*` to own a sub-tree of routes. */
  path: string;
  label: Bilingual;
  icon: ReactNode;
  /** Required to see the entry and open the page (the server checks again on every call). */
  permission: Permission;
  /** Loaded on first visit: every page is its own chunk. */
  component: LazyExoticComponent<ComponentType>;
  /** Hidden pages are routable but not listed (e.g. a detail page reached from a list). */
  hidden?: boolean;
}

export interface WebModule {
  /** The same name as the server module (`server/src/modules/<key>`). */
  key: string;
  label: Bilingual;
  pages: ModulePage[];
}

/** The pages of a module the user may open, in declaration order. */
export function visiblePages(module: WebModule, can: (p: Permission) => boolean): ModulePage[] {
  return module.pages.filter((page) => can(page.permission));
}

/** The path a page is linked to in the navigation (without a trailing `/*`). */
export function linkOf(page: ModulePage): string {
  return page.path.replace(/\/\*$/, '');
}

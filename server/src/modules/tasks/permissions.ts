/**
 * Who sees a task and in which capacity they act on it.
 *
 * Visibility (always in the SQL `WHERE`, see `repository.visibleClause`): a task is visible to
 * - anyone holding `task.read` on a subtree containing its lead or a support unit (leaders and the
 *   Office monitor hold it on the province, so they see everything);
 * - a unit head or officer whose grant lies inside the lead or a support unit (a division's
 *   officer sees the department's tasks), the tenant's root unit excepted;
 * - the official's own unit's tasks; the task's assignee; its assigner.
 * Nobody else: a specific task outside this answers 404, exactly like a missing one.
 *
 * Capacities (workflow roles) on one task: the platform roles held over its lead unit (`leader`,
 * `monitor`, …), `assigner`, `assignee`, `lead_unit_member` (unit head or officer with a grant in
 * the lead unit's subtree or covering it) and `lead_unit_head` (the same, unit heads only).
 */
import { P, type Principal, roleHas, scopePaths } from '@dieuhanh/core/access/permissions';

export interface Visibility {
  userId: string;
  /** Sees every task of the tenant (a `task.read` grant on a root unit). */
  all: boolean;
  /** Subtrees where the caller holds `task.read`. */
  readPaths: string[];
  /** Grant paths of the doing roles (unit head, officer): their ancestors' tasks are theirs too. */
  memberPaths: string[];
  /** The caller's official's unit, when they may read tasks at all. */
  unitId: string | null;
}

const DOING_ROLES = new Set(['unit_head', 'officer']);

/** A path with one segment (`/ubnd-tinh/`) is a root of the tenant's tree. */
export const isRootPath = (path: string) => path.split('/').filter(Boolean).length === 1;

export function visibilityOf(principal: Principal): Visibility {
  const readPaths = scopePaths(principal, P.taskRead);
  const readsTasks = readPaths.length > 0;
  return {
    userId: principal.userId,
    all: readPaths.some(isRootPath),
    readPaths,
    memberPaths: [...new Set(principal.grants.filter((g) => DOING_ROLES.has(g.role)).map((g) => g.unitPath))],
    unitId: readsTasks ? principal.unitId : null,
  };
}

export interface TaskRelations {
  assignerId: string;
  assigneeId: string | null;
  leadUnitPath: string;
}

/** The workflow roles the caller holds on one task. */
export function rolesOn(principal: Principal, task: TaskRelations): Set<string> {
  const roles = new Set<string>();
  const lead = task.leadUnitPath;
  for (const g of principal.grants) {
    if (lead.startsWith(g.unitPath)) roles.add(g.role);
    if (DOING_ROLES.has(g.role) && (g.unitPath.startsWith(lead) || lead.startsWith(g.unitPath))) {
      roles.add('lead_unit_member');
      if (g.role === 'unit_head') roles.add('lead_unit_head');
    }
  }
  if (principal.userId === task.assignerId) roles.add('assigner');
  if (task.assigneeId && principal.userId === task.assigneeId) roles.add('assignee');
  // Jobs only: never a person's capacity, whatever a grant might be called.
  roles.delete('system');
  return roles;
}

/** Roles whose holders may be recorded as a task's assigner (a leader, or the Office for them). */
export const ASSIGNER_ROLES = ['leader', 'monitor'] as const;

export function canAssign(grants: Array<{ role: string }>): boolean {
  return grants.some((g) => ASSIGNER_ROLES.some((r) => r === g.role && roleHas(r, P.taskAssign)));
}

/**
 * Turns the relation names of a workflow's `notify` lists into user ids. A module's resolver is
 * asked first (it knows `assigner`, `applicant`…); the kernel answers the relations every item
 * has.
 */
import type { Db } from '../platform/db.ts';
import type { KindConfig } from './registry.ts';
import * as repo from './repository.ts';
import type { WorkItem } from './types.ts';

export const HEAD_ROLES = ['unit_head'];

export async function resolveRelation(
  db: Db,
  config: KindConfig,
  item: WorkItem,
  relation: string,
): Promise<string[]> {
  const custom = config.resolveRecipients ? await config.resolveRecipients(db, item, relation) : undefined;
  if (custom !== undefined) return custom;
  switch (relation) {
    case 'assignee':
      return item.assigneeId ? [item.assigneeId] : [];
    case 'creator':
      return item.createdBy ? [item.createdBy] : [];
    case 'owner_unit':
      return repo.usersWithRoleOn(db, item.tenantId, [item.ownerUnitId], HEAD_ROLES);
    case 'lead_unit':
      return repo.usersWithRoleOn(db, item.tenantId, item.leadUnitIds, HEAD_ROLES);
    case 'support_unit':
      return repo.usersWithRoleOn(db, item.tenantId, item.supportUnitIds, HEAD_ROLES);
    case 'monitor': {
      const unit = await repo.unitNode(db, item.tenantId, item.ownerUnitId);
      return unit ? repo.usersWithRoleCovering(db, item.tenantId, unit.path, 'monitor') : [];
    }
    default:
      return [];
  }
}

export async function resolveRecipients(
  db: Db,
  config: KindConfig,
  item: WorkItem,
  relations: readonly string[],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const relation of relations)
    for (const id of await resolveRelation(db, config, item, relation)) ids.add(id);
  return [...ids];
}

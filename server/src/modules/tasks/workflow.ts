/**
 * Registers the task kind with the work-item kernel: the life cycle (declared once in
 * core/src/tasks/workflow.ts), reminders one working day before the due moment and when three
 * quarters of the time are used, escalation at the due moment to the lead unit's head and then,
 * two working days later, one level up (the provincial leaders for a department). The monitor is
 * told of reminders, overdue tasks and escalations through the workflow's `notify` lists.
 */
import { TASK_AT_RISK_SHARE, taskWorkflow } from '@dieuhanh/core/tasks/index';
import { registerKind } from '../../kernel/index.ts';
import { getTaskRow } from './repository.ts';

export const TASK_KIND = 'task';

export const taskKind = registerKind({
  kind: TASK_KIND,
  workflow: taskWorkflow,
  reminders: {
    before: [{ unit: 'days', amount: 1 }],
    atRiskShare: TASK_AT_RISK_SHARE,
    notify: ['assignee', 'lead_unit', 'monitor'],
  },
  escalation: { every: { unit: 'days', amount: 2 }, maxLevels: 2, roles: ['unit_head', 'leader'] },
  cancelStates: ['cancelled'],
  notifyOnCreate: ['assignee', 'lead_unit'],
  async resolveRecipients(db, item, relation) {
    if (relation !== 'assigner') return undefined;
    const row = await getTaskRow(db, item.tenantId, item.id);
    return row ? [row.assignerId] : [];
  },
});

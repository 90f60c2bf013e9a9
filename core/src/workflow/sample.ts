import { defineWorkflow } from './define.ts';
import { SAME } from './types.ts';

/**
 * A realistic task life cycle, used by the tests and as a model for module authors. Modules
 * declare their own (e.g. `server/src/modules/directives/workflow.ts`); this one is not exported.
 */
export interface SampleTaskContext {
  openSubtasks: number;
  attachments: number;
}

export const sampleTaskWorkflow = defineWorkflow({
  kind: 'task',
  states: {
    assigned: { start: true, labelVi: 'Đã giao', labelEn: 'Assigned' },
    accepted: { labelVi: 'Đã tiếp nhận', labelEn: 'Accepted' },
    returned: { labelVi: 'Bị trả lại', labelEn: 'Returned' },
    in_progress: { labelVi: 'Đang thực hiện', labelEn: 'In progress' },
    completion_submitted: { labelVi: 'Chờ xác nhận hoàn thành', labelEn: 'Completion submitted' },
    done: { terminal: true, labelVi: 'Hoàn thành', labelEn: 'Done' },
    cancelled: { terminal: true, labelVi: 'Đã hủy', labelEn: 'Cancelled' },
  },
  actions: {
    accept: {
      from: ['assigned'],
      to: 'accepted',
      roles: ['unit_head', 'assignee'],
      labelVi: 'Tiếp nhận',
      labelEn: 'Accept',
      notify: ['assigner'],
    },
    return: {
      from: ['assigned'],
      to: 'returned',
      roles: ['unit_head'],
      labelVi: 'Trả lại',
      labelEn: 'Return',
      requiresReason: true,
      notify: ['assigner', 'monitor'],
      counts: 'returns',
    },
    reassign: {
      from: ['returned'],
      to: 'assigned',
      roles: ['assigner', 'monitor'],
      labelVi: 'Giao lại',
      labelEn: 'Reassign',
      notify: ['assignee'],
    },
    start_work: {
      from: ['accepted'],
      to: 'in_progress',
      roles: ['unit_head', 'assignee'],
      labelVi: 'Bắt đầu thực hiện',
      labelEn: 'Start work',
    },
    report_progress: {
      from: ['in_progress'],
      to: SAME,
      roles: ['assignee'],
      labelVi: 'Báo cáo tiến độ',
      labelEn: 'Report progress',
      notify: ['assigner'],
    },
    extend: {
      from: ['accepted', 'in_progress'],
      to: SAME,
      roles: ['leader', 'assigner'],
      labelVi: 'Gia hạn',
      labelEn: 'Extend',
      requiresReason: true,
      clock: 'extend',
      notify: ['assignee', 'monitor'],
      counts: 'extensions',
    },
    submit_completion: {
      from: ['in_progress'],
      to: 'completion_submitted',
      roles: ['unit_head', 'assignee'],
      labelVi: 'Báo cáo hoàn thành',
      labelEn: 'Submit completion',
      clock: 'pause',
      notify: ['assigner'],
      guard: (ctx: SampleTaskContext) => {
        if (ctx.openSubtasks > 0) {
          return {
            code: 'open_subtasks',
            messageVi: `Còn ${ctx.openSubtasks} nhiệm vụ con chưa hoàn thành.`,
            messageEn: `${ctx.openSubtasks} sub-tasks are still open.`,
          };
        }
        if (ctx.attachments === 0) {
          return {
            code: 'evidence_required',
            field: '/attachments',
            messageVi: 'Cần đính kèm văn bản, minh chứng kết quả.',
            messageEn: 'Attach the document or evidence of the result.',
          };
        }
        return null;
      },
    },
    confirm_done: {
      from: ['completion_submitted'],
      to: 'done',
      roles: ['assigner', 'monitor'],
      labelVi: 'Xác nhận hoàn thành',
      labelEn: 'Confirm completion',
      clock: 'stop',
      notify: ['assignee', 'lead_unit'],
    },
    send_back: {
      from: ['completion_submitted'],
      to: 'in_progress',
      roles: ['assigner', 'monitor'],
      labelVi: 'Yêu cầu thực hiện tiếp',
      labelEn: 'Send back',
      requiresReason: true,
      clock: 'resume',
      notify: ['assignee'],
      counts: ['send_backs'],
    },
    remind: {
      from: ['assigned', 'accepted', 'in_progress'],
      to: SAME,
      roles: ['monitor', 'system'],
      labelVi: 'Nhắc việc',
      labelEn: 'Remind',
      notify: ['assignee'],
      counts: 'reminders',
    },
    cancel: {
      from: ['assigned', 'accepted', 'returned', 'in_progress', 'completion_submitted'],
      to: 'cancelled',
      roles: ['leader', 'assigner'],
      labelVi: 'Hủy nhiệm vụ',
      labelEn: 'Cancel',
      requiresReason: true,
      clock: 'stop',
      notify: ['assignee', 'lead_unit', 'monitor'],
    },
  },
});

/**
 * The life cycle of a task (nhiệm vụ), declared once. The server registers it with the work-item
 * kernel (`server/src/modules/tasks/workflow.ts`); the web app reads the same definition to label
 * states and buttons.
 *
 * Roles: `leader`, `monitor` (platform roles held over the task's lead unit) and `assigner` (the
 * leader who assigned it) act on the assigner's side; `lead_unit_member` (a unit head or officer
 * whose grant lies in the lead unit's subtree or covers it), `lead_unit_head` (the same, unit heads
 * only) and `assignee` (the official the unit put on it) act on the doing side; `system` is a job.
 */
import type { Instant } from '../calendar/types.ts';
import { defineWorkflow, type GuardFailure, SAME } from '../workflow/index.ts';

/** What the guards look at: the task as it stands and what the caller sent. */
export interface TaskContext {
  now: Instant;
  /** End of the acceptance window: the last moment a return is allowed. */
  acceptanceDeadline: Instant;
  /** The due moment now in force (null when no clock runs). */
  dueAt: Instant | null;
  pendingExtension: boolean;
  leadUnitId: string;
  input: {
    progressPercent?: number | undefined;
    progressText?: string | undefined;
    extensionDueAt?: Instant | undefined;
    hasResult?: boolean | undefined;
    newLeadUnitId?: string | undefined;
    assigneeId?: string | undefined;
  };
}

const ASSIGNER_SIDE = ['assigner', 'leader', 'monitor'] as const;
const DOING_SIDE = ['lead_unit_member', 'assignee'] as const;
const OPEN_STATES = ['assigned', 'returned', 'accepted', 'in_progress', 'completion_submitted'] as const;

const fail = (code: string, messageVi: string, messageEn: string, field?: string): GuardFailure =>
  field ? { code, messageVi, messageEn, field } : { code, messageVi, messageEn };

export const taskWorkflow = defineWorkflow({
  kind: 'task',
  states: {
    assigned: { start: true, labelVi: 'Đã giao', labelEn: 'Assigned' },
    returned: { labelVi: 'Bị trả lại', labelEn: 'Returned' },
    accepted: { labelVi: 'Đã tiếp nhận', labelEn: 'Accepted' },
    in_progress: { labelVi: 'Đang thực hiện', labelEn: 'In progress' },
    completion_submitted: { labelVi: 'Chờ xác nhận hoàn thành', labelEn: 'Completion submitted' },
    done: { terminal: true, labelVi: 'Hoàn thành', labelEn: 'Done' },
    cancelled: { terminal: true, labelVi: 'Đã hủy', labelEn: 'Cancelled' },
  },
  actions: {
    accept: {
      from: ['assigned'],
      to: 'accepted',
      roles: DOING_SIDE,
      labelVi: 'Tiếp nhận',
      labelEn: 'Accept',
      notify: ['assigner'],
    },
    return: {
      from: ['assigned'],
      to: 'returned',
      roles: DOING_SIDE,
      labelVi: 'Trả lại người giao',
      labelEn: 'Return to the assigner',
      requiresReason: true,
      counts: 'returns',
      notify: ['assigner', 'monitor'],
      guard: (ctx: TaskContext) =>
        ctx.now > ctx.acceptanceDeadline
          ? fail(
              'return_window_closed',
              'Đã quá thời hạn được trả lại nhiệm vụ; đề nghị tiếp nhận hoặc xin gia hạn.',
              'The window for returning this task has closed; accept it or request an extension.',
            )
          : null,
    },
    reassign: {
      from: ['assigned', 'returned', 'accepted', 'in_progress'],
      to: 'assigned',
      roles: ASSIGNER_SIDE,
      labelVi: 'Giao lại đơn vị khác',
      labelEn: 'Reassign to another unit',
      requiresReason: true,
      counts: 'reassignments',
      notify: ['lead_unit', 'monitor'],
      guard: (ctx: TaskContext, transition) => {
        if (!ctx.input.newLeadUnitId)
          return fail(
            'lead_unit_required',
            'Cần chọn đơn vị chủ trì mới.',
            'Choose the new lead unit.',
            '/reassign/leadUnitId',
          );
        // A returned task may go back to the same unit (the leader insists it is theirs).
        if (ctx.input.newLeadUnitId === ctx.leadUnitId && transition.from !== 'returned')
          return fail(
            'same_lead_unit',
            'Đơn vị chủ trì mới trùng với đơn vị hiện tại.',
            'The new lead unit is the current one.',
            '/reassign/leadUnitId',
          );
        return null;
      },
    },
    assign_person: {
      from: ['assigned', 'accepted', 'in_progress'],
      to: SAME,
      roles: ['lead_unit_head', ...ASSIGNER_SIDE],
      labelVi: 'Phân công cán bộ',
      labelEn: 'Assign an official',
      notify: ['assignee'],
      guard: (ctx: TaskContext) =>
        ctx.input.assigneeId
          ? null
          : fail('assignee_required', 'Cần chọn cán bộ thực hiện.', 'Choose the official.', '/assigneeId'),
    },
    start_work: {
      from: ['accepted'],
      to: 'in_progress',
      roles: DOING_SIDE,
      labelVi: 'Bắt đầu thực hiện',
      labelEn: 'Start work',
    },
    report_progress: {
      from: ['in_progress'],
      to: SAME,
      roles: DOING_SIDE,
      labelVi: 'Báo cáo tiến độ',
      labelEn: 'Report progress',
      counts: 'progress_reports',
      notify: ['assigner'],
      guard: (ctx: TaskContext) => {
        const p = ctx.input.progressPercent;
        if (p === undefined || !Number.isInteger(p) || p < 0 || p > 100)
          return fail(
            'progress_required',
            'Cần nêu tỷ lệ hoàn thành (0–100%).',
            'Give the percentage done (0–100).',
            '/progress/percent',
          );
        if (!ctx.input.progressText?.trim())
          return fail(
            'progress_text_required',
            'Cần nêu nội dung tiến độ.',
            'Describe the progress.',
            '/progress/text',
          );
        return null;
      },
    },
    request_extension: {
      from: ['accepted', 'in_progress'],
      to: SAME,
      roles: DOING_SIDE,
      labelVi: 'Xin gia hạn',
      labelEn: 'Request an extension',
      requiresReason: true,
      counts: 'extension_requests',
      notify: ['assigner', 'monitor'],
      guard: (ctx: TaskContext) => {
        if (ctx.pendingExtension)
          return fail(
            'extension_pending',
            'Đã có đề nghị gia hạn đang chờ xem xét.',
            'An extension request is already waiting for a decision.',
          );
        const due = ctx.input.extensionDueAt;
        if (due === undefined)
          return fail(
            'extension_due_required',
            'Cần nêu thời hạn đề nghị gia hạn.',
            'Give the requested new deadline.',
            '/extension/dueAt',
          );
        if (ctx.dueAt !== null && due <= ctx.dueAt)
          return fail(
            'extension_not_later',
            'Hạn đề nghị phải sau hạn hiện tại.',
            'The requested deadline must be after the current one.',
            '/extension/dueAt',
          );
        return null;
      },
    },
    approve_extension: {
      from: ['accepted', 'in_progress'],
      to: SAME,
      roles: ['assigner', 'leader'],
      labelVi: 'Đồng ý gia hạn',
      labelEn: 'Approve the extension',
      requiresReason: true,
      clock: 'extend',
      counts: 'extensions',
      notify: ['lead_unit', 'assignee', 'monitor'],
      guard: (ctx: TaskContext) =>
        ctx.pendingExtension
          ? null
          : fail('no_extension_request', 'Không có đề nghị gia hạn nào.', 'There is no extension request.'),
    },
    refuse_extension: {
      from: ['accepted', 'in_progress'],
      to: SAME,
      roles: ['assigner', 'leader'],
      labelVi: 'Không đồng ý gia hạn',
      labelEn: 'Refuse the extension',
      requiresReason: true,
      counts: 'extension_refusals',
      notify: ['lead_unit', 'assignee'],
      guard: (ctx: TaskContext) =>
        ctx.pendingExtension
          ? null
          : fail('no_extension_request', 'Không có đề nghị gia hạn nào.', 'There is no extension request.'),
    },
    submit_completion: {
      from: ['in_progress'],
      to: 'completion_submitted',
      roles: DOING_SIDE,
      labelVi: 'Báo cáo hoàn thành',
      labelEn: 'Submit completion',
      // The monitor's review time does not count against the unit.
      clock: 'pause',
      notify: ['assigner', 'monitor'],
      guard: (ctx: TaskContext) =>
        ctx.input.hasResult
          ? null
          : fail(
              'result_required',
              'Cần nêu kết quả và văn bản báo cáo hoàn thành.',
              'Give the result and the completion document.',
              '/result',
            ),
    },
    confirm_done: {
      from: ['completion_submitted'],
      to: 'done',
      roles: ASSIGNER_SIDE,
      labelVi: 'Xác nhận hoàn thành',
      labelEn: 'Confirm completion',
      clock: 'stop',
      notify: ['lead_unit', 'assignee'],
    },
    send_back: {
      from: ['completion_submitted'],
      to: 'in_progress',
      roles: ASSIGNER_SIDE,
      labelVi: 'Yêu cầu thực hiện tiếp',
      labelEn: 'Send back',
      requiresReason: true,
      clock: 'resume',
      counts: 'send_backs',
      notify: ['lead_unit', 'assignee'],
    },
    remind: {
      from: ['assigned', 'accepted', 'in_progress'],
      to: SAME,
      roles: ['monitor', 'leader', 'assigner', 'system'],
      labelVi: 'Đôn đốc',
      labelEn: 'Remind',
      counts: 'reminders',
      notify: ['assignee', 'lead_unit', 'monitor'],
    },
    // The kernel's jobs fire these (role `system`); declared here so the monitor and the assigner
    // are told too, and so a returned task still counts as overdue.
    overdue: {
      from: ['assigned', 'returned', 'accepted', 'in_progress'],
      to: SAME,
      roles: ['system'],
      labelVi: 'Quá hạn xử lý',
      labelEn: 'Overdue',
      notify: ['assignee', 'lead_unit', 'assigner', 'monitor'],
    },
    escalated: {
      from: ['assigned', 'returned', 'accepted', 'in_progress'],
      to: SAME,
      roles: ['system'],
      labelVi: 'Quá hạn, báo cáo cấp trên',
      labelEn: 'Overdue, escalated',
      // The kernel numbers escalation levels by this counter.
      counts: 'escalations',
      notify: ['monitor'],
    },
    cancel: {
      from: OPEN_STATES,
      to: 'cancelled',
      roles: ['assigner', 'leader'],
      labelVi: 'Hủy nhiệm vụ',
      labelEn: 'Cancel the task',
      requiresReason: true,
      clock: 'stop',
      notify: ['lead_unit', 'assignee', 'monitor'],
    },
  },
});

export type TaskState = keyof typeof taskWorkflow.states;
export type TaskAction = keyof typeof taskWorkflow.actions;
export const TASK_STATES = Object.keys(taskWorkflow.states) as TaskState[];
export const TASK_ACTIONS = Object.keys(taskWorkflow.actions) as TaskAction[];
/** States in which the task is still open (not done, not cancelled). */
export const OPEN_TASK_STATES: readonly TaskState[] = OPEN_STATES;

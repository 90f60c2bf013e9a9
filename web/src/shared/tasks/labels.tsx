import type { TaskStatus } from '@dieuhanh/core/tasks/status';
import { TASK_STATUS_LABELS } from '@dieuhanh/core/tasks/status';
import type { TaskPriority } from '@dieuhanh/core/tasks/types';
import { type TaskState, taskWorkflow } from '@dieuhanh/core/tasks/workflow';
import { Tag, Tooltip } from 'antd';
import type { Bilingual } from '../i18n/i18n.tsx';
import { pick, useI18n } from '../i18n/i18n.tsx';

/** Colours of the Office's report statuses, from the kernel's clock evaluation. */
export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  within: 'blue',
  at_risk: 'warning',
  overdue: 'error',
  done_early: 'success',
  on_time: 'green',
  late: 'volcano',
  cancelled: 'default',
};

export const PRIORITY_LABELS: Record<TaskPriority, Bilingual> = {
  normal: { vi: 'Thường', en: 'Normal' },
  high: { vi: 'Khẩn', en: 'High' },
  urgent: { vi: 'Hỏa tốc', en: 'Urgent' },
};
export const PRIORITY_COLORS: Record<TaskPriority, string> = {
  normal: 'default',
  high: 'orange',
  urgent: 'red',
};

export function stateLabel(state: string): Bilingual {
  const s = (taskWorkflow.states as Record<string, { labelVi: string; labelEn: string }>)[state];
  return s ? { vi: s.labelVi, en: s.labelEn } : { vi: state, en: state };
}

export function actionLabelOf(action: string): Bilingual {
  const a = (taskWorkflow.actions as Record<string, { labelVi: string; labelEn: string }>)[action];
  return a ? { vi: a.labelVi, en: a.labelEn } : { vi: action, en: action };
}

export function TaskStatusTag({ status, state }: { status: TaskStatus; state?: TaskState | string }) {
  const { lang } = useI18n();
  const tag = (
    <Tag
      color={TASK_STATUS_COLORS[status]}
      data-testid="task-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {pick(TASK_STATUS_LABELS[status], lang)}
    </Tag>
  );
  return state ? <Tooltip title={pick(stateLabel(state), lang)}>{tag}</Tooltip> : tag;
}

export function PriorityTag({ priority }: { priority: TaskPriority }) {
  const { lang } = useI18n();
  if (priority === 'normal') return null;
  return (
    <Tag color={PRIORITY_COLORS[priority]} style={{ marginInlineEnd: 0 }}>
      {pick(PRIORITY_LABELS[priority], lang)}
    </Tag>
  );
}

/** Working minutes left → "còn 2 ngày 3 giờ" / "quá 1 ngày" (8-hour working days). */
export function formatLeft(minutes: number, lang: 'vi' | 'en', hoursPerDay = 8): string {
  const abs = Math.abs(Math.round(minutes));
  const perDay = hoursPerDay * 60;
  const days = Math.floor(abs / perDay);
  const hours = Math.floor((abs % perDay) / 60);
  const mins = abs % 60;
  const parts: string[] = [];
  if (lang === 'vi') {
    if (days) parts.push(`${days} ngày`);
    if (hours) parts.push(`${hours} giờ`);
    if (!days && !hours) parts.push(`${mins} phút`);
    return minutes >= 0 ? `còn ${parts.join(' ')} làm việc` : `quá hạn ${parts.join(' ')} làm việc`;
  }
  if (days) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  if (hours) parts.push(`${hours} h`);
  if (!days && !hours) parts.push(`${mins} min`);
  return minutes >= 0 ? `${parts.join(' ')} working time left` : `overdue by ${parts.join(' ')} working time`;
}

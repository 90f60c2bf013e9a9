/** Rows → the API's shapes (core/src/api/tasks.ts). Status always comes from the clock, here. */
import type { ClockView, TaskListItem, WorkItemView } from '@dieuhanh/core/api/tasks';
import type { WorkingCalendar } from '@dieuhanh/core/calendar/index';
import { type ClockData, type ClockEvaluation, evaluateClock } from '@dieuhanh/core/sla/index';
import {
  TASK_AT_RISK_SHARE,
  type TaskPriority,
  type TaskSourceKind,
  type TaskState,
  taskStatus,
} from '@dieuhanh/core/tasks/index';
import type { Static } from 'typebox';
import type { ItemRow, TaskListRow } from './repository.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const isoMs = (ms: number) => new Date(ms).toISOString();

export function evaluationOf(item: ItemRow, cal: WorkingCalendar, now: Date): ClockEvaluation | null {
  const clock = item.clock as ClockData | null;
  return clock ? evaluateClock(clock, cal, now.getTime(), { atRiskShare: TASK_AT_RISK_SHARE }) : null;
}

export interface PendingExtension {
  dueAt: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

export interface ProgressEntry {
  percent: number;
  text: string | null;
  at: string | null;
}

export function toListItem(row: TaskListRow, cal: WorkingCalendar, now: Date): TaskListItem {
  const { task, item } = row;
  const e = evaluationOf(item, cal, now);
  return {
    id: item.id,
    title: item.title,
    state: item.state as TaskState,
    status: taskStatus(e, item.outcome === 'cancelled'),
    priority: task.priority as TaskPriority,
    sourceKind: task.sourceKind as TaskSourceKind,
    directiveId: task.directiveId,
    directiveItemId: task.directiveItemId,
    meetingId: task.meetingId,
    conclusionId: task.conclusionId,
    seriesId: task.seriesId,
    period: task.period,
    leadUnitId: item.ownerUnitId,
    leadUnitName: row.leadUnitName ?? item.ownerUnitId,
    supportUnitIds: row.supportUnitIds,
    assigneeId: item.assigneeId,
    assigneeName: row.assigneeName,
    assignerId: task.assignerId,
    assignerName: row.assignerName ?? task.assignerId,
    assignedAt: task.assignedAt.toISOString(),
    dueAt: e ? isoMs(e.dueAt) : iso(item.dueAt),
    stoppedAt: iso(item.stoppedAt),
    leftMinutes: e && e.state !== 'stopped' ? e.leftMinutes : null,
    progress: {
      percent: task.progressPercent,
      text: task.progressText,
      at: iso(task.lastProgressAt),
    },
    pendingExtension: (task.pendingExtension as PendingExtension | null) ?? null,
    counters: item.counters as Record<string, number>,
    createdAt: item.createdAt.toISOString(),
    version: item.version,
  };
}

export function toClockView(
  clock: ClockData | null,
  e: ClockEvaluation | null,
): Static<typeof ClockView> | null {
  if (!clock || !e) return null;
  return {
    state: e.state,
    startedAt: isoMs(clock.startedAt),
    dueAt: isoMs(e.dueAt),
    budgetMinutes: e.budgetMinutes,
    usedMinutes: e.usedMinutes,
    leftMinutes: e.leftMinutes,
    pausedMinutes: e.pausedMinutes,
    extensionCount: e.extensionCount,
    status: e.status,
    atRisk: e.atRisk,
    outcome: e.outcome,
    extensions: clock.extensions.map((x) => ({
      at: isoMs(x.at),
      previousDueAt: isoMs(x.previousDueAt),
      dueAt: x.kind === 'due' ? isoMs(x.dueAt) : null,
      reason: x.reason,
      grantedBy: x.grantedBy,
    })),
  };
}

export function toWorkItemView(
  item: ItemRow,
  units: { lead: string[]; support: string[] },
): Static<typeof WorkItemView> {
  return {
    id: item.id,
    kind: item.kind,
    state: item.state,
    ownerUnitId: item.ownerUnitId,
    leadUnitIds: units.lead,
    supportUnitIds: units.support,
    assigneeId: item.assigneeId,
    dueAt: iso(item.dueAt),
    startedAt: iso(item.startedAt),
    stoppedAt: iso(item.stoppedAt),
    pausedSince: iso(item.pausedSince),
    outcome: item.outcome,
    overdue: item.overdue,
    counters: item.counters as Record<string, number>,
    version: item.version,
  };
}

import type {
  AvoidanceQuery,
  AvoidanceReport,
  Board,
  BoardQuery,
  TaskActionBody,
  TaskBulkBody,
  TaskBulkResult,
  TaskCreateRequest,
  TaskDetail,
  TaskListItem,
  TaskListQuery,
} from '@dieuhanh/core/api/tasks';
import type { TaskAction } from '@dieuhanh/core/tasks/workflow';
import { api, download, type Query } from './client.ts';
import type { Page } from './org.ts';

const enc = encodeURIComponent;

export type TaskActionView = TaskDetail['actions'][number];
export type TimelineEntry = TaskDetail['timeline'][number];

export interface TaskCreateResult {
  items: Array<{ taskIds: string[]; seriesId: string | null }>;
  tasks: TaskListItem[];
}

export type ExportFormat = 'xlsx' | 'csv';

/** Routes of `server/src/modules/tasks/routes.ts` (contract: `core/src/api/tasks.ts`). */
export const tasksApi = {
  list: (query: TaskListQuery, signal?: AbortSignal) =>
    api.get<Page<TaskListItem>>('/tasks', query as Query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TaskDetail>(`/tasks/${enc(id)}`, {}, signal),
  create: (body: TaskCreateRequest) => api.post<TaskCreateResult>('/tasks', body),
  act: (id: string, action: TaskAction, body: TaskActionBody) =>
    api.post<TaskDetail>(`/tasks/${enc(id)}/actions/${enc(action)}`, body),
  bulk: (body: TaskBulkBody) => api.post<TaskBulkResult>('/tasks/bulk', body),
  board: (query: BoardQuery, signal?: AbortSignal) => api.get<Board>('/tasks/board', query as Query, signal),
  avoidance: (query: AvoidanceQuery, signal?: AbortSignal) =>
    api.get<AvoidanceReport>('/tasks/avoidance', query as Query, signal),
  /** The list with the same filters, as a spreadsheet. */
  exportList: (query: TaskListQuery, format: ExportFormat = 'xlsx') =>
    download('/tasks/export', { ...(query as Query), format }, `nhiem-vu.${format}`),
  /** The board as an administrative report (.docx). */
  exportBoard: (query: BoardQuery) => download('/tasks/board/report', query as Query, 'bao-cao.docx'),
};

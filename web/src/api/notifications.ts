import { api } from './client.ts';

/** One notification of the caller (`server/src/kernel/schemas.ts`, NotificationSchema). */
export interface NotificationView {
  id: string;
  itemId: string | null;
  itemKind: string | null;
  kind: string;
  titleVi: string;
  titleEn: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
}

export const notificationsApi = {
  list: (query: { unread?: boolean; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<NotificationPage>('/notifications', query, signal),
  unreadCount: (signal?: AbortSignal) =>
    api.get<{ count: number }>('/notifications/unread-count', {}, signal),
  markRead: (id: string) => api.post<void>(`/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<{ updated: number }>('/notifications/read-all'),
};

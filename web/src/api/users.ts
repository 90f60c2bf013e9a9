import type { Role } from '@dieuhanh/core/access/permissions';
import type { User, UserCreate, UserUpdate } from '@dieuhanh/core/api/auth';
import { api } from './client.ts';
import type { Page } from './org.ts';

export const usersApi = {
  list: (query: { q?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<Page<User>>('/users', query, signal),
  create: (body: UserCreate) => api.post<User>('/users', body),
  update: (id: string, body: UserUpdate) => api.patch<User>(`/users/${encodeURIComponent(id)}`, body),
  addGrant: (id: string, role: Role, unitId: string) =>
    api.post<User>(`/users/${encodeURIComponent(id)}/grants`, { role, unitId }),
  removeGrant: (id: string, grantId: string) =>
    api.delete<User>(`/users/${encodeURIComponent(id)}/grants/${encodeURIComponent(grantId)}`),
};

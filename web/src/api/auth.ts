import type { Me, User } from '@dieuhanh/core/api/auth';
import { api, request } from './client.ts';

export interface LoginResult {
  user: User;
  csrfToken: string;
}

export const authApi = {
  login: (username: string, password: string) =>
    request<LoginResult>('POST', '/auth/login', { body: { username, password }, expect401: true }),
  logout: () => api.post<void>('/auth/logout'),
  /** The current session, or a 401 ApiError when nobody is logged in. */
  me: (signal?: AbortSignal) => request<Me>('GET', '/me', { expect401: true, ...(signal ? { signal } : {}) }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/auth/password', { currentPassword, newPassword }),
};

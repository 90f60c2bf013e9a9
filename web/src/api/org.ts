import type {
  Official,
  OfficialListQuery,
  Unit,
  UnitCreate,
  UnitListQuery,
  UnitUpdate,
} from '@dieuhanh/core/api/org';
import { api } from './client.ts';

export interface Page<T> {
  items: T[];
  total: number;
}

export const orgApi = {
  units: (query: UnitListQuery = {}, signal?: AbortSignal) =>
    api.get<Page<Unit>>('/units', { limit: 1000, ...query }, signal),
  unit: (id: string, signal?: AbortSignal) => api.get<Unit>(`/units/${encodeURIComponent(id)}`, {}, signal),
  createUnit: (body: UnitCreate) => api.post<Unit>('/units', body),
  updateUnit: (id: string, body: UnitUpdate) => api.patch<Unit>(`/units/${encodeURIComponent(id)}`, body),
  officials: (query: OfficialListQuery, signal?: AbortSignal) =>
    api.get<Page<Official>>('/officials', { ...query }, signal),
};

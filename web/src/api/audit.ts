import type { AuditEventView } from '@dieuhanh/core/api/auth';
import { api } from './client.ts';

export const auditApi = {
  timeline: (resourceType: string, resourceId: string, signal?: AbortSignal) =>
    api.get<AuditEventView[]>(
      `/audit/${encodeURIComponent(resourceType)}/${encodeURIComponent(resourceId)}`,
      {},
      signal,
    ),
};

import type {
  Directive,
  DirectiveCreate,
  DirectiveListQuery,
  DirectiveParseResult,
  DirectiveSummary,
  DirectiveUpdate,
  Meeting,
  MeetingCreate,
  MeetingListQuery,
  MeetingSummary,
  MeetingUpdate,
} from '@dieuhanh/core/api/directives';
import { api, type Query, upload } from './client.ts';
import type { Page } from './org.ts';

const enc = encodeURIComponent;

export const directivesApi = {
  /** Reads pasted text into a draft (the spans index the returned `text`). */
  parseText: (text: string) => api.post<DirectiveParseResult>('/directives/parse', { text }),
  /** The same from a .txt or .docx file. */
  parseFile: (file: File) => upload<DirectiveParseResult>('/directives/parse', file, file.name),
  list: (query: DirectiveListQuery, signal?: AbortSignal) =>
    api.get<Page<DirectiveSummary>>('/directives', query as Query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Directive>(`/directives/${enc(id)}`, {}, signal),
  create: (body: DirectiveCreate) => api.post<Directive>('/directives', body),
  update: (id: string, body: DirectiveUpdate) => api.patch<Directive>(`/directives/${enc(id)}`, body),
  remove: (id: string) => api.delete<void>(`/directives/${enc(id)}`),
};

export const meetingsApi = {
  list: (query: MeetingListQuery, signal?: AbortSignal) =>
    api.get<Page<MeetingSummary>>('/meetings', query as Query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Meeting>(`/meetings/${enc(id)}`, {}, signal),
  create: (body: MeetingCreate) => api.post<Meeting>('/meetings', body),
  update: (id: string, body: MeetingUpdate) => api.patch<Meeting>(`/meetings/${enc(id)}`, body),
};

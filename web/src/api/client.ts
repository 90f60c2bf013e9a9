/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the CSRF
 * header on every write, and every failure turned into an `ApiError` carrying the server's
 * bilingual problem+json (RFC 9457) so that pages can show it as it is.
 */

export interface FieldProblem {
  /** JSON-pointer-like path of the offending field, e.g. `/name`. */
  field: string;
  messageVi: string;
  messageEn: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly fields: FieldProblem[];
  readonly requestId: string | null;
  /** Extra members of the problem (e.g. `lockedUntil`). */
  readonly extra: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    messageVi: string;
    messageEn: string;
    fields?: FieldProblem[];
    requestId?: string | null;
    extra?: Record<string, unknown>;
  }) {
    super(init.messageEn);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.messageVi = init.messageVi;
    this.messageEn = init.messageEn;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId ?? null;
    this.extra = init.extra ?? {};
  }

  /** The message in the user's language. */
  messageIn(lang: 'vi' | 'en'): string {
    return lang === 'vi' ? this.messageVi : this.messageEn;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Turns anything thrown into an ApiError, so callers have one shape to display. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new ApiError({
      status: 0,
      code: 'aborted',
      messageVi: 'Đã hủy yêu cầu.',
      messageEn: 'Cancelled.',
    });
  }
  return new ApiError({
    status: 0,
    code: 'network_error',
    messageVi: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    messageEn: 'Could not reach the server. Check the network and try again.',
  });
}

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Set from the login answer and from `/api/me`; sent as `x-csrf-token` on every write. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when a request answers 401 (session expired or logged out elsewhere). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not notify the unauthenticated listeners on 401 (login, the initial `/me`). */
  expect401?: boolean;
}

const BASE = '/api';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Record<string, unknown>;
      const { status, code, messageVi, messageEn, errors, requestId, type: _t, title, ...extra } = body;
      if (typeof messageVi === 'string' && typeof messageEn === 'string') {
        return new ApiError({
          status: typeof status === 'number' ? status : response.status,
          code: typeof code === 'string' ? code : 'error',
          messageVi,
          messageEn,
          fields: Array.isArray(errors) ? (errors as FieldProblem[]) : [],
          requestId: typeof requestId === 'string' ? requestId : null,
          extra,
        });
      }
      if (typeof title === 'string') {
        return new ApiError({ status: response.status, code: 'error', messageVi: title, messageEn: title });
      }
    } catch {
      // Fall through to the generic message below.
    }
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? 'internal_error' : 'http_error',
    messageVi:
      response.status >= 500
        ? 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau.'
        : `Yêu cầu không thành công (mã ${response.status}).`,
    messageEn:
      response.status >= 500
        ? 'The server is having trouble. Please try again later.'
        : `The request failed (status ${response.status}).`,
  });
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (WRITE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    throw toApiError(error);
  }
  if (!response.ok) {
    const error = await problemOf(response);
    if (response.status === 401 && !options.expect401) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Sends one file as multipart/form-data (field `file`), e.g. `POST /api/files`. */
export async function upload<T>(path: string, file: Blob, filename: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, filename);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url(path), { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch (error) {
    throw toApiError(error);
  }
  if (!response.ok) {
    const error = await problemOf(response);
    if (response.status === 401) for (const listener of unauthenticatedListeners) listener();
    throw error;
  }
  return (await response.json()) as T;
}

/** The file name of a download, from `Content-Disposition` (`filename*=UTF-8''…` first). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads a file the server builds (exports): fetched first, so that a refusal shows the
 * server's message instead of saving an error page, then saved under the server's file name.
 */
export async function download(path: string, query: Query = {}, fallbackName = 'download'): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url(path, query), { credentials: 'same-origin' });
  } catch (error) {
    throw toApiError(error);
  }
  if (!response.ok) {
    const error = await problemOf(response);
    if (response.status === 401) for (const listener of unauthenticatedListeners) listener();
    throw error;
  }
  const blob = await response.blob();
  const name = filenameOf(response.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return name;
}

/** The URL of a stored file (`GET /api/files/:sha256`), for links. */
export function fileUrl(sha256: string): string {
  return `${BASE}/files/${encodeURIComponent(sha256)}`;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

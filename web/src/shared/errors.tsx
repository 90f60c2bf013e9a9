import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useCallback } from 'react';
import { type ApiError, type FieldProblem, toApiError } from '../api/client.ts';
import { common } from './i18n/common.ts';
import { type Lang, useI18n, useMessages } from './i18n/i18n.tsx';

/** `/name` → `name`; `/rows/3/name` → ['rows', 3, 'name'] as antd Form paths. */
function formPath(field: string): (string | number)[] {
  return field
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's field problems on the form items they name and returns the ones that match
 * no item (to be shown in the notification instead, so nothing is lost).
 */
export function applyFieldErrors(
  form: FormInstance,
  error: ApiError,
  lang: Lang,
  fieldNames: readonly string[],
): FieldProblem[] {
  const rest: FieldProblem[] = [];
  const byField = new Map<string, string[]>();
  for (const problem of error.fields) {
    const path = formPath(problem.field);
    const name = path[0];
    if (path.length === 1 && typeof name === 'string' && fieldNames.includes(name)) {
      byField.set(name, [
        ...(byField.get(name) ?? []),
        lang === 'vi' ? problem.messageVi : problem.messageEn,
      ]);
    } else {
      rest.push(problem);
    }
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}

/**
 * The same for forms with lists (`Form.List`): a problem at `/daysOff/3/date` lands under
 * `['daysOff', 3, 'date']` when `daysOff` is one of `roots`; single fields in `roots` work too.
 * Returns the problems placed nowhere.
 */
export function applyPathErrors(
  form: FormInstance,
  error: ApiError,
  lang: Lang,
  roots: readonly string[],
): FieldProblem[] {
  const rest: FieldProblem[] = [];
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const problem of error.fields) {
    const path = formPath(problem.field);
    const root = path[0];
    if (typeof root === 'string' && roots.includes(root)) {
      const key = path.join('/');
      const entry = byPath.get(key) ?? { name: path, errors: [] };
      entry.errors.push(lang === 'vi' ? problem.messageVi : problem.messageEn);
      byPath.set(key, entry);
    } else {
      rest.push(problem);
    }
  }
  form.setFields([...byPath.values()]);
  return rest;
}

export function ErrorDescription({ error, fields }: { error: ApiError; fields?: FieldProblem[] }) {
  const { lang } = useI18n();
  const m = useMessages(common);
  const list = fields ?? error.fields;
  return (
    <div data-testid="error-description">
      <div>{error.messageIn(lang)}</div>
      {list.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
          {list.map((f) => (
            <li key={`${f.field}:${f.messageEn}`}>{lang === 'vi' ? f.messageVi : f.messageEn}</li>
          ))}
        </ul>
      )}
      {error.requestId && (
        <div style={{ marginTop: 4, fontSize: 12, opacity: 0.65 }}>{m.requestId(error.requestId)}</div>
      )}
    </div>
  );
}

/**
 * The one way pages report a failed action: a notification in the user's language with the
 * server's message, the field problems not shown on a form, and the request id for support.
 */
export function useNotifyError() {
  const { notification } = App.useApp();
  const m = useMessages(common);
  return useCallback(
    (error: unknown, options: { title?: string; fields?: FieldProblem[] } = {}) => {
      const apiError = toApiError(error);
      if (apiError.code === 'aborted') return apiError;
      notification.error({
        title: options.title ?? m.errorTitle,
        description: (
          <ErrorDescription error={apiError} {...(options.fields ? { fields: options.fields } : {})} />
        ),
        placement: 'topRight',
        duration: 8,
      });
      return apiError;
    },
    [notification, m],
  );
}

import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';

/**
 * Human-readable message of any error: the portal's own wording for a known problem code
 * (so a Chinese page never shows the server's English), else the server's `detail`.
 */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('common.networkError');
    const fallback = err.problem.detail || err.problem.title || err.message;
    return err.problem.code ? t(`problems.${err.problem.code}`, { defaultValue: fallback }) : fallback;
  }
  if (err instanceof Error && err.message) return err.message;
  return t('common.unknownError');
}

/**
 * Put the problem's per-field `errors` on the matching form fields ("admin.username" → ['admin','username']).
 * Returns true when at least one field matched.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return false;
  const known = new Set(
    form
      .getFieldsError()
      .map((f) => f.name.join('.'))
      .filter(Boolean),
  );
  const byField = new Map<string, string[]>();
  for (const e of err.problem.errors) {
    if (!e?.field || !known.has(e.field)) continue;
    byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  }
  form.setFields(
    [...byField].map(([field, errors]) => ({ name: field.split('.'), errors })),
  );
  return byField.size > 0;
}

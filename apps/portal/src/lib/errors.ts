import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';

/** Names i18next reads as options, never passed on as a problem's blanks. */
const I18N_OPTIONS = new Set(['lng', 'lngs', 'ns', 'context', 'count', 'ordinal', 'defaultValue', 'keyPrefix', 'postProcess']);

/**
 * Human-readable message of any error: the portal's own wording for a known problem code
 * (so a Chinese page never shows the server's English), else the server's `detail`.
 */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('common.networkError');
    const fallback = err.problem.detail || err.problem.title || err.message;
    if (!err.problem.code) return fallback;
    // problem extensions (e.g. ILLEGAL_TRANSITION's currentStatus) fill the translation's blanks
    const extra = err.problem as Record<string, unknown>;
    const currentStatus = typeof extra.currentStatus === 'string' ? extra.currentStatus : undefined;
    // a specific "X not found" without its own wording reads as the generic one
    const keys = [`problems.${err.problem.code}`, ...(err.problem.code.endsWith('_NOT_FOUND') ? ['problems.NOT_FOUND'] : [])];
    // every other scalar extension too (CODE_INVALID's attemptsLeft, CODE_TOO_SOON's retryAfterSeconds…)
    const values = Object.fromEntries(
      Object.entries(extra).filter(([k, v]) => (typeof v === 'number' || typeof v === 'string') && !I18N_OPTIONS.has(k)),
    );
    return t(keys, {
      ...values,
      defaultValue: fallback,
      currentStatusLabel: currentStatus ? t(`caseStatus.${currentStatus}`, { defaultValue: currentStatus }) : '—',
    });
  }
  if (err instanceof Error && err.message) return err.message;
  return t('common.unknownError');
}

/**
 * Put the problem's per-field `errors` on the matching form fields ("admin.username" → ['admin','username']).
 * Returns true when at least one field matched.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, rename: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return false;
  const known = new Set(
    form
      .getFieldsError()
      .map((f) => f.name.join('.'))
      .filter(Boolean),
  );
  const byField = new Map<string, string[]>();
  for (const e of err.problem.errors) {
    const field = e?.field ? (rename[e.field] ?? e.field) : '';
    if (!field || !known.has(field)) continue;
    byField.set(field, [...(byField.get(field) ?? []), e.message]);
  }
  // a list item's index is a number in the form's name path ("obligations.0.dueOn" → ['obligations', 0, 'dueOn'])
  form.setFields(
    [...byField].map(([field, errors]) => ({ name: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors })),
  );
  return byField.size > 0;
}

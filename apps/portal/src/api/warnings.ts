import type { WarningMetric, WarningNoticeState, WarningPeriodKind, WarningStatus } from '@accord/contracts';
import { api, ok } from './http';

export interface WarningsParams {
  status?: WarningStatus;
  periodKind?: WarningPeriodKind;
  metric?: WarningMetric;
  noticeState?: WarningNoticeState;
  page: number;
  pageSize: number;
}

export const warningKeys = {
  all: ['warnings'] as const,
  lists: ['warnings', 'list'] as const,
  list: (p: WarningsParams) => ['warnings', 'list', p] as const,
  one: (id: string) => ['warnings', 'one', id] as const,
};

export const warningsApi = {
  /** 投诉风险预警, newest period first: a regulator its jurisdiction's, an institution its own. */
  list: (p: WarningsParams, signal?: AbortSignal) => ok(api.GET('/api/v1/warnings', { params: { query: p }, signal })),
  /** One warning: the figures, its timeline and the cases behind it (masked): the period's referrals, or the month's concluded cases for a breach warning. */
  get: (id: string, signal?: AbortSignal) => ok(api.GET('/api/v1/warnings/{id}', { params: { path: { id } }, signal })),
  /** A regulator (analyst, supervisor) acknowledges it with a comment (1–1,000 characters). */
  acknowledge: (id: string, comment: string) => ok(api.POST('/api/v1/warnings/{id}/acknowledge', { params: { path: { id } }, body: { comment } })),
  /** A regulator (analyst, supervisor) sends the institution a supervisory notice, with an optional answer-by day. */
  sendNotice: (id: string, text: string, answerBy?: string) =>
    ok(api.POST('/api/v1/warnings/{id}/notices', { params: { path: { id } }, body: answerBy ? { text, answerBy } : { text } })),
  /** The institution's admin answers a notice, once. */
  answerNotice: (id: string, noticeId: string, text: string) =>
    ok(api.POST('/api/v1/warnings/{id}/notices/{noticeId}/answer', { params: { path: { id, noticeId } }, body: { text } })),
};

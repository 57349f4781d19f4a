import type { QualityRule, ReviewStatus } from '@accord/contracts';
import { api, ok } from './http';

export const qualityKeys = {
  all: ['quality'] as const,
  rule: ['quality', 'rule'] as const,
  list: (p: { status?: ReviewStatus; page: number }) => ['quality', 'reviews', p] as const,
  scores: (from: string, to: string) => ['quality', 'scores', from, to] as const,
};

export const qualityApi = {
  rule: (signal?: AbortSignal) => ok(api.GET('/api/v1/quality/rule', { signal })),
  saveRule: (rule: Omit<QualityRule, 'updatedAt'>) => ok(api.PUT('/api/v1/quality/rule', { body: rule })),
  draw: (from: string, to: string) => ok(api.POST('/api/v1/quality/queue/draw', { body: { from, to } })),
  /** The queue (admin, reviewers) or a mediator's own reviews, newest first. */
  list: (p: { status?: ReviewStatus; page: number; pageSize: number }, signal?: AbortSignal) => ok(api.GET('/api/v1/quality/reviews', { params: { query: p }, signal })),
  score: (id: string, scores: { key: string; score: number }[], findings: string) => ok(api.POST('/api/v1/quality/reviews/{id}/score', { params: { path: { id } }, body: { scores, findings } })),
  returnAgreement: (id: string, note: string) => ok(api.POST('/api/v1/quality/reviews/{id}/return-agreement', { params: { path: { id } }, body: { note } })),
  scores: (from: string, to: string, signal?: AbortSignal) => ok(api.GET('/api/v1/quality/scores', { params: { query: { from, to } }, signal })),
};

import type { Channel } from '@accord/contracts';
import { api, ok, upload, type Schemas } from './http';

export const batchKeys = {
  all: ['batches'] as const,
  list: (page: number) => ['batches', 'list', page] as const,
  totals: ['batches', 'totals'] as const,
  one: (id: string) => ['batches', 'one', id] as const,
  suggestions: (keyword: string, days: number) => ['batches', 'suggestions', keyword, days] as const,
  ofCase: (caseId: string) => ['batches', 'of-case', caseId] as const,
};

const path = (id: string) => ({ params: { path: { id } } });

export const batchesApi = {
  list: (page: number, signal?: AbortSignal) => ok(api.GET('/api/v1/batches', { params: { query: { page, pageSize: 20 } }, signal })),
  totals: (signal?: AbortSignal) => ok(api.GET('/api/v1/batches/totals', { signal })),
  get: (id: string, signal?: AbortSignal) => ok(api.GET('/api/v1/batches/{id}', { ...path(id), signal })),
  suggestions: (keyword: string, days: number, signal?: AbortSignal) =>
    ok(api.GET('/api/v1/batches/suggestions', { params: { query: { keyword: keyword || undefined, days } }, signal })),
  create: (body: { label: string; leadMediatorId: string; caseIds: string[] }) => ok(api.POST('/api/v1/batches', { body })),
  book: (id: string, body: { channel: Channel; startsAt: string; minutes: number; outsideHoursReason?: string }) => ok(api.POST('/api/v1/batches/{id}/sessions', { ...path(id), body })),
  scheme: (id: string, body: { title: string; terms: string }) => ok(api.POST('/api/v1/batches/{id}/scheme', { ...path(id), body })),
  attach: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<Schemas['BatchApplyResult']>(`/api/v1/batches/${encodeURIComponent(id)}/attachments`, form);
  },
  ofCase: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{caseId}/batch', { params: { path: { caseId } }, signal })),
};

import type { RejectReason, Track } from '@accord/contracts';
import { api, downloadFile, exportQuery, ok, upload, type Schemas } from './http';
import type { operations } from './schema';

export type CalendarDay = Schemas['CalendarDay'];
export type CalendarYearView = Schemas['CalendarYearView'];
export type CaseMoved = Schemas['CaseMoved'];

const id = (caseId: string) => ({ params: { path: { id: caseId } } });

/** Query keys: everything of one case sits under ['case', id]; every list under ['cases']. */
export const caseKeys = {
  lists: ['cases'] as const,
  list: (filters: Record<string, unknown>) => ['cases', filters] as const,
  one: (id: string) => ['case', id] as const,
  detail: (id: string) => ['case', id, 'detail'] as const,
  timeline: (id: string) => ['case', id, 'timeline'] as const,
  attachments: (id: string) => ['case', id, 'attachments'] as const,
  proposals: (id: string) => ['case', id, 'proposals'] as const,
  consumer: (id: string) => ['case', id, 'consumer'] as const,
  caseload: ['caseload'] as const,
};

/** The referral's editable fields (POST /cases and PATCH /cases/:id). */
export type CaseFields = Omit<Schemas['UpdateCaseDto'], 'version'>;
export type CreateCaseBody = Schemas['CreateCaseDto'];
export type CaseListQuery = NonNullable<operations['CasesController_list']['parameters']['query']>;

/** False when the caller may no longer see the case after its move. */
export function stillVisible(moved: CaseMoved): moved is Schemas['CaseDetail'] {
  return 'allowedActions' in moved;
}

export const casesApi = {
  /** The list as XLSX with the same filters (server-side, streamed; 422 past 50,000 rows). */
  exportList: (query: CaseListQuery) => downloadFile(`/api/v1/cases.xlsx?${exportQuery(query)}`, query.view === 'intake' ? 'intake-queue.xlsx' : 'cases.xlsx'),
  list: (query: CaseListQuery, signal?: AbortSignal) => ok(api.GET('/api/v1/cases', { params: { query }, signal })),
  get: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{id}', { ...id(caseId), signal })),
  consumer: (caseId: string) => ok(api.GET('/api/v1/cases/{id}/consumer', id(caseId))),
  create: (body: CreateCaseBody, idempotencyKey: string) =>
    ok(api.POST('/api/v1/cases', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
  update: (caseId: string, body: Schemas['UpdateCaseDto']) => ok(api.PATCH('/api/v1/cases/{id}', { ...id(caseId), body })),
  submit: (caseId: string) => ok(api.POST('/api/v1/cases/{id}/submit', id(caseId))),
  discard: (caseId: string) => ok(api.DELETE('/api/v1/cases/{id}', id(caseId))),
  timeline: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{id}/timeline', { ...id(caseId), signal })),
  comment: (caseId: string, body: string, internal: boolean) =>
    ok(api.POST('/api/v1/cases/{id}/comments', { ...id(caseId), body: { body, internal } })),
  accept: (caseId: string, note?: string) => ok(api.POST('/api/v1/cases/{id}/accept', { ...id(caseId), body: { note: note || undefined } })),
  reject: (caseId: string, reason: RejectReason, note?: string) =>
    ok(api.POST('/api/v1/cases/{id}/reject', { ...id(caseId), body: { reason, note: note || undefined } })),
  returnForInfo: (caseId: string, note: string) => ok(api.POST('/api/v1/cases/{id}/return', { ...id(caseId), body: { note } })),
  withdraw: (caseId: string, reason: string) => ok(api.POST('/api/v1/cases/{id}/withdraw', { ...id(caseId), body: { reason } })),
  changeTrack: (caseId: string, track: Track, reason: string) =>
    ok(api.POST('/api/v1/cases/{id}/track', { ...id(caseId), body: { track, reason } })),
  recuse: (caseId: string, reason: string) => ok(api.POST('/api/v1/cases/{id}/recuse', { ...id(caseId), body: { reason } })),
  proposals: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{id}/mediator-proposals', { ...id(caseId), signal })),
  assign: (caseId: string, mediatorId: string, overrideReason?: string) =>
    ok(api.POST('/api/v1/cases/{id}/assign', { ...id(caseId), body: { mediatorId, overrideReason: overrideReason || undefined } })),
  attachments: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{id}/attachments', { ...id(caseId), signal })),
  upload: (caseId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<Schemas['CaseAttachmentView']>(`/api/v1/cases/${encodeURIComponent(caseId)}/attachments`, form);
  },
  attachmentPath: (caseId: string, attachmentId: string) =>
    `/api/v1/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}/content`,
  importFile: (centerId: string, file: File) => {
    const form = new FormData();
    form.append('centerId', centerId);
    form.append('file', file, file.name);
    return upload<Schemas['CaseImportResult']>('/api/v1/cases/import', form);
  },
  importTemplatePath: '/api/v1/cases/import/template',
  caseload: (signal?: AbortSignal) => ok(api.GET('/api/v1/mediators/caseload', { signal })),
  calendarYears: (signal?: AbortSignal) => ok(api.GET('/api/v1/calendar', { signal })),
  calendarYear: (year: number, signal?: AbortSignal) => ok(api.GET('/api/v1/calendar/{year}', { params: { path: { year } }, signal })),
  saveCalendarYear: (year: number, days: CalendarDay[]) => ok(api.PUT('/api/v1/calendar/{year}', { params: { path: { year } }, body: { days } })),
};

/** A UUID for an Idempotency-Key (crypto.randomUUID needs a secure context; fall back to random bytes). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The center's case settings; the retention of closed cases' personal data is saved on its own. */
export const caseSettingsApi = {
  key: ['case-settings'] as const,
  get: (signal?: AbortSignal) => ok(api.GET('/api/v1/case-settings', { signal })),
  saveRetention: (closedRetentionMonths: number) => ok(api.PUT('/api/v1/case-settings/retention', { body: { closedRetentionMonths } })),
  saveConsumerChoice: (enabled: boolean) => ok(api.PUT('/api/v1/case-settings/consumer-choice', { body: { enabled } })),
};

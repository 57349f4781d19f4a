import type {
  BusinessLine,
  CaseAttachmentView,
  CaseDetail,
  CaseEventView,
  CaseImportResult,
  CaseListItem,
  CaseloadRow,
  Channel,
  ConsumerIdentityView,
  DisputeType,
  IdDocumentType,
  MediatorProposal,
  RejectReason,
  Track,
} from '@accord/contracts';
import { http, request } from './http';
import type { Page } from './types';

const base = '/api/v1/cases';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

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

export interface ConsumerInput {
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  email?: string;
  needsAssistance?: boolean;
}

/** The referral's editable fields (POST /cases and PATCH /cases/:id). */
export interface CaseFields {
  branchId?: string;
  businessLine?: BusinessLine;
  disputeType?: DisputeType;
  amountFen?: number;
  facts?: string;
  claims?: string;
  bankPosition?: string;
  priorComplaintRef?: string;
  complaintReceivedOn?: string;
  preferredChannel?: Channel;
  preferredTimes?: string;
  consumer?: ConsumerInput;
  consentGiven?: boolean;
  consentNote?: string;
}

export interface CreateCaseBody extends CaseFields {
  centerId: string;
  institutionId?: string;
  submit?: boolean;
}

/**
 * What a move answers: the case, or — when the move took it out of the caller's sight (a
 * mediator who recuses no longer sees the case) — only its new state.
 */
export type CaseMoved = CaseDetail | Pick<CaseDetail, 'id' | 'caseNumber' | 'status' | 'mediatorId' | 'mediatorName'>;

/** False when the caller may no longer see the case after its move. */
export function stillVisible(moved: CaseMoved): moved is CaseDetail {
  return 'allowedActions' in moved;
}

export interface CaseListQuery {
  view?: 'intake' | 'all';
  status?: string;
  track?: string;
  institutionId?: string;
  branchId?: string;
  mediatorId?: string;
  businessLine?: string;
  q?: string;
  phone?: string;
  idNumber?: string;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

export interface CalendarDay {
  day: string;
  isWorking: boolean;
  name: string;
}

export interface CalendarYearView {
  year: number;
  covered: boolean;
  source: string | null;
  days: CalendarDay[];
}

export const casesApi = {
  list: (query: CaseListQuery, signal?: AbortSignal) =>
    http.get<Page<CaseListItem> & { totalIsCapped?: boolean }>(base, { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<CaseDetail>(one(id), undefined, signal),
  consumer: (id: string) => http.get<ConsumerIdentityView>(`${one(id)}/consumer`),
  create: (body: CreateCaseBody, idempotencyKey: string) =>
    http.post<CaseDetail>(base, body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (id: string, body: CaseFields & { version: number }) => http.patch<CaseDetail>(one(id), body),
  submit: (id: string) => http.post<CaseDetail>(`${one(id)}/submit`),
  discard: (id: string) => http.delete<void>(one(id)),
  timeline: (id: string, signal?: AbortSignal) =>
    http.get<{ items: CaseEventView[] }>(`${one(id)}/timeline`, undefined, signal),
  comment: (id: string, body: string, internal: boolean) =>
    http.post<unknown>(`${one(id)}/comments`, { body, internal }),
  accept: (id: string, note?: string) => http.post<CaseDetail>(`${one(id)}/accept`, { note: note || undefined }),
  reject: (id: string, reason: RejectReason, note?: string) =>
    http.post<CaseDetail>(`${one(id)}/reject`, { reason, note: note || undefined }),
  returnForInfo: (id: string, note: string) => http.post<CaseDetail>(`${one(id)}/return`, { note }),
  withdraw: (id: string, reason: string) => http.post<CaseDetail>(`${one(id)}/withdraw`, { reason }),
  changeTrack: (id: string, track: Track, reason: string) =>
    http.post<CaseDetail>(`${one(id)}/track`, { track, reason }),
  recuse: (id: string, reason: string) => http.post<CaseMoved>(`${one(id)}/recuse`, { reason }),
  proposals: (id: string, signal?: AbortSignal) =>
    http.get<{ items: MediatorProposal[] }>(`${one(id)}/mediator-proposals`, undefined, signal),
  assign: (id: string, mediatorId: string, overrideReason?: string) =>
    http.post<CaseDetail>(`${one(id)}/assign`, { mediatorId, overrideReason: overrideReason || undefined }),
  attachments: (id: string, signal?: AbortSignal) =>
    http.get<{ items: CaseAttachmentView[] }>(`${one(id)}/attachments`, undefined, signal),
  upload: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.upload<CaseAttachmentView>(`${one(id)}/attachments`, form);
  },
  attachmentPath: (id: string, attachmentId: string) =>
    `${one(id)}/attachments/${encodeURIComponent(attachmentId)}/content`,
  importFile: (centerId: string, file: File) => {
    const form = new FormData();
    form.append('centerId', centerId);
    form.append('file', file, file.name);
    return http.upload<CaseImportResult>(`${base}/import`, form);
  },
  importTemplatePath: `${base}/import/template`,
  caseload: (signal?: AbortSignal) => http.get<{ items: CaseloadRow[] }>('/api/v1/mediators/caseload', undefined, signal),
  calendarYears: (signal?: AbortSignal) =>
    http.get<{ year: number; source: string }[]>('/api/v1/calendar', undefined, signal),
  calendarYear: (year: number, signal?: AbortSignal) =>
    http.get<CalendarYearView>(`/api/v1/calendar/${year}`, undefined, signal),
  saveCalendarYear: (year: number, days: CalendarDay[]) =>
    request<CalendarYearView>('PUT', `/api/v1/calendar/${year}`, { body: { days } }),
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

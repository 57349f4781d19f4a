import type { FollowUpView, JudicialConfirmationView, JudicialResult, MediatorSatisfaction, ObligationParty, Outcome, OtherRoute, OutcomeView, TerminationReason } from '@accord/contracts';

export type { FollowUpView, JudicialConfirmationView, JudicialState, MediatorSatisfaction } from '@accord/contracts';
import { http, request } from './http';
import type { Page } from './types';

const one = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** Under ['case', id] so the case page's live updates refresh them with the rest of the case. */
export const outcomeKeys = {
  outcome: (id: string) => ['case', id, 'outcome'] as const,
  judicial: (id: string) => ['case', id, 'judicial-confirmation'] as const,
  followUp: (id: string) => ['case', id, 'follow-up'] as const,
  followUps: ['follow-ups'] as const,
  followUpList: (query: FollowUpListQuery) => ['follow-ups', 'list', query] as const,
  byMediator: ['follow-ups', 'by-mediator'] as const,
};

export interface ObligationInput {
  owedBy: ObligationParty;
  description: string;
  amountFen?: number | null;
  dueOn: string;
}

export interface TermsInput {
  refundFen: number;
  feeWaiverFen: number;
  instalment?: { totalFen: number; count: number; firstDueOn: string } | null;
  freeText?: string;
  obligations: ObligationInput[];
}

/** POST /cases/:id/outcome: the details the chosen outcome needs. */
export type RecordOutcomeBody =
  | { outcome: Extract<Outcome, 'settled'>; terms: TermsInput; note?: string }
  | { outcome: Extract<Outcome, 'not_settled'>; notSettledReason: string; otherRoutes: OtherRoute[]; note?: string }
  | { outcome: Extract<Outcome, 'terminated'>; terminationReason: TerminationReason; note?: string }
  | { outcome: Extract<Outcome, 'withdrawn'>; note: string };

export interface JudicialConfirmationBody {
  applying: boolean;
  court?: string | null;
  appliedOn?: string | null;
  result?: JudicialResult | null;
  resultOn?: string | null;
  note?: string;
}

export interface FollowUpListQuery {
  page?: number;
  pageSize?: number;
  mediatorId?: string;
}

/** What the consumer sees behind a survey link. */
export interface ConsumerSurveyView {
  caseNumber: string;
  centerName: string;
  mediatorName: string | null;
  outcome: Outcome;
  answeredAt: string | null;
  satisfaction: number | null;
  comment: string | null;
}

/** Never the staff bearer token: the consumer's calls go with their access token only. */
const withAccess = (accessToken: string) => ({ auth: false, headers: { 'X-Consumer-Token': accessToken } });

export const outcomesApi = {
  record: (caseId: string, body: RecordOutcomeBody) => http.post<OutcomeView>(`${one(caseId)}/outcome`, body),
  amend: (caseId: string, body: RecordOutcomeBody) => request<OutcomeView>('PUT', `${one(caseId)}/outcome`, { body }),
  get: (caseId: string, signal?: AbortSignal) => http.get<OutcomeView>(`${one(caseId)}/outcome`, undefined, signal),
  performed: (caseId: string, obligationId: string, body: { note: string; attachmentId?: string }) =>
    http.post<OutcomeView>(`${one(caseId)}/obligations/${encodeURIComponent(obligationId)}/performed`, body),
  judicial: (caseId: string, signal?: AbortSignal) =>
    http.get<JudicialConfirmationView>(`${one(caseId)}/judicial-confirmation`, undefined, signal),
  saveJudicial: (caseId: string, body: JudicialConfirmationBody) =>
    request<JudicialConfirmationView>('PUT', `${one(caseId)}/judicial-confirmation`, { body }),
  followUp: (caseId: string, signal?: AbortSignal) => http.get<FollowUpView>(`${one(caseId)}/follow-up`, undefined, signal),
  resendFollowUp: (caseId: string) => http.post<FollowUpView>(`${one(caseId)}/follow-up`),
  followUps: (query: FollowUpListQuery, signal?: AbortSignal) =>
    http.get<Page<FollowUpView>>('/api/v1/follow-ups', { ...query }, signal),
  byMediator: (signal?: AbortSignal) =>
    http.get<{ items: MediatorSatisfaction[] }>('/api/v1/follow-ups/by-mediator', undefined, signal),
  survey: (accessToken: string, signal?: AbortSignal) =>
    request<ConsumerSurveyView>('GET', '/api/v1/public/consumer/survey', { ...withAccess(accessToken), signal }),
  answerSurvey: (accessToken: string, satisfaction: number, comment?: string) =>
    request<ConsumerSurveyView>('POST', '/api/v1/public/consumer/survey', {
      ...withAccess(accessToken),
      body: { satisfaction, comment: comment || undefined },
    }),
};

import type { OtherRoute, TerminationReason } from '@accord/contracts';
import { api, consumerHeaders, downloadFile, exportQuery, ok, publicApi, type Schemas } from './http';
import type { operations } from './schema';

export type { JudicialState } from '@accord/contracts';
export type FollowUpView = Schemas['FollowUpView'];
export type JudicialConfirmationView = Schemas['JudicialConfirmationView'];
export type MediatorSatisfaction = Schemas['MediatorSatisfaction'];
/** What the consumer sees behind a survey link. */
export type ConsumerSurveyView = Schemas['ConsumerSurveyView'];

const id = (caseId: string) => ({ path: { id: caseId } });

/** Under ['case', id] so the case page's live updates refresh them with the rest of the case. */
export const outcomeKeys = {
  outcome: (id: string) => ['case', id, 'outcome'] as const,
  judicial: (id: string) => ['case', id, 'judicial-confirmation'] as const,
  followUp: (id: string) => ['case', id, 'follow-up'] as const,
  followUps: ['follow-ups'] as const,
  followUpList: (query: FollowUpListQuery) => ['follow-ups', 'list', query] as const,
  byMediator: ['follow-ups', 'by-mediator'] as const,
  /** Open obligations across cases (the home pages): refetched whenever a case changes. */
  obligations: ['obligations'] as const,
  obligationList: (query: ObligationListQuery) => ['obligations', query] as const,
};

/** POST /cases/:id/outcome: the details the chosen outcome needs (the DTO checks them per outcome). */
export type RecordOutcomeBody = Schemas['RecordOutcomeDto'] &
  (
    | { outcome: 'settled'; terms: Schemas['TermsDto'] }
    | { outcome: 'not_settled'; notSettledReason: string; otherRoutes: OtherRoute[] }
    | { outcome: 'terminated'; terminationReason: TerminationReason }
    | { outcome: 'withdrawn'; note: string }
  );

export type FollowUpListQuery = NonNullable<operations['FollowUpsController_list']['parameters']['query']>;
export type ObligationListQuery = NonNullable<operations['ObligationsController_list']['parameters']['query']>;
export type ObligationDueItem = Schemas['ObligationDueItem'];

export const outcomesApi = {
  record: (caseId: string, body: RecordOutcomeBody) => ok(api.POST('/api/v1/cases/{id}/outcome', { params: id(caseId), body })),
  amend: (caseId: string, body: RecordOutcomeBody) => ok(api.PUT('/api/v1/cases/{id}/outcome', { params: id(caseId), body })),
  get: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{id}/outcome', { params: id(caseId), signal })),
  performed: (caseId: string, obligationId: string, body: Schemas['PerformedDto']) =>
    ok(api.POST('/api/v1/cases/{id}/obligations/{obligationId}/performed', { params: { path: { id: caseId, obligationId } }, body })),
  judicial: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{id}/judicial-confirmation', { params: id(caseId), signal })),
  saveJudicial: (caseId: string, body: Schemas['JudicialConfirmationDto']) =>
    ok(api.PUT('/api/v1/cases/{id}/judicial-confirmation', { params: id(caseId), body })),
  followUp: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{id}/follow-up', { params: id(caseId), signal })),
  resendFollowUp: (caseId: string) => ok(api.POST('/api/v1/cases/{id}/follow-up', { params: id(caseId) })),
  followUps: (query: FollowUpListQuery, signal?: AbortSignal) => ok(api.GET('/api/v1/follow-ups', { params: { query }, signal })),
  /** The answers as XLSX with the list's mediator filter. */
  exportFollowUps: (query: { mediatorId?: string }) => downloadFile(`/api/v1/follow-ups.xlsx?${exportQuery(query)}`, 'follow-ups.xlsx'),
  byMediator: (signal?: AbortSignal) => ok(api.GET('/api/v1/follow-ups/by-mediator', { signal })),
  obligations: (query: ObligationListQuery, signal?: AbortSignal) => ok(api.GET('/api/v1/obligations', { params: { query }, signal })),
  /** Never the staff bearer token: the consumer's calls go with their access token only. */
  survey: (accessToken: string, signal?: AbortSignal) =>
    ok(publicApi.GET('/api/v1/public/consumer/survey', { params: { header: consumerHeaders(accessToken) }, signal })),
  answerSurvey: (accessToken: string, satisfaction: number, comment?: string) =>
    ok(publicApi.POST('/api/v1/public/consumer/survey', { params: { header: consumerHeaders(accessToken) }, body: { satisfaction, comment: comment || undefined } })),
};

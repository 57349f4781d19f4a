import { api, consumerHeaders, ok, publicApi, type Schemas } from './http';

export type ConsentRequestView = Schemas['ConsentRequestView'];
export type ConsentRequestSent = Schemas['ConsentRequestSent'];
export type ConsumerConsentView = Schemas['ConsumerConsentView'];
export type ConsumerConsentAnswer = Schemas['ConsumerConsentAnswerDto'];

const id = (caseId: string) => ({ params: { path: { id: caseId } } });

export const consentKeys = {
  requests: (caseId: string) => ['case', caseId, 'consent'] as const,
  consumer: (accessToken: string, lang: string) => ['consumer-consent', accessToken, lang] as const,
};

/** The branch asks the consumer by link; the consumer reads and answers (X-Consumer-Token, never the staff token). */
export const consentApi = {
  request: (caseId: string) => ok(api.POST('/api/v1/cases/{id}/consent-request', id(caseId))),
  cancel: (caseId: string) => ok(api.DELETE('/api/v1/cases/{id}/consent-request', id(caseId))),
  list: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{id}/consent', { ...id(caseId), signal })),
  consumerView: (accessToken: string, lang: 'zh' | 'en', signal?: AbortSignal) =>
    ok(publicApi.GET('/api/v1/public/consumer/consent', { params: { header: consumerHeaders(accessToken), query: { lang } }, signal })),
  answer: (accessToken: string, body: ConsumerConsentAnswer) =>
    ok(publicApi.POST('/api/v1/public/consumer/consent', { params: { header: consumerHeaders(accessToken) }, body })),
};

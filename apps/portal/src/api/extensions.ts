import { api, consumerHeaders, ok, publicApi, type Schemas } from './http';

export type CaseExtensionView = Schemas['CaseExtensionView'];
export type ConsumerExtensionView = Schemas['ConsumerExtensionView'];
export type ExtensionAnswer = Schemas['AnswerExtensionDto'];

const path = (caseId: string) => ({ params: { path: { caseId } } });
const one = (caseId: string, extensionId: string) => ({ params: { path: { caseId, extensionId } } });

export const extensionKeys = {
  // Under the case's key: the case's live events refresh it.
  list: (caseId: string) => ['case', caseId, 'extensions'] as const,
  consumer: (accessToken: string) => ['consumer-extension', accessToken] as const,
};

/** The mediation clock's one extension: the center proposes, the bank answers here, the consumer by link (X-Consumer-Token). */
export const extensionsApi = {
  list: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{caseId}/extensions', { ...path(caseId), signal })),
  propose: (caseId: string, body: { days: number; reason: string }) => ok(api.POST('/api/v1/cases/{caseId}/extensions', { ...path(caseId), body })),
  withdraw: (caseId: string, extensionId: string) => ok(api.POST('/api/v1/cases/{caseId}/extensions/{extensionId}/withdraw', one(caseId, extensionId))),
  answer: (caseId: string, extensionId: string, body: ExtensionAnswer) =>
    ok(api.POST('/api/v1/cases/{caseId}/extensions/{extensionId}/answer', { ...one(caseId, extensionId), body })),
  consumerView: (accessToken: string, signal?: AbortSignal) =>
    ok(publicApi.GET('/api/v1/public/consumer/extension', { params: { header: consumerHeaders(accessToken) }, signal })),
  consumerAnswer: (accessToken: string, body: ExtensionAnswer) =>
    ok(publicApi.POST('/api/v1/public/consumer/extension', { params: { header: consumerHeaders(accessToken) }, body })),
};

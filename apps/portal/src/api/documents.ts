import type { DocumentKind } from '@accord/contracts';
import { api, consumerHeaders, downloadFile, ok, publicApi, upload, type Schemas } from './http';

export const documentKeys = {
  list: (caseId: string) => ['case', caseId, 'documents'] as const,
  consumer: (accessToken: string) => ['consumer-document', accessToken] as const,
};

const base = (caseId: string) => `/api/v1/cases/${caseId}/documents`;
const doc = (caseId: string, documentId: string) => ({ params: { path: { caseId, documentId } } });

export const documentsApi = {
  list: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{caseId}/documents', { params: { path: { caseId } }, signal })),
  generate: (caseId: string, kind: DocumentKind) => ok(api.POST('/api/v1/cases/{caseId}/documents', { params: { path: { caseId } }, body: { kind } })),
  sign: (caseId: string, documentId: string) => ok(api.POST('/api/v1/cases/{caseId}/documents/{documentId}/sign', doc(caseId, documentId))),
  sendConsumerLink: (caseId: string, documentId: string) => ok(api.POST('/api/v1/cases/{caseId}/documents/{documentId}/consumer-link', doc(caseId, documentId))),
  download: (caseId: string, documentId: string, fallbackName: string) => downloadFile(`${base(caseId)}/${documentId}/pdf`, fallbackName),
  verify: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return upload<Schemas['DocumentVerification']>('/api/v1/public/documents/verify', form, { auth: false });
  },
  verifyHash: (sha256: string) => ok(publicApi.GET('/api/v1/public/documents/verify/{sha256}', { params: { path: { sha256 } } })),
};

/** The consumer's side (X-Consumer-Token), never the staff bearer token. */
export const consumerDocumentApi = {
  view: (accessToken: string, signal?: AbortSignal) => ok(publicApi.GET('/api/v1/public/consumer/document', { headers: consumerHeaders(accessToken), signal })),
  sign: (accessToken: string) => ok(publicApi.POST('/api/v1/public/consumer/document/sign', { headers: consumerHeaders(accessToken) })),
  download: (accessToken: string, fallbackName: string) =>
    downloadFile('/api/v1/public/consumer/document/pdf', fallbackName, { auth: false, headers: consumerHeaders(accessToken) }),
};

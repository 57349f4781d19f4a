import type { CaseDocumentView, ConsumerDocumentView, DocumentKind, DocumentVerification } from '@accord/contracts';
import { downloadFile, http, request } from './http';

export const documentKeys = {
  list: (caseId: string) => ['case', caseId, 'documents'] as const,
  consumer: (accessToken: string) => ['consumer-document', accessToken] as const,
};

const base = (caseId: string) => `/api/v1/cases/${caseId}/documents`;
const withAccess = (accessToken: string) => ({ auth: false, headers: { 'X-Consumer-Token': accessToken } });

export const documentsApi = {
  list: (caseId: string, signal?: AbortSignal) => http.get<{ items: CaseDocumentView[] }>(base(caseId), undefined, signal),
  generate: (caseId: string, kind: DocumentKind) => http.post<CaseDocumentView>(base(caseId), { kind }),
  sign: (caseId: string, documentId: string) => http.post<CaseDocumentView>(`${base(caseId)}/${documentId}/sign`, {}),
  sendConsumerLink: (caseId: string, documentId: string) => http.post<{ linkId: string; expiresAt: string }>(`${base(caseId)}/${documentId}/consumer-link`, {}),
  download: (caseId: string, documentId: string, fallbackName: string) => downloadFile(`${base(caseId)}/${documentId}/pdf`, fallbackName),
  verify: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<DocumentVerification>('POST', '/api/v1/public/documents/verify', { auth: false, formData: form });
  },
};

/** The consumer's side (X-Consumer-Token), never the staff bearer token. */
export const consumerDocumentApi = {
  view: (accessToken: string, signal?: AbortSignal) => request<ConsumerDocumentView>('GET', '/api/v1/public/consumer/document', { ...withAccess(accessToken), signal }),
  sign: (accessToken: string) => request<ConsumerDocumentView>('POST', '/api/v1/public/consumer/document/sign', withAccess(accessToken)),
  download: (accessToken: string, fallbackName: string) => downloadFile('/api/v1/public/consumer/document/pdf', fallbackName, withAccess(accessToken)),
};

import type { ConfirmAnswer } from '@accord/contracts';
import { consumerHeaders, downloadFile, ok, publicApi, type Schemas } from './http';

export type ConsumerSessionView = Schemas['ConsumerSessionView'];

/** The consumer's access token as this tab keeps it; `purpose` is absent in tokens stored before it was told. */
export type ConsumerAccess = Omit<Schemas['ConsumerAccess'], 'purpose'> & Partial<Pick<Schemas['ConsumerAccess'], 'purpose'>>;

const link = (token: string) => ({ path: { token } });

/** Never the staff bearer token: these calls go through publicApi, the consumer's token in X-Consumer-Token. */
export const consumerApi = {
  requestCode: (token: string) => ok(publicApi.POST('/api/v1/public/consumer-links/{token}/code', { params: link(token) })),
  verify: (token: string, code: string) => ok(publicApi.POST('/api/v1/public/consumer-links/{token}/verify', { params: link(token), body: { code } })),
  session: (accessToken: string, signal?: AbortSignal) =>
    ok(publicApi.GET('/api/v1/public/consumer/session', { params: { header: consumerHeaders(accessToken) }, signal })),
  answer: (accessToken: string, answer: ConfirmAnswer, note?: string) =>
    ok(publicApi.POST('/api/v1/public/consumer/session/answer', { params: { header: consumerHeaders(accessToken) }, body: { answer, note: note || undefined } })),
};

/** The access token of one link, in this tab only (sessionStorage), until it expires. */
const KEY = (token: string) => `accord.consumer.${token}`;

export function storedAccess(token: string): ConsumerAccess | null {
  try {
    const raw = sessionStorage.getItem(KEY(token));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<ConsumerAccess>;
    if (typeof v.accessToken !== 'string' || typeof v.expiresAt !== 'string') return null;
    if (Date.parse(v.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY(token));
      return null;
    }
    return { accessToken: v.accessToken, expiresAt: v.expiresAt, purpose: v.purpose };
  } catch {
    return null;
  }
}

export function storeAccess(token: string, access: ConsumerAccess | null): void {
  try {
    if (access) sessionStorage.setItem(KEY(token), JSON.stringify(access));
    else sessionStorage.removeItem(KEY(token));
  } catch {
    /* storage unavailable: the access lives in memory only */
  }
}

/** The consumer's PDF copy of their personal data (any of their links' access token opens it). */
export const downloadMyData = (accessToken: string) =>
  downloadFile('/api/v1/public/consumer/my-data/pdf', 'my-data.pdf', { auth: false, headers: consumerHeaders(accessToken) });

import type { Channel, ConsumerLinkPurpose } from '@accord/contracts';
import { request } from './http';
import type { ConfirmAnswer, SessionStatus } from './scheduling';

/** What the consumer sees of their session (no account: a link, a one-time code, a short access token). */
export interface ConsumerSessionView {
  caseNumber: string;
  centerName: string;
  channel: Channel;
  status: SessionStatus;
  startsAt: string;
  endsAt: string;
  roomName: string | null;
  roomAddress: string | null;
  mediatorName: string | null;
  yourAnswer: ConfirmAnswer | null;
}

export interface ConsumerAccess {
  accessToken: string;
  expiresAt: string;
  /** What the link opens (absent in an access stored before links had purposes: a session). */
  purpose?: ConsumerLinkPurpose;
}

const link = (token: string) => `/api/v1/public/consumer-links/${encodeURIComponent(token)}`;
/** Never the staff bearer token: these calls go without Authorization (auth: false). */
const withAccess = (accessToken: string) => ({ auth: false, headers: { 'X-Consumer-Token': accessToken } });

export const consumerApi = {
  requestCode: (token: string) => request<{ sentTo: string; expiresAt: string; centerName: string }>('POST', `${link(token)}/code`, { auth: false }),
  verify: (token: string, code: string) => request<ConsumerAccess>('POST', `${link(token)}/verify`, { auth: false, body: { code } }),
  session: (accessToken: string, signal?: AbortSignal) =>
    request<ConsumerSessionView>('GET', '/api/v1/public/consumer/session', { ...withAccess(accessToken), signal }),
  answer: (accessToken: string, answer: ConfirmAnswer, note?: string) =>
    request<ConsumerSessionView>('POST', '/api/v1/public/consumer/session/answer', { ...withAccess(accessToken), body: { answer, note: note || undefined } }),
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

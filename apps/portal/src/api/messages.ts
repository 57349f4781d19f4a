import { http } from './http';

export type MessageStatus = 'queued' | 'sent' | 'failed';

/** One SMS or e-mail of the center's message log (with the development transport, the only place it arrives). */
export interface OutboundMessage {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  channel: 'sms' | 'email' | string;
  recipientMasked: string;
  subject: string | null;
  body: string;
  status: MessageStatus;
  provider: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const messageKeys = {
  all: ['messages'] as const,
  list: (page: number, pageSize: number) => ['messages', { page, pageSize }] as const,
};

export const messagesApi = {
  list: (q: { page: number; pageSize: number }, signal?: AbortSignal) =>
    http.get<{ items: OutboundMessage[]; page: number; pageSize: number }>('/api/v1/messages', q, signal),
};

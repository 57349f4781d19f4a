import { http } from './http';

export type MessageStatus = 'queued' | 'sent' | 'failed';
export type MessageChannel = 'sms' | 'email';

/** One SMS or e-mail of the center's message log (with the development transports, the only place it arrives). */
export interface OutboundMessage {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  channel: MessageChannel;
  recipientMasked: string;
  subject: string;
  body: string;
  status: MessageStatus;
  provider: string | null;
  /** The last failed attempt's error (the provider's code and message). */
  error: string | null;
  attempts: number;
  attachments: { filename: string; contentType: string; size: number }[];
  createdAt: string;
  lastAttemptAt: string | null;
  sentAt: string | null;
}

export const messageKeys = {
  all: ['messages'] as const,
  list: (page: number, pageSize: number, channel?: MessageChannel) => ['messages', { page, pageSize, channel }] as const,
  one: (id: string) => ['messages', 'one', id] as const,
};

export const messagesApi = {
  list: (q: { page: number; pageSize: number; channel?: MessageChannel }, signal?: AbortSignal) =>
    http.get<{ items: OutboundMessage[]; page: number; pageSize: number }>('/api/v1/messages', q, signal),
  get: (id: string, signal?: AbortSignal) => http.get<OutboundMessage>(`/api/v1/messages/${id}`, undefined, signal),
};

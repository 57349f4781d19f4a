/** What the platform told people: in-app notifications and the SMS / e-mail message log. */

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

export type MessageStatus = 'queued' | 'sent' | 'failed';
export type MessageChannel = 'sms' | 'email';

/** One SMS or e-mail of the center's message log (with the development transports, the only place it arrives). */
export interface MessageView {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  channel: MessageChannel;
  recipientMasked: string;
  subject: string;
  body: string;
  status: MessageStatus;
  provider: string | null;
  /** The last failed attempt's error; kept on a failed message, cleared once one is sent. */
  error: string | null;
  attempts: number;
  /** What was attached (names and sizes); the files themselves are not listed. */
  attachments: { filename: string; contentType: string; size: number }[];
  createdAt: string;
  lastAttemptAt: string | null;
  sentAt: string | null;
}

/** The message log is paged without a total (it grows while one reads it). */
export interface MessagePage {
  items: MessageView[];
  page: number;
  pageSize: number;
}

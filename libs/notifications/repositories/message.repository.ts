import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';
import type { ChannelName } from '../channels/message-channel';
import type { MessageAttachment } from '../entities/notification.entity';

export type MessageStatus = 'queued' | 'sent' | 'failed';

export interface MessageView {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  channel: ChannelName;
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
  createdAt: Date;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
}

export interface PendingMessage {
  id: string;
  channel: ChannelName;
  recipientSealed: Buffer;
  subject: string;
  body: string;
  attachments: MessageAttachment[];
  status: MessageStatus;
}

const VIEW_COLUMNS = `m.id, m.case_id AS "caseId", m.case_number AS "caseNumber", m.channel, m.recipient_masked AS "recipientMasked", m.subject, m.body,
  m.status, m.provider, m.error, m.attempts, m.created_at AS "createdAt", m.last_attempt_at AS "lastAttemptAt", m.sent_at AS "sentAt",
  (SELECT coalesce(json_agg(json_build_object('filename', a->>'filename', 'contentType', a->>'contentType', 'size', octet_length(a->>'content'))), '[]')
     FROM jsonb_array_elements(m.attachments) a) AS attachments`;

/** outbound_messages: queued by the center's requests and jobs, delivered (and updated) only by the worker. */
@Injectable()
export class MessageRepository {
  constructor(private readonly db: Database) {}

  async insert(m: {
    id: string;
    organisationId: string;
    caseId: string | null;
    caseNumber: string | null;
    channel: ChannelName;
    recipientSealed: Buffer;
    recipientMasked: string;
    subject: string;
    body: string;
    attachments: MessageAttachment[];
  }): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO outbound_messages (id, organisation_id, case_id, case_number, channel, recipient_sealed, recipient_masked, subject, body, attachments)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [m.id, m.organisationId, m.caseId, m.caseNumber, m.channel, m.recipientSealed, m.recipientMasked, m.subject, m.body, JSON.stringify(m.attachments)],
    );
  }

  async pending(id: string): Promise<PendingMessage | undefined> {
    const [m] = (await this.db.manager.query(
      `SELECT id, channel, recipient_sealed AS "recipientSealed", subject, body, attachments, status FROM outbound_messages WHERE id = $1`,
      [id],
    )) as PendingMessage[];
    return m;
  }

  async markSent(id: string, provider: string, ref: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE outbound_messages SET status = 'sent', provider = $2, provider_ref = $3, attempts = attempts + 1, last_attempt_at = now(), sent_at = now(), error = NULL
       WHERE id = $1`,
      [id, provider, ref],
    );
  }

  /** One failed attempt; `final` when no retry follows, and the message shows as failed. */
  async markAttemptFailed(id: string, provider: string, error: string, final: boolean): Promise<void> {
    await this.db.manager.query(
      `UPDATE outbound_messages SET attempts = attempts + 1, last_attempt_at = now(), provider = $2, error = $3,
              status = CASE WHEN $4::boolean THEN 'failed' ELSE status END
       WHERE id = $1 AND status = 'queued'`,
      [id, provider, error.slice(0, 500), final],
    );
  }

  async list(organisationId: string, page: number, pageSize: number, channel?: ChannelName): Promise<MessageView[]> {
    return (await this.db.manager.query(
      `SELECT ${VIEW_COLUMNS} FROM outbound_messages m
       WHERE m.organisation_id = $1 AND ($4::text IS NULL OR m.channel = $4) ORDER BY m.created_at DESC, m.id DESC LIMIT $2 OFFSET $3`,
      [organisationId, pageSize, (page - 1) * pageSize, channel ?? null],
    )) as MessageView[];
  }

  /** How many messages the log holds for the filter, counted up to `limit` + 1 (an export's cap). */
  async countUpTo(organisationId: string, channel: ChannelName | undefined, limit: number): Promise<number> {
    const [{ n }] = (await this.db.manager.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM outbound_messages m WHERE m.organisation_id = $1 AND ($2::text IS NULL OR m.channel = $2) LIMIT $3) x`,
      [organisationId, channel ?? null, limit + 1],
    )) as { n: number }[];
    return n;
  }

  /** One batch of the log in its order after the message `after` names (keyset, for the export). */
  async exportBatch(organisationId: string, channel: ChannelName | undefined, after: { at: string; id: string } | null, limit: number): Promise<(MessageView & { cursorAt: string })[]> {
    return (await this.db.manager.query(
      `SELECT ${VIEW_COLUMNS}, m.created_at::text AS "cursorAt" FROM outbound_messages m
       WHERE m.organisation_id = $1 AND ($2::text IS NULL OR m.channel = $2)
         AND ($3::timestamptz IS NULL OR (m.created_at, m.id) < ($3::timestamptz, $4::uuid))
       ORDER BY m.created_at DESC, m.id DESC LIMIT $5`,
      [organisationId, channel ?? null, after?.at ?? null, after?.id ?? null, limit],
    )) as (MessageView & { cursorAt: string })[];
  }

  /** A case's messages whose recipient is still held (erased ones have none), oldest first. */
  async ofCase(caseId: string): Promise<(PendingMessage & { createdAt: Date })[]> {
    return (await this.db.manager.query(
      `SELECT id, channel, recipient_sealed AS "recipientSealed", subject, body, '[]'::jsonb AS attachments, status, created_at AS "createdAt"
       FROM outbound_messages WHERE case_id = $1 AND recipient_masked <> '' ORDER BY created_at, id`,
      [caseId],
    )) as (PendingMessage & { createdAt: Date })[];
  }

  /** Clears recipients, texts and attachments of a case's messages (the rows and their delivery status stay). */
  async eraseOfCase(caseId: string): Promise<number> {
    // An UPDATE answers [rows, count] (SqlExecutor).
    const [, count] = (await this.db.manager.query(
      `UPDATE outbound_messages SET recipient_sealed = '\\x'::bytea, recipient_masked = '', subject = '', body = '', attachments = '[]'
       WHERE case_id = $1 AND (recipient_masked <> '' OR body <> '')`,
      [caseId],
    )) as [unknown[], number];
    return count;
  }

  async one(organisationId: string, id: string): Promise<MessageView | undefined> {
    const [m] = (await this.db.manager.query(
      `SELECT ${VIEW_COLUMNS} FROM outbound_messages m WHERE m.id = $1 AND m.organisation_id = $2`,
      [id, organisationId],
    )) as MessageView[];
    return m;
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  assertExportable,
  AuditService,
  Database,
  describeListExport,
  LIST_EXPORT_BATCH,
  LIST_EXPORT_MAX_ROWS,
  type ListExport,
  maskEmail,
  maskPhone,
  NotFoundError,
  OutboxService,
  PiiVault,
  placedBatches,
  UnrecoverableError,
} from '@accord/core';
import { DeliveryError, MESSAGE_CHANNELS, type ChannelName, type MessageChannels } from '../channels/message-channel';
import type { MessageAttachment } from '../entities/notification.entity';
import { MessageRepository, type MessageView } from '../repositories/message.repository';
import { MESSAGE_LIST_COLUMNS } from './message-list-columns';

export type { MessageView } from '../repositories/message.repository';

export interface QueuedMessage {
  channel: ChannelName;
  /** The center that sends it and reads it in its log. */
  organisationId: string;
  caseId: string | null;
  /** The case's number, for the message log (the caller knows it; notifications does not read cases). */
  caseNumber: string | null;
  /** A mobile number for SMS, an address for e-mail: sealed at once, never in a job payload. */
  to: string;
  subject?: string;
  body: string;
  attachments?: MessageAttachment[];
}

/**
 * Messages outside the portal, one way for every channel: queued in the caller's transaction
 * (the recipient sealed, the event in the outbox), delivered by the worker through the
 * configured channel, and kept with their delivery status — queued, then sent, or failed with
 * the provider's error once BullMQ's retries (with back-off) are spent or the provider said no
 * for good. Every attempt is counted.
 */
@Injectable()
export class MessageService {
  constructor(
    private readonly db: Database,
    private readonly vault: PiiVault,
    private readonly outbox: OutboxService,
    private readonly messages: MessageRepository,
    private readonly audit: AuditService,
    @Inject(MESSAGE_CHANNELS) private readonly channels: MessageChannels,
  ) {}

  async queue(m: QueuedMessage): Promise<string> {
    const id = randomUUID();
    const to = m.to.trim();
    // Sealed like the case's own copy, bound to this message's id.
    const sealed = this.vault.seal({ name: '', idNumber: '', phone: m.channel === 'sms' ? to : '', email: m.channel === 'email' ? to : null }, id);
    await this.messages.insert({
      id,
      organisationId: m.organisationId,
      caseId: m.caseId,
      caseNumber: m.caseNumber,
      channel: m.channel,
      recipientSealed: sealed,
      recipientMasked: m.channel === 'sms' ? maskPhone(to) : maskEmail(to),
      subject: m.subject ?? '',
      body: m.body,
      attachments: m.attachments ?? [],
    });
    await this.outbox.add({ type: 'message.queued', organisationId: m.organisationId, payload: { messageId: id }, job: 'messages.deliver' });
    return id;
  }

  queueSms(m: { organisationId: string; caseId: string | null; caseNumber: string | null; phone: string; body: string }): Promise<string> {
    return this.queue({ channel: 'sms', organisationId: m.organisationId, caseId: m.caseId, caseNumber: m.caseNumber, to: m.phone, body: m.body });
  }

  queueEmail(m: { organisationId: string; caseId: string | null; caseNumber: string | null; email: string; subject: string; body: string; attachments?: MessageAttachment[] }): Promise<string> {
    return this.queue({ channel: 'email', organisationId: m.organisationId, caseId: m.caseId, caseNumber: m.caseNumber, to: m.email, subject: m.subject, body: m.body, attachments: m.attachments });
  }

  /** The worker's half: one attempt. A refusal throws (BullMQ retries it; a permanent one at once fails the job). */
  async deliver(messageId: string): Promise<void> {
    const m = await this.messages.pending(messageId);
    // Sent, or failed for good: a late duplicate of the job does nothing.
    if (!m || m.status !== 'queued') return;
    const identity = this.vault.open(m.recipientSealed, m.id);
    const channel = this.channels[m.channel];
    try {
      const { ref } = await channel.send({ id: m.id, to: m.channel === 'sms' ? identity.phone : identity.email!, subject: m.subject, body: m.body, attachments: m.attachments });
      await this.messages.markSent(m.id, channel.provider, ref);
    } catch (error) {
      if (error instanceof DeliveryError && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /** Records a failed attempt (in its own transaction: the attempt's own rolled back). */
  async recordFailure(messageId: string, error: Error, final: boolean): Promise<void> {
    const m = await this.messages.pending(messageId);
    if (!m) return;
    await this.messages.markAttemptFailed(messageId, this.channels[m.channel].provider, error.message, final);
  }

  /**
   * The messages of a case that went to this person (their phone or e-mail), for the consumer's
   * copy of their data; messages of the case to others (the bank's staff) are not theirs.
   */
  async sentTo(caseId: string, contact: { phone: string; email: string | null }): Promise<{ channel: ChannelName; subject: string; body: string; status: string; createdAt: Date }[]> {
    const rows = await this.messages.ofCase(caseId);
    return rows
      .filter((m) => {
        const r = this.vault.open(m.recipientSealed, m.id);
        return m.channel === 'sms' ? r.phone === contact.phone : Boolean(contact.email) && r.email === contact.email;
      })
      .map((m) => ({ channel: m.channel, subject: m.subject, body: m.body, status: m.status, createdAt: m.createdAt }));
  }

  /** Personal data retention: a case's messages keep their delivery status, lose whom they went to and what they said. */
  eraseOfCase(caseId: string): Promise<number> {
    return this.messages.eraseOfCase(caseId);
  }

  /** The center's message log, newest first: what went to whom (masked), and whether it went. */
  async list(page: number, pageSize: number, channel?: ChannelName): Promise<{ items: MessageView[]; page: number; pageSize: number }> {
    return { items: await this.messages.list(this.db.scope.organisationId!, page, pageSize, channel), page, pageSize };
  }

  /**
   * The same log as XLSX with its channel filter: every message up to 50,000, newest first, the
   * consumers' link tokens and one-time codes masked (message-redaction.ts); audited.
   */
  async exportList(channel?: ChannelName): Promise<ListExport<MessageView>> {
    const organisationId = this.db.scope.organisationId!;
    const rows = await this.messages.countUpTo(organisationId, channel, LIST_EXPORT_MAX_ROWS);
    assertExportable(rows);
    await this.audit.record({ action: 'message.list-exported', subjectType: 'message', detail: { ...(channel ? { channel } : {}), rows } });
    const scope = this.db.scope;
    const read = (after: { at: string; id: string } | null) =>
      this.db.run(scope, async () => {
        const batch = await this.messages.exportBatch(organisationId, channel, after, LIST_EXPORT_BATCH);
        return batch.map(({ cursorAt, ...m }) => ({ cursor: { at: cursorAt, id: m.id }, item: m }));
      });
    return describeListExport({ zh: '提醒消息', en: 'Messages', file: 'messages' }, rows, { channel }, MESSAGE_LIST_COLUMNS, placedBatches(read));
  }

  /** One message of the center's log, the whole body with it (how a developer reads a dev-transport message). */
  async get(id: string): Promise<MessageView> {
    const m = await this.messages.one(this.db.scope.organisationId!, id);
    if (!m) throw new NotFoundError('Message');
    return m;
  }
}

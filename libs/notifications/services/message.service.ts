import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database, maskPhone, OutboxService, PiiVault } from '@accord/core';
import { SMS_PROVIDER, SmsProvider } from '../channels/sms-provider';

export interface MessageView {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  channel: string;
  recipientMasked: string;
  subject: string;
  body: string;
  status: string;
  provider: string | null;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * Messages outside the portal: queued in the caller's transaction (the recipient sealed, the
 * event in the outbox), delivered by the worker through the configured provider, and kept
 * with their delivery status.
 */
@Injectable()
export class MessageService {
  constructor(
    private readonly db: Database,
    private readonly vault: PiiVault,
    private readonly outbox: OutboxService,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
  ) {}

  async queueSms(m: { organisationId: string; caseId: string | null; phone: string; body: string }): Promise<string> {
    const id = randomUUID();
    // Sealed like the case's own copy, bound to this message's id.
    const sealed = this.vault.seal({ name: '', idNumber: '', phone: m.phone, email: null }, id);
    await this.db.manager.query(
      `INSERT INTO outbound_messages (id, organisation_id, case_id, channel, recipient_sealed, recipient_masked, body)
       VALUES ($1, $2, $3, 'sms', $4, $5, $6)`,
      [id, m.organisationId, m.caseId, sealed, maskPhone(m.phone), m.body],
    );
    await this.outbox.add({ type: 'message.queued', organisationId: m.organisationId, payload: { messageId: id }, job: 'messages.deliver' });
    return id;
  }

  /** The worker's half: send once, record the outcome (a failure is kept, and retried by the job). */
  async deliver(messageId: string): Promise<void> {
    const [m] = (await this.db.manager.query(`SELECT id, channel, recipient_sealed AS "recipientSealed", body, status FROM outbound_messages WHERE id = $1`, [
      messageId,
    ])) as { id: string; channel: string; recipientSealed: Buffer; body: string; status: string }[];
    if (!m || m.status === 'sent') return;
    const phone = this.vault.open(m.recipientSealed, m.id).phone;
    const { ref } = await this.sms.send(phone, m.body);
    await this.db.manager.query(`UPDATE outbound_messages SET status = 'sent', provider = $2, provider_ref = $3, sent_at = now(), error = NULL WHERE id = $1`, [
      m.id,
      this.sms.name,
      ref,
    ]);
  }

  /** The center's message log, newest first: what went to whom (masked), and whether it went. */
  async list(page: number, pageSize: number): Promise<{ items: MessageView[]; page: number; pageSize: number }> {
    const items = (await this.db.manager.query(
      `SELECT m.id, m.case_id AS "caseId", c.case_number AS "caseNumber", m.channel, m.recipient_masked AS "recipientMasked", m.subject, m.body,
              m.status, m.provider, m.error, m.created_at AS "createdAt", m.sent_at AS "sentAt"
       FROM outbound_messages m LEFT JOIN cases c ON c.id = m.case_id
       WHERE m.organisation_id = $1 ORDER BY m.created_at DESC LIMIT $2 OFFSET $3`,
      [this.db.scope.organisationId, pageSize, (page - 1) * pageSize],
    )) as MessageView[];
    return { items, page, pageSize };
  }
}

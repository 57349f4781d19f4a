import { Inject, Injectable } from '@nestjs/common';
import { notificationText, notificationTranslator } from '@accord/contracts';
import { APP_CONFIG, AppConfig, HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { CaseReading } from '@accord/cases';
import { MessageService, NotificationService } from '@accord/notifications';
import { DirectoryService } from '@accord/organisations';
import { ConsumerLinkRepository } from '../repositories/consumer-link.repository';
import { changeSms, invitationMail, sessionIcs, shanghaiShort } from '../services/invitation-text';
import { SessionMessageFacts } from '../services/session-message-facts.service';

/** "调解中心 <noreply@x>" → noreply@x */
const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/**
 * A booking, reschedule or cancel, told to the people outside the mediator's desk: an e-mail
 * with the invitation (.ics: METHOD:REQUEST, or CANCEL; SEQUENCE = the session's version) to
 * the consumer when the case has their address and to the bank's complaint handlers of the
 * case's branch who have one; and an SMS to the consumer when the time moved or the session is
 * off (a booking's SMS is the confirmation link the center sends); and a notice in the portal to
 * the bank's people (session.booked / rescheduled / cancelled). A job for a version that has
 * since changed does nothing: the later change's own job speaks for it.
 */
@Injectable()
@HandlesJob('sessions.send-invitation')
export class SendInvitationJob implements JobHandler<'sessions.send-invitation'> {
  constructor(
    private readonly facts: SessionMessageFacts,
    private readonly links: ConsumerLinkRepository,
    private readonly cases: CaseReading,
    private readonly directory: DirectoryService,
    private readonly messages: MessageService,
    private readonly notifications: NotificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(payload: JobPayloads['sessions.send-invitation']): Promise<void> {
    const s = await this.facts.invitation(payload.sessionId);
    if (!s || s.version !== payload.version) return;
    const facts = { ...s, previousStartsAt: payload.previousStartsAt ? new Date(payload.previousStartsAt) : null };
    const ics = sessionIcs({ ...facts, cancelled: payload.change === 'cancelled' }, { name: s.centerName, email: addressOf(this.config.MAIL_FROM) });
    const method = payload.change === 'cancelled' ? 'CANCEL' : 'REQUEST';
    const attachments = [{ filename: ics.fileName, contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics.body }];
    const sendMail = async (email: string, greeting: string) => {
      const mail = invitationMail(payload.change, facts, greeting);
      await this.messages.queueEmail({ organisationId: s.centerId, caseId: s.caseId, caseNumber: s.caseNumber, email, subject: mail.subject, body: mail.body, attachments });
    };

    const contact = await this.cases.contactOf(s.caseId, `session-${payload.change}`);
    if (contact.email) await sendMail(contact.email, '');
    if (payload.change !== 'booked') {
      // After a move the consumer confirms again, with the link they already hold (only its hash is kept).
      const holdsLink = await this.links.sessionLinkHeld(s.id);
      await this.messages.queueSms({ organisationId: s.centerId, caseId: s.caseId, caseNumber: s.caseNumber, phone: contact.phone, body: changeSms(payload.change, facts, holdsLink) });
    }
    for (const handler of await this.directory.branchUsersWithEmail(s.institutionId, s.branchPath, 'complaint_handler')) {
      await sendMail(handler.email, handler.displayName);
    }
    // In the portal too: a booking waits for the bank's confirmation, and the bell is where the
    // branch looks first (the e-mail may sit unread).
    const filer = await this.facts.reminder(s.id);
    if (!filer) return;
    const kind = `session.${payload.change}`;
    const data = { sessionId: s.id, caseId: s.caseId, caseNumber: s.caseNumber, centerName: s.centerName, startsAt: s.startsAt.toISOString(), channel: s.channel };
    // The stored title and body are the kind's Chinese message (the portal renders the reader's language from the params).
    const { title, body } = notificationText({ kind, title: '', body: '', data }, notificationTranslator('zh-CN'), (iso) => shanghaiShort(new Date(iso)));
    for (const [userId, organisationId] of await this.facts.bankPeople(filer)) await this.notifications.deliver({ organisationId, userId, kind, title, body, data });
  }
}

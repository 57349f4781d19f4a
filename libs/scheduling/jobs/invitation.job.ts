import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Database, HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { CaseService } from '@accord/cases';
import { MessageService } from '@accord/notifications';
import { DirectoryService } from '@accord/organisations';
import { changeSms, invitationMail, sessionIcs, SessionFactsForText } from '../services/invitation-text';

export interface InvitationFacts extends SessionFactsForText {
  id: string;
  status: string;
  version: number;
  caseId: string;
  centerId: string;
  institutionId: string;
  branchPath: string;
}

/** The session as the messages about it describe it (system scope: the worker's). */
export async function invitationFacts(db: Database, sessionId: string): Promise<InvitationFacts | undefined> {
  const [row] = (await db.manager.query(
    `SELECT s.id, s.status, s.version, s.channel, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.status_reason AS reason,
            s.case_id AS "caseId", s.center_id AS "centerId", s.institution_id AS "institutionId", s.branch_path AS "branchPath",
            c.case_number AS "caseNumber", c.mediator_name AS "mediatorName", o.name AS "centerName", r.name AS "roomName", r.address AS "roomAddress"
     FROM mediation_sessions s JOIN cases c ON c.id = s.case_id JOIN organisations o ON o.id = s.center_id LEFT JOIN mediation_rooms r ON r.id = s.room_id
     WHERE s.id = $1`,
    [sessionId],
  )) as Omit<InvitationFacts, 'previousStartsAt'>[];
  return row && { ...row, previousStartsAt: null };
}

/** "调解中心 <noreply@x>" → noreply@x */
const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/**
 * A booking, reschedule or cancel, told to the people outside the mediator's desk: an e-mail
 * with the invitation (.ics: METHOD:REQUEST, or CANCEL; SEQUENCE = the session's version) to
 * the consumer when the case has their address and to the bank's complaint handlers of the
 * case's branch who have one; and an SMS to the consumer when the time moved or the session is
 * off (a booking's SMS is the confirmation link the center sends). A job for a version that has
 * since changed does nothing: the later change's own job speaks for it.
 */
@Injectable()
@HandlesJob('sessions.send-invitation')
export class SendInvitationJob implements JobHandler<'sessions.send-invitation'> {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
    private readonly directory: DirectoryService,
    private readonly messages: MessageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(payload: JobPayloads['sessions.send-invitation']): Promise<void> {
    const s = await invitationFacts(this.db, payload.sessionId);
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
      const [link] = (await this.db.manager.query(
        `SELECT 1 FROM consumer_links WHERE session_id = $1 AND purpose = 'session' AND revoked_at IS NULL AND expires_at > now()`,
        [s.id],
      )) as unknown[];
      await this.messages.queueSms({ organisationId: s.centerId, caseId: s.caseId, caseNumber: s.caseNumber, phone: contact.phone, body: changeSms(payload.change, facts, Boolean(link)) });
    }
    for (const handler of await this.directory.branchUsersWithEmail(s.institutionId, s.branchPath, 'complaint_handler')) {
      await sendMail(handler.email, handler.displayName);
    }
  }
}

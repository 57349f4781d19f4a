import { Injectable, OnModuleInit } from '@nestjs/common';
import { Database, DelayedJobs, HandlesJob, JobHandler, JobPayloads, SYSTEM_SCOPE } from '@accord/core';
import { CaseReading } from '@accord/cases';
import { MessageService, NotificationService } from '@accord/notifications';
import { ConsumerLinkRepository } from '../repositories/consumer-link.repository';
import { SessionRepository } from '../repositories/session.repository';
import { CHANNEL_ZH, reminderSms, reminderSoonSms } from '../services/invitation-text';
import { SessionMessageFacts } from '../services/session-message-facts.service';

/** How long before a session each reminder goes out. */
export const REMINDER_LEADS = { '24h': 24 * 3600_000, '30m': 30 * 60_000 } as const;
type Kind = keyof typeof REMINDER_LEADS;

/** One id per session, kind and start time: a moved session gets new reminders, never two for one time. */
export const reminderJobId = (sessionId: string, kind: Kind, startsAt: Date) => `reminder-${sessionId}-${kind}-${startsAt.getTime()}`;

/**
 * Keeps a session's reminders in step with it: a booking adds the 24-hour and 30-minute
 * reminders as delayed jobs; a reschedule removes the old time's and adds the new; a cancel
 * or no-show removes them. Re-running it (at-least-once delivery) changes nothing.
 */
@Injectable()
@HandlesJob('sessions.plan-reminders')
export class PlanRemindersJob implements JobHandler<'sessions.plan-reminders'> {
  constructor(
    private readonly facts: SessionMessageFacts,
    private readonly delayed: DelayedJobs,
  ) {}

  async handle(payload: JobPayloads['sessions.plan-reminders'] & { previousStartsAt?: string | null }): Promise<void> {
    const s = await this.facts.reminder(payload.sessionId);
    if (!s) return;
    for (const kind of Object.keys(REMINDER_LEADS) as Kind[]) {
      if (payload.previousStartsAt && Date.parse(payload.previousStartsAt) !== s.startsAt.getTime()) {
        await this.delayed.cancel(reminderJobId(payload.sessionId, kind, new Date(payload.previousStartsAt)));
      }
      const id = reminderJobId(payload.sessionId, kind, s.startsAt);
      const due = new Date(s.startsAt.getTime() - REMINDER_LEADS[kind]);
      if (s.status !== 'booked') await this.delayed.cancel(id);
      else if (due.getTime() > Date.now()) await this.delayed.schedule('sessions.reminder', { sessionId: payload.sessionId, kind, startsAt: s.startsAt.toISOString() }, id, due);
    }
  }
}

/**
 * Gives Redis back the reminders of every booked session still ahead when it lost them (see
 * DelayedJobsKeeper): each at its time, and one that fell due since `lostSince` (and after the
 * session got its time) at once — late, and once, since its id is the same as the lost job's.
 */
@Injectable()
export class SessionRemindersRestorer implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionRepository,
    private readonly delayed: DelayedJobs,
  ) {}

  onModuleInit(): void {
    this.delayed.registerRestorer('sessions.reminder', (lostSince) => this.restore(lostSince));
  }

  async restore(lostSince: Date): Promise<number> {
    const upcoming = await this.db.run(SYSTEM_SCOPE, () => this.sessions.upcomingForReminders());
    let planned = 0;
    for (const s of upcoming) {
      for (const kind of Object.keys(REMINDER_LEADS) as Kind[]) {
        const due = new Date(s.startsAt.getTime() - REMINDER_LEADS[kind]);
        if (due.getTime() <= Math.max(lostSince.getTime(), s.plannedAt.getTime())) continue;
        await this.delayed.schedule('sessions.reminder', { sessionId: s.id, kind, startsAt: s.startsAt.toISOString() }, reminderJobId(s.id, kind, s.startsAt), due);
        planned += 1;
      }
    }
    return planned;
  }
}

/**
 * The reminder itself, to everyone the session was announced to: in-app to the mediator, to the
 * bank's complaint handlers of the case's branch who got the invitation and to whoever filed the
 * case (each once, so a filer among the handlers hears it once, and an inactive filer does not
 * leave the bank unreminded); by SMS to the consumer, both a day and half an hour before. One
 * for a time that has since moved does nothing; the job's processed row commits with all of it,
 * so a re-run after a worker restart sends nothing twice.
 */
@Injectable()
@HandlesJob('sessions.reminder')
export class SessionReminderJob implements JobHandler<'sessions.reminder'> {
  constructor(
    private readonly facts: SessionMessageFacts,
    private readonly links: ConsumerLinkRepository,
    private readonly notifications: NotificationService,
    private readonly messages: MessageService,
    private readonly cases: CaseReading,
  ) {}

  async handle(payload: JobPayloads['sessions.reminder']): Promise<void> {
    const s = await this.facts.reminder(payload.sessionId);
    // A session whose waiting room is already open still reminds the parties.
    if (!s || !['booked', 'waiting'].includes(s.status) || s.startsAt.getTime() !== Date.parse(payload.startsAt)) return;
    const when = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(s.startsAt);
    const lead = payload.kind === '24h' ? '明天' : '30 分钟后';
    const note = {
      kind: `session.reminder-${payload.kind}`,
      title: `调解会议提醒：${s.caseNumber}`,
      body: `案件 ${s.caseNumber} 的${CHANNEL_ZH[s.channel] ?? '调解'}将于${lead}（${when}）开始。`,
      data: { sessionId: payload.sessionId, caseId: s.caseId, startsAt: payload.startsAt, caseNumber: s.caseNumber, channel: s.channel },
    };
    const recipients = new Map<string, string>([[s.mediatorId, s.centerId], ...(await this.facts.bankPeople(s))]);
    for (const [userId, organisationId] of recipients) await this.notifications.deliver({ organisationId, userId, ...note });

    const facts = (await this.facts.invitation(payload.sessionId))!;
    const { phone } = await this.cases.contactOf(s.caseId, `session-reminder-${payload.kind}`);
    const body = payload.kind === '24h' ? reminderSms(facts) : reminderSoonSms(facts, await this.links.sessionLinkHeld(payload.sessionId));
    await this.messages.queueSms({ organisationId: s.centerId, caseId: s.caseId, caseNumber: s.caseNumber, phone, body });
  }
}

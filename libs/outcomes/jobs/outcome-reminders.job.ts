import { Injectable, OnModuleInit } from '@nestjs/common';
import { timelineMessage } from '@accord/contracts';
import { Database, DelayedJobs, HandlesJob, JobHandler, JobPayloads, OutboxService, shanghaiDate, SYSTEM_SCOPE } from '@accord/core';
import { CaseFacts, CaseLifecycle, CaseReading } from '@accord/cases';
import { MessageService, NotificationService } from '@accord/notifications';
import { DirectoryService } from '@accord/organisations';
import { JudicialRepository } from '../repositories/judicial.repository';
import { ObligationRepository } from '../repositories/obligation.repository';
import { ClosingService } from '../services/closing.service';
import { FollowUpService } from '../services/follow-up.service';

/** Reminders go out at 09:00 Asia/Shanghai; the overdue flag at the first minute after the due day. */
const REMIND_DAYS_BEFORE_DUE = 3;
const JUDICIAL_LEADS = { '7d': 7, '1d': 1 } as const;

/** An instant on a Shanghai calendar day (UTC+8 all year: China keeps no daylight saving). */
const shanghaiAt = (day: string, hhmm: string, plusDays = 0) => new Date(Date.parse(`${day}T${hhmm}:00+08:00`) + plusDays * 86400_000);

export const obligationJobId = (obligationId: string, kind: 'before_due' | 'overdue') => `obligation-${obligationId}-${kind}`;
export const judicialJobId = (caseId: string, kind: '7d' | '1d', windowEndsOn: string) => `judicial-${caseId}-${kind}-${windowEndsOn}`;

type CaseSummary = NonNullable<Awaited<ReturnType<CaseFacts['summary']>>>;

/**
 * Who at the bank hears about an obligation: the handler who filed the case and the
 * institution's admins (those pinned to a branch only when the case is in their subtree).
 */
const bankPeople = (directory: DirectoryService, c: CaseSummary) => directory.branchUsersWithRoleOr(c.institutionId, c.branchPath, 'institution_admin', c.createdByUserId);

/** The center's people for an escalation: the mediator and the center admins. */
const centerPeople = (directory: DirectoryService, c: CaseSummary) => directory.activeUsersWithRoleOr(c.centerId, 'center_admin', c.mediatorId);

/** Closes the case once everything after its outcome is done. */
@Injectable()
@HandlesJob('outcomes.close-when-done')
export class CloseWhenDoneJob implements JobHandler<'outcomes.close-when-done'> {
  constructor(private readonly closing: ClosingService) {}

  async handle(payload: JobPayloads['outcomes.close-when-done']): Promise<void> {
    await this.closing.closeWhenDone(payload.caseId);
  }
}

/** The follow-up survey link, sent once the case has its outcome. */
@Injectable()
@HandlesJob('outcomes.send-follow-up')
export class SendFollowUpJob implements JobHandler<'outcomes.send-follow-up'> {
  constructor(private readonly followUps: FollowUpService) {}

  async handle(payload: JobPayloads['outcomes.send-follow-up']): Promise<void> {
    await this.followUps.send(payload.caseId);
  }
}

/**
 * Plans a case's reminders as delayed BullMQ jobs with deterministic ids (planning twice adds
 * nothing): for each open obligation one before its due date and the overdue flag after it; for
 * an undecided judicial-confirmation window one 7 days and one 1 day before it closes.
 */
@Injectable()
@HandlesJob('outcomes.plan-reminders')
export class PlanOutcomeRemindersJob implements JobHandler<'outcomes.plan-reminders'> {
  constructor(
    private readonly obligations: ObligationRepository,
    private readonly judicial: JudicialRepository,
    private readonly delayed: DelayedJobs,
  ) {}

  async handle(payload: JobPayloads['outcomes.plan-reminders']): Promise<void> {
    const obligations = await this.obligations.openOfCase(payload.caseId);
    for (const o of obligations) {
      // A reminder whose time has passed (due in less than three days) goes out at once.
      await this.delayed.schedule('outcomes.obligation-reminder', { obligationId: o.id, kind: 'before_due' }, obligationJobId(o.id, 'before_due'), shanghaiAt(o.dueOn, '09:00', -REMIND_DAYS_BEFORE_DUE));
      await this.delayed.schedule('outcomes.obligation-reminder', { obligationId: o.id, kind: 'overdue' }, obligationJobId(o.id, 'overdue'), shanghaiAt(o.dueOn, '00:00', 1));
    }
    const windowEndsOn = await this.judicial.undecidedWindowEnd(payload.caseId);
    if (windowEndsOn) await planJudicial(this.delayed, payload.caseId, windowEndsOn, new Date());
  }
}

/** A window's reminders due after `after` (now when planning; when Redis lost its jobs, the last time it surely held them). */
async function planJudicial(delayed: DelayedJobs, caseId: string, windowEndsOn: string, after: Date): Promise<number> {
  let planned = 0;
  for (const [kind, lead] of Object.entries(JUDICIAL_LEADS) as ['7d' | '1d', number][]) {
    const at = shanghaiAt(windowEndsOn, '09:00', -lead);
    if (at.getTime() > after.getTime()) {
      await delayed.schedule('outcomes.judicial-reminder', { caseId, kind, windowEndsOn }, judicialJobId(caseId, kind, windowEndsOn), at);
      planned += 1;
    }
  }
  return planned;
}

/**
 * A Redis that lost its delayed jobs (restarted empty) gets the obligations' and judicial windows'
 * reminders back from PostgreSQL (DelayedJobsKeeper calls this): each obligation's reminder unless
 * it went out, its overdue flag unless it is set, each window's reminders due after `lostSince`.
 * One that fell due meanwhile runs at once — late, and once (its id is the planned one's).
 */
@Injectable()
export class OutcomeRemindersRestorer implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly obligations: ObligationRepository,
    private readonly judicial: JudicialRepository,
    private readonly delayed: DelayedJobs,
  ) {}

  onModuleInit(): void {
    this.delayed.registerRestorer('outcomes.reminders', (lostSince) => this.restore(lostSince));
  }

  async restore(lostSince: Date): Promise<number> {
    const [open, windows] = await this.db.run(SYSTEM_SCOPE, () => Promise.all([this.obligations.allOpen(), this.judicial.undecidedWindows()]));
    let planned = 0;
    const today = shanghaiDate(new Date());
    for (const o of open) {
      if (!o.reminded && o.dueOn >= today) {
        await this.delayed.schedule('outcomes.obligation-reminder', { obligationId: o.id, kind: 'before_due' }, obligationJobId(o.id, 'before_due'), shanghaiAt(o.dueOn, '09:00', -REMIND_DAYS_BEFORE_DUE));
        planned += 1;
      }
      if (o.status !== 'overdue') {
        await this.delayed.schedule('outcomes.obligation-reminder', { obligationId: o.id, kind: 'overdue' }, obligationJobId(o.id, 'overdue'), shanghaiAt(o.dueOn, '00:00', 1));
        planned += 1;
      }
    }
    for (const w of windows) planned += await planJudicial(this.delayed, w.caseId, w.windowEndsOn, lostSince);
    return planned;
  }
}

/**
 * An obligation's reminder: before the due date to the owing party (the bank in the portal, the
 * consumer by SMS); after it, the obligation turns overdue and the center and the bank are told.
 * One for an obligation already performed does nothing.
 */
@Injectable()
@HandlesJob('outcomes.obligation-reminder')
export class ObligationReminderJob implements JobHandler<'outcomes.obligation-reminder'> {
  constructor(
    private readonly obligations: ObligationRepository,
    private readonly notifications: NotificationService,
    private readonly messages: MessageService,
    private readonly cases: CaseReading,
    private readonly caseLifecycle: CaseLifecycle,
    private readonly caseFacts: CaseFacts,
    private readonly directory: DirectoryService,
    private readonly outbox: OutboxService,
  ) {}

  async handle(payload: JobPayloads['outcomes.obligation-reminder']): Promise<void> {
    const o = await this.obligations.lock(payload.obligationId);
    if (!o || o.status === 'performed') return;
    // Done already (a reminder planned again after Redis lost its jobs finds it so): nothing twice.
    if (payload.kind === 'before_due' ? o.reminded : o.status === 'overdue') return;
    // A due day already past gets the overdue notice, never a "due soon" one: a reminder planned
    // again from PostgreSQL after its day (or for an obligation recorded late) stays silent.
    if (payload.kind === 'before_due' && o.dueOn < shanghaiDate(new Date())) return;
    const c = await this.caseFacts.summary(o.caseId);
    if (!c) return;
    const data = { caseId: o.caseId, obligationId: payload.obligationId, dueOn: o.dueOn, caseNumber: c.caseNumber, description: o.description, owedBy: o.owedBy };
    if (payload.kind === 'before_due') {
      await this.obligations.markReminded(payload.obligationId);
      // Banks' systems may subscribe to it (webhooks: obligation.due).
      await this.outbox.add({ type: 'obligation.reminded', organisationId: c.centerId, payload: { caseId: o.caseId, obligationId: payload.obligationId, kind: payload.kind } });
      const note = { kind: 'obligation.due-soon', title: `履行提醒：${c.caseNumber}`, body: `调解协议约定的“${o.description}”应于 ${o.dueOn} 前履行完毕，请按时履行并上传凭证。`, data };
      if (o.owedBy === 'institution') {
        for (const userId of await bankPeople(this.directory, c)) await this.notifications.deliver({ organisationId: c.institutionId, userId, ...note });
      } else {
        const { phone } = await this.cases.contactOf(o.caseId, 'obligation-reminder');
        const centerName = (await this.directory.organisationNames([c.centerId])).get(c.centerId)!;
        await this.messages.queueSms({ organisationId: c.centerId, caseId: o.caseId, caseNumber: c.caseNumber, phone, body: `【${centerName}】提醒：调解协议约定您应于 ${o.dueOn} 前完成“${o.description}”。` });
      }
      if (c.mediatorId) await this.notifications.deliver({ organisationId: c.centerId, userId: c.mediatorId, ...note, body: `${note.body}（已提醒履行方）`, data: { ...data, partyReminded: true } });
      return;
    }
    await this.obligations.markOverdue(payload.obligationId);
    await this.outbox.add({ type: 'obligation.reminded', organisationId: c.centerId, payload: { caseId: o.caseId, obligationId: payload.obligationId, kind: payload.kind } });
    // An overdue obligation counts in the statistics (on its due day): the worker recounts the case's buckets.
    await this.outbox.add({ type: 'statistics.stale', organisationId: c.centerId, payload: { caseId: o.caseId }, job: 'statistics.refresh-case' });
    const note = {
      kind: 'obligation.overdue',
      title: `逾期未履行：${c.caseNumber}`,
      body: `调解协议约定的“${o.description}”（${o.owedBy === 'institution' ? '金融机构' : '消费者'}履行）已于 ${o.dueOn} 到期仍未履行，请跟进。`,
      data,
    };
    for (const userId of await centerPeople(this.directory, c)) await this.notifications.deliver({ organisationId: c.centerId, userId, ...note });
    for (const userId of await bankPeople(this.directory, c)) await this.notifications.deliver({ organisationId: c.institutionId, userId, ...note });
    await this.caseLifecycle.note({ id: o.caseId, centerId: c.centerId, institutionId: c.institutionId, branchPath: c.branchPath }, {
      kind: 'outcome',
      body: `逾期未履行：${o.description}（应于 ${o.dueOn} 前）`,
      detail: { obligationId: payload.obligationId, overdue: true, ...timelineMessage('obligationOverdue', { description: o.description, dueOn: o.dueOn }) },
    });
  }
}

/** The judicial-confirmation window is closing and the parties have not decided: tell the mediator and the bank. */
@Injectable()
@HandlesJob('outcomes.judicial-reminder')
export class JudicialReminderJob implements JobHandler<'outcomes.judicial-reminder'> {
  constructor(
    private readonly judicial: JudicialRepository,
    private readonly notifications: NotificationService,
    private readonly caseFacts: CaseFacts,
    private readonly directory: DirectoryService,
  ) {}

  async handle(payload: JobPayloads['outcomes.judicial-reminder']): Promise<void> {
    const j = await this.judicial.window(payload.caseId);
    if (!j || j.applying !== null || j.windowEndsOn !== payload.windowEndsOn) return;
    const c = await this.caseFacts.summary(payload.caseId);
    if (!c) return;
    const note = {
      kind: `judicial.window-${payload.kind}`,
      title: `司法确认期限提醒：${c.caseNumber}`,
      body: `调解协议的司法确认申请期限将于 ${j.windowEndsOn} 届满（剩余 ${payload.kind === '7d' ? 7 : 1} 天）。如双方拟申请司法确认，请尽快向人民法院共同提出。`,
      data: { caseId: payload.caseId, windowEndsOn: j.windowEndsOn, caseNumber: c.caseNumber },
    };
    if (c.mediatorId) await this.notifications.deliver({ organisationId: c.centerId, userId: c.mediatorId, ...note });
    for (const userId of await bankPeople(this.directory, c)) await this.notifications.deliver({ organisationId: c.institutionId, userId, ...note });
  }
}

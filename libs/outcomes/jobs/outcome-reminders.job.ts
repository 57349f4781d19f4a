import { Injectable } from '@nestjs/common';
import { Database, DelayedJobs, HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { CaseService } from '@accord/cases';
import { MessageService, NotificationService } from '@accord/notifications';
import { FollowUpService } from '../services/follow-up.service';
import { OutcomeService } from '../services/outcome.service';

/** Reminders go out at 09:00 Asia/Shanghai; the overdue flag at the first minute after the due day. */
const REMIND_DAYS_BEFORE_DUE = 3;
const JUDICIAL_LEADS = { '7d': 7, '1d': 1 } as const;

/** An instant on a Shanghai calendar day (UTC+8 all year: China keeps no daylight saving). */
const shanghaiAt = (day: string, hhmm: string, plusDays = 0) => new Date(Date.parse(`${day}T${hhmm}:00+08:00`) + plusDays * 86400_000);

export const obligationJobId = (obligationId: string, kind: 'before_due' | 'overdue') => `obligation-${obligationId}-${kind}`;
export const judicialJobId = (caseId: string, kind: '7d' | '1d', windowEndsOn: string) => `judicial-${caseId}-${kind}-${windowEndsOn}`;

interface CaseFacts {
  caseNumber: string;
  centerId: string;
  institutionId: string;
  branchPath: string;
  mediatorId: string | null;
  filerId: string | null;
}

async function caseFacts(db: Database, caseId: string): Promise<CaseFacts | undefined> {
  const [c] = (await db.manager.query(
    `SELECT c.case_number AS "caseNumber", c.center_id AS "centerId", c.institution_id AS "institutionId", c.branch_path AS "branchPath",
            c.mediator_id AS "mediatorId", (SELECT u.id FROM users u WHERE u.id = c.created_by_user_id AND u.is_active) AS "filerId"
     FROM cases c WHERE c.id = $1`,
    [caseId],
  )) as CaseFacts[];
  return c;
}

/**
 * Who at the bank hears about an obligation: the handler who filed the case and the
 * institution's admins (those pinned to a branch only when the case is in their subtree).
 */
async function bankPeople(db: Database, c: CaseFacts): Promise<string[]> {
  const rows = (await db.manager.query(
    `SELECT u.id FROM users u LEFT JOIN branches b ON b.id = u.branch_id
     WHERE u.organisation_id = $1 AND u.is_active AND (u.id = $2 OR 'institution_admin' = ANY(u.roles))
       AND (u.branch_id IS NULL OR $3 LIKE b.path || '%') ORDER BY u.id`,
    [c.institutionId, c.filerId, c.branchPath],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** The center's people for an escalation: the mediator and the center admins. */
async function centerPeople(db: Database, c: CaseFacts): Promise<string[]> {
  const rows = (await db.manager.query(
    `SELECT id FROM users WHERE organisation_id = $1 AND is_active AND (id = $2 OR 'center_admin' = ANY(roles)) ORDER BY id`,
    [c.centerId, c.mediatorId],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Closes the case once everything after its outcome is done. */
@Injectable()
@HandlesJob('outcomes.close-when-done')
export class CloseWhenDoneJob implements JobHandler<'outcomes.close-when-done'> {
  constructor(private readonly outcomes: OutcomeService) {}

  async handle(payload: JobPayloads['outcomes.close-when-done']): Promise<void> {
    await this.outcomes.closeWhenDone(payload.caseId);
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
    private readonly db: Database,
    private readonly delayed: DelayedJobs,
  ) {}

  async handle(payload: JobPayloads['outcomes.plan-reminders']): Promise<void> {
    const obligations = (await this.db.manager.query(
      `SELECT id, to_char(due_on, 'YYYY-MM-DD') AS "dueOn" FROM case_obligations WHERE case_id = $1 AND status <> 'performed' ORDER BY position`,
      [payload.caseId],
    )) as { id: string; dueOn: string }[];
    for (const o of obligations) {
      // A reminder whose time has passed (due in less than three days) goes out at once.
      await this.delayed.schedule('outcomes.obligation-reminder', { obligationId: o.id, kind: 'before_due' }, obligationJobId(o.id, 'before_due'), shanghaiAt(o.dueOn, '09:00', -REMIND_DAYS_BEFORE_DUE));
      await this.delayed.schedule('outcomes.obligation-reminder', { obligationId: o.id, kind: 'overdue' }, obligationJobId(o.id, 'overdue'), shanghaiAt(o.dueOn, '00:00', 1));
    }
    const [j] = (await this.db.manager.query(
      `SELECT to_char(window_ends_on, 'YYYY-MM-DD') AS "windowEndsOn" FROM judicial_confirmations WHERE case_id = $1 AND applying IS NULL`,
      [payload.caseId],
    )) as { windowEndsOn: string }[];
    if (j) {
      for (const [kind, lead] of Object.entries(JUDICIAL_LEADS) as ['7d' | '1d', number][]) {
        const at = shanghaiAt(j.windowEndsOn, '09:00', -lead);
        if (at.getTime() > Date.now()) {
          await this.delayed.schedule('outcomes.judicial-reminder', { caseId: payload.caseId, kind, windowEndsOn: j.windowEndsOn }, judicialJobId(payload.caseId, kind, j.windowEndsOn), at);
        }
      }
    }
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
    private readonly db: Database,
    private readonly notifications: NotificationService,
    private readonly messages: MessageService,
    private readonly cases: CaseService,
  ) {}

  async handle(payload: JobPayloads['outcomes.obligation-reminder']): Promise<void> {
    const [o] = (await this.db.manager.query(
      `SELECT case_id AS "caseId", owed_by AS "owedBy", description, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status FROM case_obligations WHERE id = $1 FOR UPDATE`,
      [payload.obligationId],
    )) as { caseId: string; owedBy: string; description: string; dueOn: string; status: string }[];
    if (!o || o.status === 'performed') return;
    const c = await caseFacts(this.db, o.caseId);
    if (!c) return;
    const data = { caseId: o.caseId, obligationId: payload.obligationId, dueOn: o.dueOn };
    if (payload.kind === 'before_due') {
      await this.db.manager.query(`UPDATE case_obligations SET reminded_at = now() WHERE id = $1`, [payload.obligationId]);
      const note = { kind: 'obligation.due-soon', title: `履行提醒：${c.caseNumber}`, body: `调解协议约定的“${o.description}”应于 ${o.dueOn} 前履行完毕，请按时履行并上传凭证。`, data };
      if (o.owedBy === 'institution') {
        for (const userId of await bankPeople(this.db, c)) await this.notifications.deliver({ organisationId: c.institutionId, userId, ...note });
      } else {
        const { phone } = await this.cases.contactOf(o.caseId, 'obligation-reminder');
        const [{ centerName }] = (await this.db.manager.query(`SELECT name AS "centerName" FROM organisations WHERE id = $1`, [c.centerId])) as { centerName: string }[];
        await this.messages.queueSms({ organisationId: c.centerId, caseId: o.caseId, caseNumber: c.caseNumber, phone, body: `【${centerName}】提醒：调解协议约定您应于 ${o.dueOn} 前完成“${o.description}”。` });
      }
      if (c.mediatorId) await this.notifications.deliver({ organisationId: c.centerId, userId: c.mediatorId, ...note, body: `${note.body}（已提醒履行方）` });
      return;
    }
    await this.db.manager.query(`UPDATE case_obligations SET status = 'overdue', escalated_at = now() WHERE id = $1`, [payload.obligationId]);
    const note = {
      kind: 'obligation.overdue',
      title: `逾期未履行：${c.caseNumber}`,
      body: `调解协议约定的“${o.description}”（${o.owedBy === 'institution' ? '金融机构' : '消费者'}履行）已于 ${o.dueOn} 到期仍未履行，请跟进。`,
      data,
    };
    for (const userId of await centerPeople(this.db, c)) await this.notifications.deliver({ organisationId: c.centerId, userId, ...note });
    for (const userId of await bankPeople(this.db, c)) await this.notifications.deliver({ organisationId: c.institutionId, userId, ...note });
    await this.cases.note({ id: o.caseId, centerId: c.centerId, institutionId: c.institutionId, branchPath: c.branchPath }, {
      kind: 'outcome',
      body: `逾期未履行：${o.description}（应于 ${o.dueOn} 前）`,
      detail: { obligationId: payload.obligationId, overdue: true },
    });
  }
}

/** The judicial-confirmation window is closing and the parties have not decided: tell the mediator and the bank. */
@Injectable()
@HandlesJob('outcomes.judicial-reminder')
export class JudicialReminderJob implements JobHandler<'outcomes.judicial-reminder'> {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationService,
  ) {}

  async handle(payload: JobPayloads['outcomes.judicial-reminder']): Promise<void> {
    const [j] = (await this.db.manager.query(
      `SELECT applying, to_char(window_ends_on, 'YYYY-MM-DD') AS "windowEndsOn" FROM judicial_confirmations WHERE case_id = $1`,
      [payload.caseId],
    )) as { applying: boolean | null; windowEndsOn: string }[];
    if (!j || j.applying !== null || j.windowEndsOn !== payload.windowEndsOn) return;
    const c = await caseFacts(this.db, payload.caseId);
    if (!c) return;
    const note = {
      kind: `judicial.window-${payload.kind}`,
      title: `司法确认期限提醒：${c.caseNumber}`,
      body: `调解协议的司法确认申请期限将于 ${j.windowEndsOn} 届满（剩余 ${payload.kind === '7d' ? 7 : 1} 天）。如双方拟申请司法确认，请尽快向人民法院共同提出。`,
      data: { caseId: payload.caseId, windowEndsOn: j.windowEndsOn },
    };
    if (c.mediatorId) await this.notifications.deliver({ organisationId: c.centerId, userId: c.mediatorId, ...note });
    for (const userId of await bankPeople(this.db, c)) await this.notifications.deliver({ organisationId: c.institutionId, userId, ...note });
  }
}

import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { NotificationService } from '@accord/notifications';
import { DirectoryService } from '@accord/organisations';
import { CaseRepository, type NotifyFacts } from '../repositories/case.repository';

const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}…` : s);

const STATUS_ZH: Record<string, string> = {
  submitted: '已提交',
  returned: '已退回补正',
  rejected: '不予受理',
  accepted: '已受理',
  assigned: '已分派调解员',
  withdrawn: '已撤回',
};

/**
 * In-app notices for the moves someone must act on: a new referral reaches the center's intake
 * officers; a return, rejection, acceptance or assignment reaches the person who filed it; an
 * assignment reaches the mediator. Runs in the worker (system scope) once per outbox event.
 */
@Injectable()
@HandlesJob('cases.notify-parties')
export class NotifyCasePartiesJob implements JobHandler<'cases.notify-parties'> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly directory: DirectoryService,
    private readonly notifications: NotificationService,
  ) {}

  async handle(payload: JobPayloads['cases.notify-parties']): Promise<void> {
    const c = await this.cases.notifyFacts(payload.caseId, payload.status);
    if (!c) return;
    if (payload.change === 'comment') return this.commented(payload.caseId, payload.eventId, c);
    // The params of the kind's message (contracts' NOTIFICATION_KINDS): the portal writes it in the reader's language.
    const data = {
      caseId: payload.caseId,
      status: payload.status,
      caseNumber: c.caseNumber,
      actorName: c.actorName ?? c.centerName,
      centerName: c.centerName,
      institutionName: c.institutionName,
      mediatorName: c.mediatorName,
      ...(c.note ? { note: c.note } : {}),
    };
    if (payload.change.startsWith('consent_')) await this.consentAnswered(payload.change, c, data);
    if (payload.change === 'extension_proposed') return this.extensionProposed(c, { ...data, ...payload.notice });
    if (payload.status === 'submitted') {
      for (const id of await this.directory.activeUsersWithRole(c.centerId, 'intake_officer')) {
        await this.notifications.deliver({
          organisationId: c.centerId,
          userId: id,
          kind: 'case.submitted',
          title: `新的调解申请：${c.caseNumber}`,
          body: `案件 ${c.caseNumber} 已提交，等待受理审查。`,
          data,
        });
      }
      return;
    }
    if (payload.status === 'draft') return;
    if (c.createdByUserId && STATUS_ZH[payload.status]) {
      const filerOrganisationId = await this.directory.activeUserOrganisation(c.createdByUserId);
      if (filerOrganisationId) {
        await this.notifications.deliver({
          organisationId: filerOrganisationId,
          userId: c.createdByUserId,
          kind: `case.${payload.status}`,
          title: `案件 ${c.caseNumber}：${STATUS_ZH[payload.status]}`,
          body:
            payload.status === 'returned'
              ? `${c.centerName}退回了案件 ${c.caseNumber}，请补充材料后重新提交。${c.note ? `说明：${c.note}` : ''}`
              : `${c.centerName}将案件 ${c.caseNumber} 的状态更新为「${STATUS_ZH[payload.status]}」。`,
          data,
        });
      }
    }
    if (payload.status === 'assigned' && c.mediatorId) {
      await this.notifications.deliver({
        organisationId: c.centerId,
        userId: c.mediatorId,
        kind: 'case.assigned-to-you',
        title: `新分派案件：${c.caseNumber}`,
        body: `案件 ${c.caseNumber} 已分派给您调解。`,
        data,
      });
    }
  }

  /** The consumer answered the branch's consent link (or let it expire): the person who asked hears it. */
  private async consentAnswered(change: string, c: NotifyFacts, data: Record<string, unknown>): Promise<void> {
    const filerOrganisationId = c.createdByUserId ? await this.directory.activeUserOrganisation(c.createdByUserId) : undefined;
    if (!filerOrganisationId) return;
    const answer = change.slice('consent_'.length);
    const text: Record<string, [string, string]> = {
      given: [`消费者已同意：${c.caseNumber}`, `消费者已通过短信链接同意调解，申请 ${c.caseNumber} 已提交${c.centerName}。`],
      declined: ['消费者不同意调解', `消费者不同意将调解申请提交${c.centerName}，草稿已关闭。`],
      expired: ['同意链接已过期', `消费者未在有效期内确认，提交${c.centerName}的调解申请草稿已关闭。`],
    };
    if (!text[answer]) return;
    await this.notifications.deliver({
      organisationId: filerOrganisationId,
      userId: c.createdByUserId!,
      kind: `case.consent-${answer}`,
      title: text[answer][0],
      body: text[answer][1],
      data,
    });
  }

  /** The center proposes to extend the mediation: the bank must agree, so the person who filed the case is asked. */
  private async extensionProposed(c: NotifyFacts, data: Record<string, unknown>): Promise<void> {
    const filerOrganisationId = c.createdByUserId ? await this.directory.activeUserOrganisation(c.createdByUserId) : undefined;
    if (!filerOrganisationId) return;
    await this.notifications.deliver({
      organisationId: filerOrganisationId,
      userId: c.createdByUserId!,
      kind: 'case.extension-proposed',
      title: `案件 ${c.caseNumber}：延长调解期限待答复`,
      body: `${c.centerName}提议将案件 ${c.caseNumber} 的调解期限延长 ${String(data.days)} 日（至 ${String(data.newDueOn)}），须经贵机构与消费者同意，请在案件页答复。`,
      data,
    });
  }

  /**
   * A comment reaches the other side: the center's comment the person who filed the case; the
   * bank's (or a regulator's) the case's mediator, or while none is assigned the center's intake
   * officers. Never the one who wrote it.
   */
  private async commented(caseId: string, eventId: string | undefined, c: NotifyFacts): Promise<void> {
    const comment = eventId ? await this.cases.commentFacts(caseId, eventId) : undefined;
    if (!comment || !c.caseNumber) return;
    const recipients: [string, string][] = [];
    if (comment.actorOrganisationId === c.centerId) {
      const filerOrganisationId = c.createdByUserId ? await this.directory.activeUserOrganisation(c.createdByUserId) : undefined;
      if (filerOrganisationId) recipients.push([c.createdByUserId!, filerOrganisationId]);
    } else if (c.mediatorId) {
      recipients.push([c.mediatorId, c.centerId]);
    } else {
      for (const id of await this.directory.activeUsersWithRole(c.centerId, 'intake_officer')) recipients.push([id, c.centerId]);
    }
    const text = clip(comment.body ?? '');
    const organisationName = comment.organisationName ?? '';
    for (const [userId, organisationId] of recipients) {
      if (userId === comment.actorUserId) continue;
      await this.notifications.deliver({
        organisationId,
        userId,
        kind: 'case.commented',
        title: `案件 ${c.caseNumber} 有新留言`,
        body: `${comment.actorName}（${organisationName}）在案件 ${c.caseNumber} 留言：${text}`,
        data: { caseId, eventId, caseNumber: c.caseNumber, actorName: comment.actorName, organisationName, comment: text },
      });
    }
  }
}

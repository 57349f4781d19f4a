import { Injectable } from '@nestjs/common';
import { Database, HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { NotificationService } from '@accord/notifications';

const STATUS_ZH: Record<string, string> = {
  submitted: '已提交',
  returned: '已退回补正',
  rejected: '不予受理',
  accepted: '已受理',
  assigned: '已分派调解员',
  withdrawn: '已撤回',
};

interface CaseFacts {
  caseNumber: string;
  centerId: string;
  centerName: string;
  institutionId: string;
  createdByUserId: string | null;
  mediatorId: string | null;
  mediatorName: string | null;
}

/**
 * In-app notices for the moves someone must act on: a new referral reaches the center's intake
 * officers; a return, rejection, acceptance or assignment reaches the person who filed it; an
 * assignment reaches the mediator. Runs in the worker (system scope) once per outbox event.
 */
@Injectable()
@HandlesJob('cases.notify-parties')
export class NotifyCasePartiesJob implements JobHandler<'cases.notify-parties'> {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationService,
  ) {}

  async handle(payload: JobPayloads['cases.notify-parties']): Promise<void> {
    const [c] = (await this.db.manager.query(
      `SELECT c.case_number AS "caseNumber", c.center_id AS "centerId", ce.name AS "centerName", c.institution_id AS "institutionId",
              c.created_by_user_id AS "createdByUserId", c.mediator_id AS "mediatorId", c.mediator_name AS "mediatorName"
       FROM cases c JOIN organisations ce ON ce.id = c.center_id WHERE c.id = $1`,
      [payload.caseId],
    )) as CaseFacts[];
    if (!c) return;
    const data = { caseId: payload.caseId, status: payload.status };
    if (payload.status === 'submitted') {
      const officers = (await this.db.manager.query(
        `SELECT id FROM users WHERE organisation_id = $1 AND 'intake_officer' = ANY(roles) AND is_active ORDER BY id`,
        [c.centerId],
      )) as { id: string }[];
      for (const { id } of officers) {
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
    if (c.createdByUserId && STATUS_ZH[payload.status]) {
      const [filer] = (await this.db.manager.query(`SELECT organisation_id AS "organisationId" FROM users WHERE id = $1 AND is_active`, [
        c.createdByUserId,
      ])) as { organisationId: string }[];
      if (filer) {
        await this.notifications.deliver({
          organisationId: filer.organisationId,
          userId: c.createdByUserId,
          kind: `case.${payload.status}`,
          title: `案件 ${c.caseNumber}：${STATUS_ZH[payload.status]}`,
          body:
            payload.status === 'returned'
              ? `${c.centerName}退回了案件 ${c.caseNumber}，请补充材料后重新提交。`
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
}

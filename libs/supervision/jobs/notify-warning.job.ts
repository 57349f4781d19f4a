import { Injectable } from '@nestjs/common';
import { BUSINESS_LINE_ZH, type BusinessLine } from '@accord/contracts';
import { HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { NotificationService } from '@accord/notifications';
import { DirectoryService } from '@accord/organisations';
import { NoticeRepository } from '../repositories/notice.repository';
import { WarningDetailRow, WarningRepository } from '../repositories/warning.repository';

/** The warning's page, which opens its drawer: the notification's link. */
const linkOf = (warningId: string) => `/warnings?id=${warningId}`;
const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);
const round2 = (x: number) => Math.round(x * 100) / 100;
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—');

/**
 * Warnings into people's notifications (the bell, issue 16; until then GET /notifications): a
 * raised warning reaches every analyst and supervisor of the regulators watching its center and
 * the institution's admins not pinned to a branch; a notice reaches those admins; an answer the
 * regulator's user who sent the notice. Runs in the worker (system scope) once per outbox event
 * (the runner commits the notifications with its processed_jobs row).
 */
@Injectable()
@HandlesJob('supervision.notify-warning')
export class NotifyWarningJob implements JobHandler<'supervision.notify-warning'> {
  constructor(
    private readonly warnings: WarningRepository,
    private readonly notices: NoticeRepository,
    private readonly directory: DirectoryService,
    private readonly notifications: NotificationService,
  ) {}

  async handle(payload: JobPayloads['supervision.notify-warning']): Promise<void> {
    const w = await this.warnings.one(payload.warningId);
    if (!w) return;
    const names = await this.directory.organisationNames([w.institutionId, w.centerId]);
    const institution = names.get(w.institutionId) ?? '';
    const unit = `${institution}${w.businessLine ? `（${BUSINESS_LINE_ZH[w.businessLine as BusinessLine] ?? w.businessLine}）` : ''}`;
    const period = w.periodKind === 'month' ? `${w.periodStart.slice(0, 7)} 月` : `${w.periodStart} 至 ${w.periodEnd} 一周`;
    // The params of the kinds' messages (contracts' NOTIFICATION_KINDS): the portal writes them in the reader's language.
    const data = {
      warningId: w.id,
      link: linkOf(w.id),
      institutionName: institution,
      centerName: names.get(w.centerId) ?? '',
      businessLine: w.businessLine,
      metric: w.metric,
      periodKind: w.periodKind,
      periodStart: w.periodStart,
      periodEnd: w.periodEnd,
      observed: w.observed,
      expected: round2(w.expected),
      bound: w.bound,
      concluded: w.concluded,
    };

    if (!payload.change) {
      const title = w.metric === 'breaches' ? `投诉风险预警（超时限率）：${unit}` : `投诉风险预警：${unit}`;
      const at = `${unit}在${names.get(w.centerId) ?? ''}${period}`;
      const body =
        w.metric === 'breaches'
          ? `${at}办结的 ${w.concluded} 件中超时限 ${w.observed} 件（${percent(w.observed, w.concluded ?? 0)}），高于其此前超时限率所预期的 ${round2(w.expected)} 件（99.9% 上界 ${w.bound} 件）。`
          : `${at}的调解申请 ${w.observed} 件，高于其此前均值 ${round2(w.expected)} 件（99.9% 上界 ${w.bound} 件）。`;
      for (const regulatorId of (await this.directory.regulatorsWatching([w.centerId])).get(w.centerId) ?? []) {
        const people = new Set([
          ...(await this.directory.activeUsersWithRole(regulatorId, 'regulator_analyst')),
          ...(await this.directory.activeUsersWithRole(regulatorId, 'regulator_supervisor')),
        ]);
        for (const userId of people) {
          await this.notifications.deliver({ organisationId: regulatorId, userId, kind: 'warning.raised', title, body, data });
        }
      }
      for (const userId of await this.institutionAdmins(w)) {
        await this.notifications.deliver({ organisationId: w.institutionId, userId, kind: 'warning.raised', title, body, data });
      }
      return;
    }

    const notice = payload.noticeId ? await this.notices.one(payload.noticeId) : undefined;
    if (!notice) return;
    const regulator = notice.regulatorName;
    if (payload.change === 'notice_sent') {
      const by = notice.answerBy ? `，请于 ${notice.answerBy} 前答复` : '';
      for (const userId of await this.institutionAdmins(w)) {
        await this.notifications.deliver({
          organisationId: w.institutionId,
          userId,
          kind: 'warning.notice_sent',
          title: `监管提示：${regulator}`,
          body: `${regulator}就${unit}${period}的投诉风险预警发出监管提示${by}：${clip(notice.text)}`,
          data: { ...data, noticeId: notice.id, regulatorName: regulator, text: clip(notice.text), answerBy: notice.answerBy },
        });
      }
      return;
    }
    if (notice.answer) {
      await this.notifications.deliver({
        organisationId: notice.regulatorId,
        userId: notice.sentByUserId,
        kind: 'warning.notice_answered',
        title: `监管提示已答复：${unit}`,
        body: `${institution}答复了您就${period}预警发出的监管提示：${clip(notice.answer)}`,
        data: { ...data, noticeId: notice.id, answer: clip(notice.answer) },
      });
    }
  }

  /** The institution's active admins who see its warnings: those not pinned below the head office. */
  private async institutionAdmins(w: WarningDetailRow): Promise<string[]> {
    const head = await this.directory.headOffice(w.institutionId);
    if (!head) return this.directory.activeUsersWithRole(w.institutionId, 'institution_admin');
    return this.directory.branchUsersWithRoleOr(w.institutionId, head.path, 'institution_admin', null);
  }
}

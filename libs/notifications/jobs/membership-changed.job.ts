import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { NotificationService } from '../services/notification.service';

const STATUS_ZH: Record<string, string> = { active: '有效', suspended: '暂停', ended: '终止' };

/** Tells the institution's admins that a center admitted them or changed their membership. */
@Injectable()
@HandlesJob('notifications.membership-changed')
export class MembershipChangedJob implements JobHandler<'notifications.membership-changed'> {
  constructor(
    private readonly directory: DirectoryService,
    private readonly notifications: NotificationService,
  ) {}

  async handle(payload: JobPayloads['notifications.membership-changed']): Promise<void> {
    const membership = await this.directory.membership(payload.membershipId);
    if (!membership) return;
    const admins = await this.directory.activeUsersWithRole(membership.institutionId, 'institution_admin');
    for (const userId of admins) {
      await this.notifications.deliver({
        organisationId: membership.institutionId,
        userId,
        kind: 'membership.changed',
        title: `会员资格变更：${membership.centerName}`,
        body: `贵机构在${membership.centerName}的会员状态现为「${STATUS_ZH[membership.status] ?? membership.status}」。`,
        data: { membershipId: payload.membershipId, status: membership.status, centerName: membership.centerName },
      });
    }
  }
}

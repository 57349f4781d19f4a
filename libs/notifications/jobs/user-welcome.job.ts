import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { NotificationService } from '../services/notification.service';

/** Greets a new user in the portal with where to start. */
@Injectable()
@HandlesJob('notifications.user-welcome')
export class UserWelcomeJob implements JobHandler<'notifications.user-welcome'> {
  constructor(
    private readonly directory: DirectoryService,
    private readonly notifications: NotificationService,
  ) {}

  async handle(payload: JobPayloads['notifications.user-welcome']): Promise<void> {
    const user = await this.directory.user(payload.userId);
    if (!user) return;
    await this.notifications.deliver({
      organisationId: user.organisationId,
      userId: payload.userId,
      kind: 'user.welcome',
      title: `欢迎使用 Accord，${user.displayName}`,
      body: '您的账号已开通。首次登录后请核对您的角色与所属机构。',
      data: { displayName: user.displayName },
    });
  }
}

import { Module } from '@nestjs/common';
import { NotificationsController } from './controllers/notifications.controller';
import { MembershipChangedJob } from './jobs/membership-changed.job';
import { UserWelcomeJob } from './jobs/user-welcome.job';
import { NotificationRepository } from './repositories/notification.repository';
import { NotificationService } from './services/notification.service';

@Module({
  controllers: [NotificationsController],
  providers: [NotificationRepository, NotificationService, MembershipChangedJob, UserWelcomeJob],
  exports: [NotificationService],
})
export class NotificationsModule {}

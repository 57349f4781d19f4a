import { Module } from '@nestjs/common';
import { PiiVault } from '@accord/core';
import { messageChannelsProvider } from './channels/channels.provider';
import { DeliverMessageJob } from './jobs/deliver-message.job';
import { MessageService } from './services/message.service';
import { MessageExportController, MessagesController, NotificationsController } from './controllers/notifications.controller';
import { MembershipChangedJob } from './jobs/membership-changed.job';
import { UserWelcomeJob } from './jobs/user-welcome.job';
import { MessageRepository } from './repositories/message.repository';
import { NotificationPreferenceRepository } from './repositories/notification-preference.repository';
import { NotificationRepository } from './repositories/notification.repository';
import { NotificationService } from './services/notification.service';

@Module({
  controllers: [NotificationsController, MessagesController, MessageExportController],
  providers: [
    NotificationRepository,
    NotificationPreferenceRepository,
    NotificationService,
    MessageRepository,
    MessageService,
    PiiVault,
    MembershipChangedJob,
    UserWelcomeJob,
    DeliverMessageJob,
    // SMS and e-mail channels as configured (SMS_PROVIDER, MAIL_TRANSPORT).
    messageChannelsProvider,
  ],
  exports: [NotificationService, MessageService],
})
export class NotificationsModule {}

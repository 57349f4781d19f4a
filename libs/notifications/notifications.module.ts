import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, PiiVault } from '@accord/core';
import { DevSmsProvider, SMS_PROVIDER } from './channels/sms-provider';
import { DeliverMessageJob } from './jobs/deliver-message.job';
import { MessageService } from './services/message.service';
import { MessagesController, NotificationsController } from './controllers/notifications.controller';
import { MembershipChangedJob } from './jobs/membership-changed.job';
import { UserWelcomeJob } from './jobs/user-welcome.job';
import { NotificationRepository } from './repositories/notification.repository';
import { NotificationService } from './services/notification.service';

@Module({
  controllers: [NotificationsController, MessagesController],
  providers: [
    NotificationRepository,
    NotificationService,
    MessageService,
    PiiVault,
    MembershipChangedJob,
    UserWelcomeJob,
    DeliverMessageJob,
    // One provider per configuration value; only the development transport exists yet.
    { provide: SMS_PROVIDER, inject: [APP_CONFIG], useFactory: (_config: AppConfig) => new DevSmsProvider() },
  ],
  exports: [NotificationService, MessageService],
})
export class NotificationsModule {}

import { NotificationEntity, OutboundMessageEntity } from './entities/notification.entity';

export const notificationEntities = [NotificationEntity, OutboundMessageEntity];
export { NotificationsModule } from './notifications.module';
export { NotificationService } from './services/notification.service';
export { MessageService } from './services/message.service';

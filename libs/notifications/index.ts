import { NotificationEntity, NotificationPreferenceEntity, OutboundMessageEntity } from './entities/notification.entity';

export const notificationEntities = [NotificationEntity, OutboundMessageEntity, NotificationPreferenceEntity];
export { notificationMigrations } from './migrations';
export { NotificationsModule } from './notifications.module';
export { NotificationService } from './services/notification.service';
export { MessageService } from './services/message.service';
export type { MessageView, QueuedMessage } from './services/message.service';
export type { ChannelName, MessageChannel, OutgoingMessage } from './channels/message-channel';
export { DeliveryError, MESSAGE_CHANNELS } from './channels/message-channel';
export type { MessageAttachment } from './entities/notification.entity';

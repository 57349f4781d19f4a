import { NotificationEntity } from './entities/notification.entity';

export const notificationEntities = [NotificationEntity];
export { NotificationsModule } from './notifications.module';

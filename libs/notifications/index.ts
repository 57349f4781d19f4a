import { NotificationEntity } from './entities/notification.entity';

export const notificationEntities = [NotificationEntity];
export { NotificationsModule } from './notifications.module';
export { NotificationService } from './services/notification.service';

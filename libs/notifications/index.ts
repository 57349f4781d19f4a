import { NotificationEntity } from './entities/notification.entity';

export const notificationEntities = [NotificationEntity];

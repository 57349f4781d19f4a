export { schedulingEntities } from './entities/scheduling.entities';
export { schedulingMigrations } from './migrations';
export { SchedulingModule } from './scheduling.module';
export { SchedulingService } from './services/scheduling.service';
export { ConsumerLinkService } from './services/consumer-link.service';
export type { ConsumerAccess, ConsumerAccessSession } from './services/consumer-link.service';

export { schedulingEntities } from './entities/scheduling.entities';
export { SchedulingModule } from './scheduling.module';
export { ConsumerLinkService } from './services/consumer-link.service';
export type { ConsumerAccessSession } from './services/consumer-link.service';

export { schedulingEntities } from './entities/scheduling.entities';
export { schedulingMigrations } from './migrations';
export { SchedulingModule } from './scheduling.module';
export { SchedulingService } from './services/scheduling.service';
export { SessionRecords } from './services/session-records.service';
export type { RunStatus, SessionRecord } from './services/session-records.service';
export { ConsumerLinkService } from './services/consumer-link.service';
export type { ConsumerAccess, ConsumerAccessSession } from './services/consumer-link.service';
export { SchedulingFacts } from './services/scheduling-facts.service';

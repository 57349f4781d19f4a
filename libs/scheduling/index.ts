export { schedulingEntities } from './entities/scheduling.entities';
export { SchedulingModule } from './scheduling.module';
export { SchedulingService } from './services/scheduling.service';

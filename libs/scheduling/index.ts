export { schedulingEntities } from './entities/scheduling.entities';
export { SchedulingModule } from './scheduling.module';

export { schedulingEntities } from './entities/scheduling.entities';

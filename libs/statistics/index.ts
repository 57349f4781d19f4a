export { statisticsEntities } from './entities/statistics.entities';
export { statisticsMigrations } from './migrations';
export { StatisticsModule } from './statistics.module';

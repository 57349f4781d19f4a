export { statisticsEntities } from './entities/statistics.entities';
export { StatisticsModule } from './statistics.module';

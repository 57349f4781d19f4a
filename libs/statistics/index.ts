export { statisticsEntities } from './entities/statistics.entities';
export { statisticsMigrations } from './migrations';
export { StatisticsModule } from './statistics.module';
export { ReferralHistoryService } from './services/referral-history.service';
export type { PeriodKind, ReferralSeries } from './services/referral-history.service';

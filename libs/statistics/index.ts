export { statisticsEntities } from './entities/statistics.entities';
export { statisticsMigrations } from './migrations';
export { StatisticsModule } from './statistics.module';
export { ReferralHistoryService } from './services/referral-history.service';
export type { BreachSeries, PeriodKind, ReferralSeries } from './services/referral-history.service';
export { StatisticsService } from './services/statistics.service';
export { RankingService } from './services/ranking.service';
export { TrendsService, currentMonth } from './services/trends.service';
export { withheldNote } from './services/statistics-workbook';

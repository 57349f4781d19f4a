import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { OutcomesModule } from '@accord/outcomes';
import { RankingsController } from './controllers/rankings.controller';
import { StatisticsController } from './controllers/statistics.controller';
import { TrendsController } from './controllers/trends.controller';
import { RefreshCaseStatisticsJob } from './jobs/refresh-case-statistics.job';
import { ReferralHistoryRepository } from './repositories/referral-history.repository';
import { StatisticsRepository } from './repositories/statistics.repository';
import { RankingService } from './services/ranking.service';
import { ReferralHistoryService } from './services/referral-history.service';
import { StatisticsService } from './services/statistics.service';
import { TrendsRepository } from './repositories/trends.repository';
import { TrendsService } from './services/trends.service';

/** The success-rate dashboard, its export and the roll-ups the worker keeps (DOMAIN.md "Statistics"). */
@Module({
  imports: [CasesModule, OutcomesModule],
  controllers: [StatisticsController, RankingsController, TrendsController],
  providers: [
    StatisticsRepository,
    StatisticsService,
    RankingService,
    RefreshCaseStatisticsJob,
    TrendsRepository,
    TrendsService,
    ReferralHistoryRepository,
    ReferralHistoryService,
  ],
  exports: [StatisticsService, ReferralHistoryService, RankingService, TrendsService],
})
export class StatisticsModule {}

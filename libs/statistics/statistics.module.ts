import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { OutcomesModule } from '@accord/outcomes';
import { StatisticsController } from './controllers/statistics.controller';
import { RefreshCaseStatisticsJob } from './jobs/refresh-case-statistics.job';
import { ReferralHistoryRepository } from './repositories/referral-history.repository';
import { StatisticsRepository } from './repositories/statistics.repository';
import { ReferralHistoryService } from './services/referral-history.service';
import { StatisticsService } from './services/statistics.service';

/** The success-rate dashboard, its export and the roll-ups the worker keeps (DOMAIN.md "Statistics"). */
@Module({
  imports: [CasesModule, OutcomesModule],
  controllers: [StatisticsController],
  providers: [StatisticsRepository, StatisticsService, RefreshCaseStatisticsJob, ReferralHistoryRepository, ReferralHistoryService],
  exports: [StatisticsService, ReferralHistoryService],
})
export class StatisticsModule {}

import { Module } from '@nestjs/common';
import { StatisticsController } from './controllers/statistics.controller';
import { RefreshCaseStatisticsJob } from './jobs/refresh-case-statistics.job';
import { StatisticsService } from './services/statistics.service';

/** The success-rate dashboard, its export and the roll-ups the worker keeps (DOMAIN.md "Statistics"). */
@Module({
  controllers: [StatisticsController],
  providers: [StatisticsService, RefreshCaseStatisticsJob],
  exports: [StatisticsService],
})
export class StatisticsModule {}

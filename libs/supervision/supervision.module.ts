import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { NotificationsModule } from '@accord/notifications';
import { OrganisationsModule } from '@accord/organisations';
import { StatisticsModule } from '@accord/statistics';
import { WarningsController } from './controllers/warnings.controller';
import { MonthlyReportController } from './controllers/monthly-report.controller';
import { DetectWarningsJob } from './jobs/detect-warnings.job';
import { NotifyWarningJob } from './jobs/notify-warning.job';
import { NoticeRepository } from './repositories/notice.repository';
import { WarningRepository } from './repositories/warning.repository';
import { WarningDetectionService } from './services/warning-detection.service';
import { WarningService } from './services/warning.service';
import { MonthlyReportService } from './services/monthly-report.service';

/** The regulator's supervision: early warnings on complaint spikes (issue 15), their job and API. */
@Module({
  imports: [OrganisationsModule, CasesModule, StatisticsModule, NotificationsModule],
  controllers: [WarningsController, MonthlyReportController],
  providers: [WarningRepository, NoticeRepository, WarningService, WarningDetectionService, DetectWarningsJob, NotifyWarningJob, MonthlyReportService],
  exports: [WarningDetectionService, MonthlyReportService],
})
export class SupervisionModule {}

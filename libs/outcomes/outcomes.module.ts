import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { NotificationsModule } from '@accord/notifications';
import { SchedulingModule } from '@accord/scheduling';
import { ConsumerSurveyController, FollowUpsController, OutcomesController } from './controllers/outcomes.controller';
import { CloseWhenDoneJob, JudicialReminderJob, ObligationReminderJob, PlanOutcomeRemindersJob, SendFollowUpJob } from './jobs/outcome-reminders.job';
import { FollowUpService } from './services/follow-up.service';
import { JudicialService } from './services/judicial.service';
import { OutcomeService } from './services/outcome.service';
import { PerformanceService } from './services/performance.service';

/** Outcomes and what follows them (DOMAIN.md "Outcome" … "Follow-up"). */
@Module({
  imports: [CasesModule, SchedulingModule, NotificationsModule],
  controllers: [OutcomesController, FollowUpsController, ConsumerSurveyController],
  providers: [OutcomeService, PerformanceService, JudicialService, FollowUpService, SendFollowUpJob, CloseWhenDoneJob, PlanOutcomeRemindersJob, ObligationReminderJob, JudicialReminderJob],
  exports: [OutcomeService, FollowUpService, JudicialService],
})
export class OutcomesModule {}

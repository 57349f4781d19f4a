import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { NotificationsModule } from '@accord/notifications';
import { AvailabilityController, SessionsController } from './controllers/scheduling.controller';
import { PlanRemindersJob, SessionReminderJob } from './jobs/reminders.job';
import { SchedulingService } from './services/scheduling.service';

/** Availability, rooms, booking and reminders (DOMAIN.md "Scheduling"). */
@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [AvailabilityController, SessionsController],
  providers: [SchedulingService, PlanRemindersJob, SessionReminderJob],
})
export class SchedulingModule {}

import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { NotificationsModule } from '@accord/notifications';
import { ConsumerController, ConsumerLinkController } from './controllers/consumer.controller';
import { AvailabilityController, SessionsController } from './controllers/scheduling.controller';
import { SendInvitationJob } from './jobs/invitation.job';
import { PlanRemindersJob, SessionReminderJob } from './jobs/reminders.job';
import { SchedulingFactsRepository } from './repositories/scheduling-facts.repository';
import { ConsumerLinkService } from './services/consumer-link.service';
import { SchedulingFacts } from './services/scheduling-facts.service';
import { SchedulingService } from './services/scheduling.service';

/** Availability, rooms, booking and reminders (DOMAIN.md "Scheduling"). */
@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [AvailabilityController, SessionsController, ConsumerLinkController, ConsumerController],
  providers: [SchedulingService, ConsumerLinkService, PlanRemindersJob, SessionReminderJob, SendInvitationJob, SchedulingFactsRepository, SchedulingFacts],
  exports: [SchedulingService, ConsumerLinkService, SchedulingFacts],
})
export class SchedulingModule {}

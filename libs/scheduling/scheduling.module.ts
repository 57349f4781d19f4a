import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { NotificationsModule } from '@accord/notifications';
import { ConsumerController, ConsumerLinkController } from './controllers/consumer.controller';
import { ConsumerExtensionController, ExtensionController } from './controllers/extension.controller';
import { ExtensionRepository } from './repositories/extension.repository';
import { ExtensionService } from './services/extension.service';
import { AvailabilityController, SessionsController } from './controllers/scheduling.controller';
import { SendInvitationJob } from './jobs/invitation.job';
import { PlanRemindersJob, SessionReminderJob, SessionRemindersRestorer } from './jobs/reminders.job';
import { SchedulingFactsRepository } from './repositories/scheduling-facts.repository';
import { SchedulingFacts } from './services/scheduling-facts.service';
import { AvailabilityRepository } from './repositories/availability.repository';
import { ConsumerLinkRepository } from './repositories/consumer-link.repository';
import { RoomRepository } from './repositories/room.repository';
import { SessionRepository } from './repositories/session.repository';
import { AvailabilityService } from './services/availability.service';
import { ConsumerLinkService } from './services/consumer-link.service';
import { RoomService } from './services/room.service';
import { SchedulingService } from './services/scheduling.service';
import { SessionMessageFacts } from './services/session-message-facts.service';
import { SessionRecords } from './services/session-records.service';
import { SessionViews } from './services/session-views.service';

/** Availability, rooms, booking and reminders (DOMAIN.md "Scheduling"). */
@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [AvailabilityController, SessionsController, ConsumerLinkController, ConsumerController, ExtensionController, ConsumerExtensionController],
  providers: [
    AvailabilityRepository,
    RoomRepository,
    SessionRepository,
    ConsumerLinkRepository,
    AvailabilityService,
    RoomService,
    SessionViews,
    SchedulingService,
    SessionRecords,
    SessionMessageFacts,
    ConsumerLinkService,
    PlanRemindersJob,
    SessionReminderJob,
    SessionRemindersRestorer,
    SendInvitationJob,
    SchedulingFactsRepository,
    SchedulingFacts,
    ExtensionRepository,
    ExtensionService,
  ],
  exports: [SchedulingService, SessionRecords, ConsumerLinkService, SchedulingFacts],
})
export class SchedulingModule {}

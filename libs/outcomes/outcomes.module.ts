import { Module } from '@nestjs/common';
import { FileStorage, PiiVault } from '@accord/core';
import { CasesModule } from '@accord/cases';
import { NotificationsModule } from '@accord/notifications';
import { SchedulingModule } from '@accord/scheduling';
import { SessionsModule } from '@accord/sessions';
import { ConsumerDocumentController, DocumentController, DocumentVerificationController } from './controllers/document.controller';
import { ConsumerSurveyController, FollowUpExportController, FollowUpsController, ObligationsController, OutcomesController } from './controllers/outcomes.controller';
import { CloseWhenDoneJob, JudicialReminderJob, ObligationReminderJob, OutcomeRemindersRestorer, PlanOutcomeRemindersJob, SendFollowUpJob } from './jobs/outcome-reminders.job';
import { DocumentRepository } from './repositories/document.repository';
import { FollowUpRepository } from './repositories/follow-up.repository';
import { JudicialRepository } from './repositories/judicial.repository';
import { ObligationRepository } from './repositories/obligation.repository';
import { OutcomeRepository } from './repositories/outcome.repository';
import { ClosingService } from './services/closing.service';
import { ConsumerDocumentService } from './services/consumer-document.service';
import { DocumentFiles } from './services/document-files.service';
import { DocumentSigningService } from './services/document-signing.service';
import { DocumentVerificationService } from './services/document-verification.service';
import { DocumentService } from './services/document.service';
import { FollowUpService } from './services/follow-up.service';
import { JudicialService } from './services/judicial.service';
import { OutcomeService } from './services/outcome.service';
import { PerformanceService } from './services/performance.service';
import { SurveyFactsRepository } from './repositories/survey-facts.repository';
import { SurveyFacts } from './services/survey-facts.service';
import { ConsumerDataController } from './controllers/consumer-data.controller';
import { ConsumerDataService } from './services/consumer-data.service';

/** Outcomes and what follows them (DOMAIN.md "Outcome" … "Follow-up"). */
@Module({
  imports: [CasesModule, SchedulingModule, SessionsModule, NotificationsModule],
  controllers: [OutcomesController, FollowUpsController, FollowUpExportController, ConsumerSurveyController, DocumentController, ConsumerDocumentController, DocumentVerificationController, ObligationsController, ConsumerDataController],
  providers: [
    ConsumerDataService,
    OutcomeRepository,
    ObligationRepository,
    DocumentRepository,
    JudicialRepository,
    FollowUpRepository,
    OutcomeService,
    ClosingService,
    PerformanceService,
    JudicialService,
    FollowUpService,
    DocumentFiles,
    DocumentService,
    DocumentSigningService,
    ConsumerDocumentService,
    DocumentVerificationService,
    PiiVault,
    FileStorage,
    SendFollowUpJob,
    CloseWhenDoneJob,
    PlanOutcomeRemindersJob,
    OutcomeRemindersRestorer,
    ObligationReminderJob,
    JudicialReminderJob,
    SurveyFactsRepository,
    SurveyFacts,
  ],
  exports: [OutcomeService, FollowUpService, JudicialService, DocumentService, SurveyFacts],
})
export class OutcomesModule {}

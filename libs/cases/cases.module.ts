import { Module, OnModuleInit, Optional } from '@nestjs/common';
import { Database, FileStorage, PiiVault, RoomAccess } from '@accord/core';
import { NotificationsModule } from '@accord/notifications';
import { NotifyCasePartiesJob } from './jobs/notify-case-parties.job';
import { CaseExportController, CaseSettingsController, CasesController, MediatorsController } from './controllers/cases.controller';
import { CaseFactsRepository } from './repositories/case-facts.repository';
import { AttachmentRepository } from './repositories/attachment.repository';
import { CaseRepository } from './repositories/case.repository';
import { CaseSettingsRepository } from './repositories/case-settings.repository';
import { FilingRepository } from './repositories/filing.repository';
import { AssignmentService } from './services/assignment.service';
import { AttachmentService } from './services/attachment.service';
import { CaseImportService } from './services/case-import.service';
import { CaseFacts } from './services/case-facts.service';
import { CaseSettingsService } from './services/case-settings.service';
import { CaseFiling } from './services/case-filing.service';
import { CaseLifecycle } from './services/case-lifecycle.service';
import { CaseReading } from './services/case-reading.service';
import { PersonalDataRepository } from './repositories/personal-data.repository';
import { PersonalDataService } from './services/personal-data.service';
import { EraseExpiredJob } from './jobs/erase-expired.job';

/** Referrals and the case lifecycle: filing, intake, assignment, timeline, evidence. */
@Module({
  imports: [NotificationsModule],
  controllers: [CasesController, MediatorsController, CaseSettingsController, CaseExportController],
  exports: [CaseReading, CaseLifecycle, CaseFacts, CaseFiling, AssignmentService, AttachmentService, PersonalDataService],
  providers: [
    CaseRepository,
    CaseFactsRepository,
    AttachmentRepository,
    CaseSettingsRepository,
    CaseReading,
    CaseLifecycle,
    CaseFiling,
    CaseFacts, FilingRepository, AssignmentService, AttachmentService, CaseImportService, CaseSettingsService, PiiVault, FileStorage, NotifyCasePartiesJob,
    PersonalDataRepository, PersonalDataService, EraseExpiredJob],
})
export class CasesModule implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseRepository,
    // Only the API has sockets; the worker loads this module for its jobs.
    @Optional() private readonly rooms?: RoomAccess,
  ) {}

  /** A case's socket room admits exactly those who may GET the case. */
  onModuleInit(): void {
    this.rooms?.register('case', (scope, id) => this.db.run(scope, () => this.cases.isVisible(id)));
  }
}

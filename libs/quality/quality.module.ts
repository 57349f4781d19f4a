import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { OrganisationsModule } from '@accord/organisations';
import { OutcomesModule } from '@accord/outcomes';
import { SchedulingModule } from '@accord/scheduling';
import { QualityController } from './controllers/quality.controller';
import { ConsiderCaseJob } from './jobs/consider-case.job';
import { QualityRepository } from './repositories/quality.repository';
import { QualityService } from './services/quality.service';

/** Quality review (质量评查, issue 20): the sampling rule, the review queue and the reviews. */
@Module({
  imports: [OrganisationsModule, CasesModule, SchedulingModule, OutcomesModule],
  controllers: [QualityController],
  providers: [QualityRepository, QualityService, ConsiderCaseJob],
  exports: [QualityService],
})
export class QualityModule {}

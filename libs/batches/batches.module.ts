import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { OrganisationsModule } from '@accord/organisations';
import { SchedulingModule } from '@accord/scheduling';
import { BatchesController, CaseBatchController } from './controllers/batches.controller';
import { BatchRepository } from './repositories/batch.repository';
import { BatchService } from './services/batch.service';

/** Similar cases as a batch (类案批量, issue 20): batches, their suggestions, and applying to every case at once. */
@Module({
  imports: [OrganisationsModule, CasesModule, SchedulingModule],
  controllers: [BatchesController, CaseBatchController],
  providers: [BatchRepository, BatchService],
  exports: [BatchService],
})
export class BatchesModule {}

import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { SchedulingModule } from '@accord/scheduling';
import { ConsumerDocumentController, DocumentController, DocumentVerificationController } from './controllers/document.controller';
import { DocumentService } from './services/document.service';

/** Outcomes and what follows them (DOMAIN.md "Outcome" … "Follow-up"). */
@Module({
  imports: [CasesModule, SchedulingModule],
  controllers: [DocumentController, ConsumerDocumentController, DocumentVerificationController],
  providers: [DocumentService],
  exports: [DocumentService],
})
export class OutcomesModule {}

import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { SchedulingModule } from '@accord/scheduling';

/** Outcomes and what follows them (DOMAIN.md "Outcome" … "Follow-up"). */
@Module({
  imports: [CasesModule, SchedulingModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class OutcomesModule {}

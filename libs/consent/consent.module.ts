import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { SchedulingModule } from '@accord/scheduling';
import { ConsentController, ConsumerConsentController } from './controllers/consent.controller';
import { ExpireConsentJob } from './jobs/expire-consent.job';
import { ConsentRequestRepository } from './repositories/consent-request.repository';
import { ConsentService } from './services/consent.service';

/** The consumer's own consent to a referral, by SMS link or QR code (API), and its expiry (worker). */
@Module({
  imports: [CasesModule, SchedulingModule],
  controllers: [ConsentController, ConsumerConsentController],
  providers: [ConsentRequestRepository, ConsentService, ExpireConsentJob],
})
export class ConsentModule {}

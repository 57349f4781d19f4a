import { ConsentRequestEntity } from './entities/consent-request.entity';

export const consentEntities = [ConsentRequestEntity];
export { consentMigrations } from './migrations';
export { ConsentModule } from './consent.module';
export { ConsentExpirySchedule } from './jobs/expire-consent.job';
export { CONSENT_TEXT_VERSION, consentText, consentTextSha256 } from './services/consent-text';

import { ConsentRequests1796619425800 } from './1796619425800-consent-requests';

/** The consent lib's table (requests for a consumer's own consent and their evidence); libs/schema merges it by timestamp. */
export const consentMigrations: Function[] = [ConsentRequests1796619425800];

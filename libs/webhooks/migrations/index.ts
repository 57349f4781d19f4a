import { Webhooks1796612561299 } from './1796612561299-webhooks';

/** The webhooks lib's tables (endpoints and their delivery log), in order; libs/schema merges them by timestamp. */
export const webhookMigrations: Function[] = [
  Webhooks1796612561299,
];

import { CaseBatches1796621547434 } from './1796621547434-case-batches';

/** The batch tables (类案批量) and their isolation, in order; libs/schema merges them by timestamp. */
export const batchMigrations: Function[] = [CaseBatches1796621547434];

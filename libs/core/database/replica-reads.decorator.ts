import { SetMetadata } from '@nestjs/common';

export const REPLICA_READS = 'accord:replica-reads';

export interface ReplicaReadsOptions {
  /**
   * 'request': the whole request reads on the replica (it must write nothing).
   * 'batches': the request's own transaction stays on the primary (it writes its audit row) and
   * only the reads it starts afterwards with `Database.run(…, { replica: true })` (an export's
   * batches) go to the replica — with the floor fixed as the request began.
   */
  scope: 'request' | 'batches';
}

/**
 * A route whose answer may be as old as DATABASE_READ_MAX_LAG_SECONDS, but always includes the
 * caller's own earlier writes (see ReadReplica): statistics from the roll-ups (themselves kept
 * by the worker seconds behind the cases) and exports. Without DATABASE_READ_URL: no effect.
 */
export const ReplicaReads = (options: ReplicaReadsOptions = { scope: 'request' }) => SetMetadata(REPLICA_READS, options);

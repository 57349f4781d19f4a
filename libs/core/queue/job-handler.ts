import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './queue.names';

export const JOB_HANDLER = 'accord:job-handler';

/** Marks the one class that handles a job name; the worker refuses to boot with none or two. */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export interface JobAttempt {
  /** 1 for the first run, counting BullMQ's retries. */
  attempt: number;
  /** No retry follows: the job's attempts are spent, or the error was an UnrecoverableError. */
  final: boolean;
}

export interface JobHandler<N extends JobName = JobName> {
  /** Runs in the worker's system scope, inside the transaction that records the job as done. */
  handle(payload: JobPayloads[N]): Promise<void>;
  /**
   * Records a failed run. handle()'s transaction has rolled back (so the retry runs again);
   * this runs in a transaction of its own, after that one released its connection.
   */
  failed?(payload: JobPayloads[N], error: Error, attempt: JobAttempt): Promise<void>;
}

/** Thrown by a handler when retrying cannot help (BullMQ then fails the job at once). */
export { UnrecoverableError } from 'bullmq';

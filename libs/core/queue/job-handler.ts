import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './queue.names';

export const JOB_HANDLER = 'accord:job-handler';

/** Marks the one class that handles a job name; the worker refuses to boot with none or two. */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export interface JobHandler<N extends JobName = JobName> {
  /** Runs in the worker's system scope, inside the transaction that records the job as done. */
  handle(payload: JobPayloads[N]): Promise<void>;
}

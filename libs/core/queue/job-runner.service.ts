import { Injectable, Logger } from '@nestjs/common';
import { SYSTEM_SCOPE } from '../access/access-scope';
import { Database } from '../database/database.service';
import type { JobHandler } from './job-handler';
import { ProcessedJobRepository } from './processed-job.repository';

const unrecoverable = (error: unknown) => (error as Error | undefined)?.name === 'UnrecoverableError';

/**
 * BullMQ delivers at least once (a stalled job runs again). The side effect and the
 * processed_jobs row commit together, so a second run finds the row and does nothing.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('JobRunner');

  constructor(
    private readonly db: Database,
    private readonly processed: ProcessedJobRepository,
  ) {}

  /** Returns false when the job had already been processed. */
  async runOnce(jobId: string, jobName: string, handler: JobHandler, payload: unknown, run: { attempt: number; attempts: number } = { attempt: 1, attempts: 1 }): Promise<boolean> {
    // The request that caused the job (through its outbox event): the job's log lines and audit rows carry its id.
    const requestId = (payload as { requestId?: unknown } | null)?.requestId;
    const trace = { job: jobName, jobId, requestId: typeof requestId === 'string' ? requestId : undefined, attempt: run.attempt };
    const started = Date.now();
    try {
      const done = await this.db.run(
        SYSTEM_SCOPE,
        async () => {
          if (!(await this.processed.record(jobId, jobName))) return false;
          await handler.handle(payload as never);
          return true;
        },
        { requestId: trace.requestId },
      );
      this.logger.log({ msg: done ? 'job done' : 'job already done', ...trace, ms: Date.now() - started });
      return done;
    } catch (error) {
      this.logger.warn({ msg: 'job failed', ...trace, ms: Date.now() - started, error: (error as Error).message });
      if (handler.failed) {
        const final = unrecoverable(error) || run.attempt >= run.attempts;
        await this.db.run(SYSTEM_SCOPE, () => handler.failed!(payload as never, error as Error, { attempt: run.attempt, final })).catch((recording: Error) =>
          this.logger.warn(`job ${jobName} ${jobId}: recording the failure failed: ${recording.message}`),
        );
      }
      throw error;
    }
  }
}

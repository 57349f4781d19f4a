import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config';
import type Redis from 'ioredis';
import { closeWithin, createRedis } from '../redis';
import { JobRegistry } from './job-registry.service';
import { JobRunner } from './job-runner.service';
import { QUEUE_EVENTS, QUEUE_WEBHOOKS } from './queue.names';

/** How long a job stays a worker's without the worker renewing it (every half of it). */
export const JOB_LOCK_MS = 5000;

/**
 * Consumes the product's queues, each with its own BullMQ worker (connection and slots): the
 * events queue (8 at a time) and the webhooks queue (16 at a time: a delivery mostly waits on the
 * bank's answer). Each job through its one handler, exactly-once in effect.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly workers: { worker: Worker; connection: Redis }[] = [];

  constructor(
    private readonly registry: JobRegistry,
    private readonly runner: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.consume(QUEUE_EVENTS, 8);
    this.consume(QUEUE_WEBHOOKS, 16);
  }

  private consume(queue: string, concurrency: number): void {
    const connection = createRedis(this.config.REDIS_URL, { forWorker: true, name: `accord-worker-${queue}` });
    const worker = new Worker(
      queue,
      async (job) => {
        const run = { attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 };
        const done = await this.runner.runOnce(job.id!, job.name, this.registry.get(job.name), job.data, run);
        return { duplicate: !done };
      },
      {
        connection,
        prefix: `${this.config.REDIS_PREFIX}:bull`,
        concurrency,
        // A worker that dies (SIGKILL, OOM) leaves its jobs locked until the lock expires, and
        // the stalled check (a script over the active list) hands them out again: with BullMQ's
        // 30 s lock and check a reminder in its hands came 30–60 s late; now 5–6 s. Short locks
        // are safe because every job is idempotent (JobRunner's processed_jobs): a lock lost to
        // a long pause only means a second run that does nothing, so such a job may stall a few
        // times before it fails.
        lockDuration: JOB_LOCK_MS,
        stalledInterval: 1000,
        maxStalledCount: 3,
      },
    );
    worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name} ${job?.id} failed: ${error.message}`));
    worker.on('error', (error) => this.logger.warn(`worker ${queue}: ${error.message}`));
    this.workers.push({ worker, connection });
  }

  /** Finishes the jobs in hand, takes no new ones. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.workers.map(async ({ worker, connection }) => {
        // Without a live connection there is nothing in hand to finish: close by force at once.
        // (BullMQ returns the first close's promise to later calls, so force must be chosen up front.)
        const force = connection.status !== 'ready';
        await closeWithin(worker.close(force), force ? 2000 : 10000, () => undefined);
        // BullMQ leaves a connection it was handed open.
        await closeWithin(connection.quit(), 1000, () => connection.disconnect());
      }),
    );
  }
}

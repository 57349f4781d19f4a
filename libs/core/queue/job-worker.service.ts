import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config';
import type Redis from 'ioredis';
import { closeWithin, createRedis } from '../redis';
import { JobRegistry } from './job-registry.service';
import { JobRunner } from './job-runner.service';
import { QUEUE_EVENTS } from './queue.names';

/** Consumes the events queue: each job through its one handler, exactly-once in effect. */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private worker?: Worker;
  private connection?: Redis;

  constructor(
    private readonly registry: JobRegistry,
    private readonly runner: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(
      QUEUE_EVENTS,
      async (job) => {
        const run = { attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 };
        const done = await this.runner.runOnce(job.id!, job.name, this.registry.get(job.name), job.data, run);
        return { duplicate: !done };
      },
      {
        connection: (this.connection = createRedis(this.config.REDIS_URL, { forWorker: true, name: 'accord-worker' })),
        prefix: `${this.config.REDIS_PREFIX}:bull`,
        concurrency: 8,
      },
    );
    this.worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name} ${job?.id} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
  }

  /** Finishes the jobs in hand, takes no new ones. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    // Without a live connection there is nothing in hand to finish: close by force at once.
    // (BullMQ returns the first close's promise to later calls, so force must be chosen up front.)
    const force = this.connection?.status !== 'ready';
    await closeWithin(this.worker.close(force), force ? 2000 : 10000, () => undefined);
    // BullMQ leaves a connection it was handed open.
    await closeWithin(this.connection!.quit(), 1000, () => this.connection!.disconnect());
  }
}

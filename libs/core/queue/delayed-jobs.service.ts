import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config';
import { closeWithin, createRedis } from '../redis';
import { JobName, JobPayloads, QUEUE_EVENTS, QUEUE_WEBHOOKS, queueOf } from './queue.names';

/**
 * Plans again, from PostgreSQL, the delayed jobs of one kind that Redis may have lost.
 * `lostSince`: Redis is known to have held its jobs until then; a job that fell due after it
 * and never ran is due now (late, once: its id is deterministic and JobRunner's processed_jobs
 * row stops a second run).
 */
export type DelayedJobsRestorer = (lostSince: Date) => Promise<number>;

/**
 * Jobs due at a time (reminders): BullMQ delayed jobs, kept in Redis, so a worker restart
 * loses none. Ids are deterministic: adding an id that exists does nothing, and a job is
 * moved by removing its id and adding the new time's. Redis holds nothing that PostgreSQL
 * cannot give back: a Redis that restarted empty (CI's and the compose file's keep nothing on
 * disk) is refilled by DelayedJobsKeeper through the restorers the owning libs register here,
 * and the cron schedulers declared with repeat() are declared again.
 */
@Injectable()
export class DelayedJobs implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();
  private connection?: Redis;
  private readonly restorers = new Map<string, DelayedJobsRestorer>();
  private readonly schedulers = new Map<string, () => Promise<void>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The job's own queue (queueOf), the producers sharing one connection. */
  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= createRedis(this.config.REDIS_URL, { name: 'accord-delayed' });
      queue = new Queue(name, { connection: this.connection, prefix: `${this.config.REDIS_PREFIX}:bull` });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async schedule<N extends JobName>(name: N, payload: Omit<JobPayloads[N], 'outboxId'> & { outboxId?: string }, jobId: string, at: Date): Promise<void> {
    // One clock reading for both: BullMQ fires at timestamp + delay, which is then exactly `at`.
    const now = Date.now();
    await this.queue(queueOf(name)).add(name, payload, {
      jobId,
      timestamp: now,
      delay: Math.max(0, at.getTime() - now),
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: 1000,
      removeOnFail: false,
    });
  }

  /**
   * A repeatable job on a cron pattern (BullMQ job scheduler): declaring it again with the same
   * id replaces it, so every worker start may declare it. Each run gets its own job id.
   */
  async repeat<N extends JobName>(name: N, schedulerId: string, pattern: string, payload: Omit<JobPayloads[N], 'outboxId'>): Promise<void> {
    this.schedulers.set(schedulerId, () => this.repeat(name, schedulerId, pattern, payload));
    await this.queue(queueOf(name)).upsertJobScheduler(schedulerId, { pattern, tz: 'Asia/Shanghai' }, {
      name,
      data: payload,
      opts: { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: false },
    });
  }

  /** A lib's way to plan its delayed jobs again from PostgreSQL (one per kind of job). */
  registerRestorer(name: string, restore: DelayedJobsRestorer): void {
    this.restorers.set(name, restore);
  }

  /** Plans every registered kind again and declares the schedulers again; returns jobs planned per kind. */
  async restore(lostSince: Date): Promise<Record<string, number>> {
    const planned: Record<string, number> = {};
    for (const [name, restore] of this.restorers) planned[name] = await restore(lostSince);
    for (const declare of this.schedulers.values()) await declare();
    planned.schedulers = this.schedulers.size;
    return planned;
  }

  /** Removes a waiting or delayed job; one already running or done is left alone. */
  async cancel(jobId: string): Promise<void> {
    await Promise.all([QUEUE_EVENTS, QUEUE_WEBHOOKS].map((name) => this.queue(name).remove(jobId)));
  }

  async delayedIds(): Promise<string[]> {
    return (await Promise.all([QUEUE_EVENTS, QUEUE_WEBHOOKS].map((name) => this.queue(name).getDelayed()))).flat().map((j) => j.id!);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.connection) return;
    await closeWithin(Promise.all([...this.queues.values()].map((q) => q.close())), 2000, () => undefined);
    await closeWithin(this.connection!.quit(), 1000, () => this.connection!.disconnect());
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { SYSTEM_SCOPE } from '../access/access-scope';
import { APP_CONFIG, AppConfig } from '../config';
import { CommitSignals } from '../database/commit-signals';
import { Database } from '../database/database.service';
import type Redis from 'ioredis';
import { closeWithin, createRedis } from '../redis';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { OutboxRepository } from './outbox.repository';
import { QUALITY_SOURCE_EVENTS, QUEUE_EVENTS, QUEUE_WEBHOOKS, queueOf, WEBHOOK_SOURCE_EVENTS } from './queue.names';

/**
 * Moves committed outbox rows to BullMQ (jobId = outbox id, so a re-relay never doubles a
 * job) and to the realtime stream, then stamps them published — all while holding the rows
 * with FOR UPDATE SKIP LOCKED, so several workers share the work. If Redis is down the
 * transaction rolls back and the rows wait in PostgreSQL; if the worker dies they are
 * claimed again.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  /** One producer per queue, on one connection. */
  private queues?: Record<string, Queue>;
  private connection?: Redis;
  private running = false;
  /** A signal came since the current batch began: its rows may have committed after the batch's SELECT. */
  private notified = false;
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly publisher: RealtimePublisher,
    private readonly signals: CommitSignals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // A producer fails fast when Redis is away, so the claimed rows are released at once.
    this.connection = createRedis(this.config.REDIS_URL, { name: 'accord-relay' });
    const producer = (name: string) => {
      const queue = new Queue(name, { connection: this.connection!, prefix: `${this.config.REDIS_PREFIX}:bull` });
      queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
      return queue;
    };
    this.queues = { [QUEUE_EVENTS]: producer(QUEUE_EVENTS), [QUEUE_WEBHOOKS]: producer(QUEUE_WEBHOOKS) };
    this.running = true;
    this.listen();
    this.loop = this.run();
  }

  /**
   * A committed transaction that wrote outbox rows signals `outbox` over Redis (CommitSignals;
   * it replaced NOTIFY, whose commit-time lock serialised every writer); polling covers gaps.
   */
  private listen(): void {
    this.signals.listen((keys) => {
      if (!keys.includes('outbox')) return;
      this.notified = true;
      this.wake?.();
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        // A batch that found rows goes again at once (more may be waiting); so does one during
        // which a signal arrived, whose rows committed too late for the batch's SELECT to see.
        this.notified = false;
        if ((await this.relayBatch()) === 0 && !this.notified) await this.sleep(1000);
      } catch (error) {
        this.logger.warn(`relay failed, rows stay pending: ${(error as Error).message}`);
        await this.sleep(1000);
      }
    }
  }

  /** Relays up to one batch; returns how many rows it published. */
  async relayBatch(limit = 200): Promise<number> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const rows = await this.outbox.claimPending(limit);
      if (!rows.length) return 0;
      const jobs = rows.filter((r) => r.jobName);
      // Events a bank may subscribe to also go to the webhooks lib, which decides who hears of them.
      const webhooks = rows.filter((r) => WEBHOOK_SOURCE_EVENTS.includes(r.type));
      // A concluded case also goes to quality review, whose rule decides whether it is reviewed.
      const quality = rows.filter((r) => QUALITY_SOURCE_EVENTS.includes(r.type) && typeof r.payload.caseId === 'string');
      const opts = { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: false };
      const bulk = [
        ...jobs.map((r) => ({
          name: r.jobName!,
          data: { outboxId: r.id, ...r.payload, ...(r.requestId ? { requestId: r.requestId } : {}) },
          opts: { jobId: `outbox-${r.id}`, ...opts },
        })),
        ...webhooks.map((r) => ({
          name: 'webhooks.fan-out',
          data: { ...r.payload, outboxId: r.id, type: r.type, at: r.createdAt.toISOString() },
          opts: { jobId: `webhooks-${r.id}`, ...opts },
        })),
        ...quality.map((r) => ({
          name: 'quality.consider-case',
          data: { outboxId: r.id, caseId: r.payload.caseId },
          opts: { jobId: `quality-${r.id}`, ...opts },
        })),
      ];
      // Each queue's jobs in one call; a failure leaves the rows pending, and adding them again adds nothing twice (job ids).
      const byQueue = new Map<string, typeof bulk>();
      for (const job of bulk) byQueue.set(queueOf(job.name), [...(byQueue.get(queueOf(job.name)) ?? []), job]);
      await this.withinDeadline(Promise.all([...byQueue].map(([name, list]) => this.queues![name].addBulk(list))));
      await this.withinDeadline(
        this.publisher.publish(
          rows
            .filter((r) => r.rooms.length)
            .map((r) => ({ seq: r.id, type: r.type, rooms: r.rooms, payload: r.payload, at: r.createdAt.toISOString() })),
        ),
      );
      await this.outbox.markPublished(rows.map((r) => r.id));
      for (const r of rows) {
        this.logger.log({ msg: 'outbox event relayed', outboxId: r.id, event: r.type, job: r.jobName ?? undefined, requestId: r.requestId ?? undefined });
      }
      return rows.length;
    });
  }

  /** Never hold the claimed rows' locks for long on a slow or absent Redis. */
  private withinDeadline<T>(work: Promise<T>, ms = 5000): Promise<T> {
    let timer: NodeJS.Timeout;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    if (this.queues) await closeWithin(Promise.all(Object.values(this.queues).map((q) => q.close())), 3000, () => undefined);
    // BullMQ leaves a connection it was handed open.
    if (this.connection) await closeWithin(this.connection.quit(), 1000, () => this.connection!.disconnect());
  }
}

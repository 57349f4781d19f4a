import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { APP_CONFIG, AppConfig } from '../config';
import { Database } from '../database/database.service';
import { QUEUE_EVENTS, QUEUE_WEBHOOKS } from '../queue/queue.names';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { closeWithin, createRedis } from '../redis';

/** A scrape must answer even when a dependency does not: a figure that takes longer is left out. */
const COLLECT_TIMEOUT_MS = 1000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), COLLECT_TIMEOUT_MS))),
  ]);
}

/**
 * Prometheus figures of one API process, in its own registry (several apps share a process in
 * tests). Request durations are observed as they happen; the backlog, queue and socket figures
 * are read at scrape time, so they cost nothing between scrapes.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly queues = new Map<string, Queue>();
  private connection?: Redis;

  constructor(
    private readonly db: Database,
    private readonly gateway: RealtimeGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route pattern and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    // prom-client calls collect() at scrape time; each gauge reads its figure then.
    const backlog: Gauge = new Gauge({
      name: 'accord_outbox_backlog',
      help: 'Outbox events not yet relayed by a worker',
      registers: [this.registry],
      collect: async (): Promise<void> => backlog.set((await this.backlog()).backlog),
    });
    const oldest: Gauge = new Gauge({
      name: 'accord_outbox_oldest_age_seconds',
      help: 'Age of the oldest outbox event not yet relayed (0 when none waits)',
      registers: [this.registry],
      collect: async (): Promise<void> => oldest.set((await this.backlog()).oldestAgeSeconds),
    });
    const jobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'accord_queue_jobs',
      help: 'BullMQ jobs per queue and state (failed: failed for good, kept for inspection and retry)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      collect: async (): Promise<void> => {
        jobs.reset();
        for (const name of [QUEUE_EVENTS, QUEUE_WEBHOOKS]) {
          const counts = await within(this.queue(name).getJobCounts(...QUEUE_STATES)).catch(() => null);
          if (!counts) continue;
          for (const state of QUEUE_STATES) jobs.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    });
    const sockets: Gauge = new Gauge({
      name: 'accord_sockets_connected',
      help: 'socket.io connections held by this API process (all namespaces)',
      registers: [this.registry],
      collect: (): void => sockets.set(this.gateway.server?.engine?.clientsCount ?? 0),
    });
  }

  /** Called once a response is sent; `route` is the route's pattern, never the raw URL (bounded labels). */
  observeRequest(method: string, route: string | undefined, statusCode: number, seconds: number): void {
    this.requestDuration.observe({ method, route: route ?? '(unmatched)', status_code: String(statusCode) }, seconds);
  }

  private backlogRead?: Promise<{ backlog: number; oldestAgeSeconds: number }>;

  /** One read per scrape serves both outbox gauges. */
  private backlog(): Promise<{ backlog: number; oldestAgeSeconds: number }> {
    this.backlogRead ??= within(this.db.outboxBacklog())
      .catch(() => ({ backlog: Number.NaN, oldestAgeSeconds: Number.NaN }))
      .finally(() => setTimeout(() => (this.backlogRead = undefined), 0));
    return this.backlogRead;
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= createRedis(this.config.REDIS_URL, { name: 'accord-metrics' });
      queue = new Queue(name, { connection: this.connection, prefix: `${this.config.REDIS_PREFIX}:bull` });
      // Redis away: the scrape leaves the queue figures out (see within()); nothing to log per scrape.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async metrics(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  async onModuleDestroy(): Promise<void> {
    this.registry.clear();
    if (!this.connection) return;
    await closeWithin(Promise.all([...this.queues.values()].map((q) => q.close())), 1000, () => undefined);
    await closeWithin(this.connection!.quit(), 1000, () => this.connection!.disconnect());
  }
}

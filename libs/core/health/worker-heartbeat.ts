import { hostname } from 'node:os';
import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { closeWithin, RedisService } from '../redis';

/** Sorted set of live workers, scored by their last beat (ms): the API's readiness reads it. */
export const WORKERS_KEY = 'workers';
export const HEARTBEAT_EVERY_MS = 5000;
/** A worker whose last beat is older than this is taken for gone (three missed beats). */
export const HEARTBEAT_STALE_MS = 3 * HEARTBEAT_EVERY_MS;

/**
 * The worker has no HTTP port; it says it is alive by beating into Redis from its event loop,
 * so a worker that hangs (a blocked loop) stops beating just as one that died.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private timer?: NodeJS.Timeout;

  constructor(private readonly redis: RedisService) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    const key = this.redis.key(WORKERS_KEY);
    const now = Date.now();
    // A beat lost while Redis is away is simply the next one; readiness already says Redis is down.
    await this.redis.client
      .multi()
      .zadd(key, now, this.id)
      .zremrangebyscore(key, 0, now - 10 * HEARTBEAT_STALE_MS)
      .exec()
      .catch(() => undefined);
  }

  /** Leaves the set at once (readiness stops counting it); before Redis' connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (this.redis.client.status !== 'ready') return;
    await closeWithin(this.redis.client.zrem(this.redis.key(WORKERS_KEY), this.id), 1000, () => undefined);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig } from '../config';
import { Database } from '../database/database.service';
import { RedisService } from '../redis';
import { HEARTBEAT_STALE_MS, WORKERS_KEY } from './worker-heartbeat';

/** The migrations the code ships, in order (given by the app: the list lives in libs/schema). */
export const SHIPPED_MIGRATIONS = Symbol('SHIPPED_MIGRATIONS');

/** Each dependency has this long to answer before it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Readiness: every dependency a request or an event needs, each named with its state and its
 * latency (terminus' responseTime), 503 when any is down. Liveness checks nothing outside the
 * process: restarting the API would not bring PostgreSQL back.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: Database,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SHIPPED_MIGRATIONS) private readonly shipped: Function[],
  ) {}

  readiness() {
    return this.health.check([
      () => this.indicator.check('postgres').attempt(() => this.db.ping()).withTimeout(CHECK_TIMEOUT_MS),
      () => this.indicator.check('redis').attempt(async () => void (await this.redis.client.ping())).withTimeout(CHECK_TIMEOUT_MS),
      () => this.migrations(),
      () => this.outbox(),
      () => this.workers(),
    ]);
  }

  /** The code expects every migration it ships to be applied (a half-migrated database is not ready). */
  private async migrations() {
    const check = this.indicator.check('migrations');
    try {
      const applied = new Set(await this.db.appliedMigrations());
      const pending = this.shipped.map((m) => (m as { name: string }).name).filter((name) => !applied.has(name));
      return pending.length ? check.down({ message: `${pending.length} migration(s) not applied: run npm run migration:run`, pending }) : check.up({ applied: applied.size });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /** Events wait in the outbox until the worker relays them; an old unrelayed one means nobody is relaying. */
  private async outbox() {
    const check = this.indicator.check('outbox');
    try {
      const { backlog, oldestAgeSeconds } = await this.db.outboxBacklog();
      const limit = this.config.OUTBOX_LAG_LIMIT_SECONDS;
      const data = { backlog, oldestAgeSeconds: Math.round(oldestAgeSeconds * 10) / 10, limitSeconds: limit };
      return oldestAgeSeconds > limit ? check.down({ ...data, message: `the oldest unrelayed event is ${Math.round(oldestAgeSeconds)} s old` }) : check.up(data);
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /** At least one worker beat within the last 15 s (see WorkerHeartbeat). */
  private async workers() {
    const check = this.indicator.check('worker');
    try {
      const since = Date.now() - HEARTBEAT_STALE_MS;
      const beats = await this.redis.client.zrangebyscore(this.redis.key(WORKERS_KEY), since, '+inf', 'WITHSCORES');
      const live = beats.length / 2;
      if (!live) return check.down({ message: 'no worker has reported in the last 15 s: start one (npm start runs it)', live: 0 });
      const last = Math.max(...beats.filter((_, i) => i % 2 === 1).map(Number));
      return check.up({ live, lastBeatSecondsAgo: Math.round((Date.now() - last) / 100) / 10 });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}

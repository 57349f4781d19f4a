import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RedisService } from '../redis';
import { DelayedJobs } from './delayed-jobs.service';

/** How often a worker looks whether Redis still holds the delayed jobs. */
export const KEEPER_EVERY_MS = 2000;
/** A worker that took the restore and died lets another take it after this. */
const CLAIM_SECONDS = 120;
/** With no earlier sighting of the mark (a fresh worker), jobs due this long ago count as lost. */
const FIRST_LOOK_BACK_MS = 15 * 60_000;

/**
 * The worker's watch over Redis' memory. A mark key sits beside the delayed jobs; a Redis that
 * restarted empty has lost both. The first worker to see the mark gone claims the restore
 * (SET NX with an expiry, so a worker killed mid-way hands it on), plans every delayed job
 * again from PostgreSQL through DelayedJobs' restorers — those that fell due since the mark was
 * last seen run at once, late and once — and sets the mark again. Also runs on a first start
 * against an empty Redis (harmless: planning is idempotent).
 */
@Injectable()
export class DelayedJobsKeeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DelayedJobsKeeper');
  private timer?: NodeJS.Timeout;
  private lastSeen?: number;
  private checking?: Promise<boolean>;
  private stopped = false;

  constructor(
    private readonly redis: RedisService,
    private readonly delayed: DelayedJobs,
  ) {}

  onApplicationBootstrap(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), KEEPER_EVERY_MS);
    this.timer.unref();
  }

  private get mark(): string {
    return this.redis.key('delayed', 'planned');
  }

  /** Returns whether a restore ran (tests call it directly). */
  check(): Promise<boolean> {
    if (this.checking || this.stopped || this.redis.client.status !== 'ready') return Promise.resolve(false);
    this.checking = this.checkNow().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkNow(): Promise<boolean> {
    try {
      if (await this.redis.client.exists(this.mark)) {
        this.lastSeen = Date.now();
        return false;
      }
      const claimed = await this.redis.client.set(this.mark, 'restoring', 'EX', CLAIM_SECONDS, 'NX');
      if (claimed !== 'OK') return false;
      const lostSince = new Date((this.lastSeen ?? Date.now() - FIRST_LOOK_BACK_MS) - KEEPER_EVERY_MS);
      try {
        const planned = await this.delayed.restore(lostSince);
        await this.redis.client.set(this.mark, new Date().toISOString());
        this.lastSeen = Date.now();
        this.logger.warn({ msg: 'delayed jobs planned again from PostgreSQL (Redis had none)', lostSince: lostSince.toISOString(), planned });
        return true;
      } catch (error) {
        await this.redis.client.del(this.mark).catch(() => undefined);
        throw error;
      }
    } catch (error) {
      this.logger.warn(`delayed jobs: could not check or restore: ${(error as Error).message}`);
      return false;
    }
  }

  /** Before the connections close: no new check, and the one under way finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.checking;
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedJobs } from '@accord/core';
import { shanghaiToday } from '../services/periods';

/** Every day at 01:30 Beijing time, after the day's referrals are in the roll-ups. */
export const DETECT_WARNINGS_CRON = '30 1 * * *';

/**
 * Declares the repeatable early-warning job when the worker starts (the worker module provides
 * it; the API does not). Declaring it again replaces it: restarts and several workers make one
 * schedule; it also runs once at every start, so a fresh demo shows its warning without waiting
 * for 01:30. The start's job id is its own (not one per day): Redis keeps completed job ids, so a
 * per-day id would be swallowed when the same Redis serves a recreated database that day (a
 * developer starting over, CI's fresh-start check). The job is idempotent per period, so starts
 * of several workers add nothing twice. (BullMQ refuses a custom id of more than three
 * ':'-separated parts: the start's own part joins with '.'.)
 */
@Injectable()
export class WarningSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('WarningSchedule');

  constructor(private readonly delayed: DelayedJobs) {}

  /** Not awaited: a worker whose Redis is away still boots (its relay keeps events in PostgreSQL) and declares it once Redis answers. */
  onApplicationBootstrap(): void {
    this.declare().catch((error: Error) => this.logger.warn(`declaring the early-warning schedule failed: ${error.message}`));
  }

  private async declare(): Promise<void> {
    await this.delayed.repeat('supervision.detect-warnings', 'supervision.detect-warnings', DETECT_WARNINGS_CRON, {});
    await this.delayed.schedule('supervision.detect-warnings', {}, `supervision.detect-warnings:start:${shanghaiToday()}.${randomUUID()}`, new Date());
  }
}

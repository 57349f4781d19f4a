import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedJobs } from '@accord/core';
import { shanghaiToday } from '../services/periods';

/** Every day at 01:30 Beijing time, after the day's referrals are in the roll-ups. */
export const DETECT_WARNINGS_CRON = '30 1 * * *';

/**
 * Declares the repeatable early-warning job when the worker starts (the worker module provides
 * it; the API does not). Declaring it again replaces it: restarts and several workers make one
 * schedule; it also runs once at the day's first start (a job id per day). The job is idempotent per period, so a run on every start costs nothing twice.
 */
@Injectable()
export class WarningSchedule implements OnApplicationBootstrap {
  constructor(private readonly delayed: DelayedJobs) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.delayed.repeat('supervision.detect-warnings', 'supervision.detect-warnings', DETECT_WARNINGS_CRON, {});
    // And once at the first start of the day (a fresh demo shows its warning without waiting for 01:30).
    await this.delayed.schedule('supervision.detect-warnings', {}, `supervision.detect-warnings:start:${shanghaiToday()}`, new Date());
  }
}

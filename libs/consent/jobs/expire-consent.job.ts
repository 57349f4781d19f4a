import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedJobs, HandlesJob, JobHandler } from '@accord/core';
import { ConsentService } from '../services/consent.service';

/** Every five minutes: a link's seven days end at any time of day. */
export const EXPIRE_CONSENT_CRON = '*/5 * * * *';

/** Closes the drafts whose consent link ran out unanswered (idempotent: an expired request is not selected again). */
@Injectable()
@HandlesJob('consent.expire-due')
export class ExpireConsentJob implements JobHandler<'consent.expire-due'> {
  constructor(private readonly consent: ConsentService) {}

  async handle(): Promise<void> {
    await this.consent.expireDue();
  }
}

/** Declares the sweep when the worker starts, and runs it once then (see WarningSchedule for the ids). */
@Injectable()
export class ConsentExpirySchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('ConsentExpirySchedule');

  constructor(private readonly delayed: DelayedJobs) {}

  onApplicationBootstrap(): void {
    this.declare().catch((error: Error) => this.logger.warn(`declaring the consent expiry schedule failed: ${error.message}`));
  }

  private async declare(): Promise<void> {
    await this.delayed.repeat('consent.expire-due', 'consent.expire-due', EXPIRE_CONSENT_CRON, {});
    await this.delayed.schedule('consent.expire-due', {}, `consent.expire-due:start:${randomUUID()}`, new Date());
  }
}

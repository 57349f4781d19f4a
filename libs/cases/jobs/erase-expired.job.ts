import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedJobs, HandlesJob, JobHandler } from '@accord/core';
import { PersonalDataService } from '../services/personal-data.service';

/** Every day at 02:40 Beijing time. */
export const ERASE_EXPIRED_CRON = '40 2 * * *';

/** The daily retention run (idempotent: an erased case is not selected again). */
@Injectable()
@HandlesJob('cases.erase-expired')
export class EraseExpiredJob implements JobHandler<'cases.erase-expired'> {
  constructor(private readonly personalData: PersonalDataService) {}

  async handle(): Promise<void> {
    await this.personalData.eraseExpired();
  }
}

/** Declares the daily erasure when the worker starts, and runs it once then (see WarningSchedule for the ids). */
@Injectable()
export class ErasureSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('ErasureSchedule');

  constructor(private readonly delayed: DelayedJobs) {}

  onApplicationBootstrap(): void {
    this.declare().catch((error: Error) => this.logger.warn(`declaring the personal-data erasure schedule failed: ${error.message}`));
  }

  private async declare(): Promise<void> {
    await this.delayed.repeat('cases.erase-expired', 'cases.erase-expired', ERASE_EXPIRED_CRON, {});
    await this.delayed.schedule('cases.erase-expired', {}, `cases.erase-expired:start:${randomUUID()}`, new Date());
  }
}

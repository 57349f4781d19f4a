import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedJobs } from '../queue/delayed-jobs.service';
import { HandlesJob, JobHandler } from '../queue/job-handler';
import { AuditService } from './audit.service';

/** Every day at 03:10 Beijing time, a quiet hour. */
export const ARCHIVE_AUDIT_CRON = '10 3 * * *';

/** Moves old audit entries to the archive (idempotent: a second run finds nothing to move). */
@Injectable()
@HandlesJob('audit.archive')
export class ArchiveAuditJob implements JobHandler<'audit.archive'> {
  private readonly logger = new Logger('ArchiveAuditJob');

  constructor(private readonly audit: AuditService) {}

  async handle(): Promise<void> {
    const moved = await this.audit.archiveOld();
    if (moved) this.logger.log(`archived ${moved} audit entries`);
  }
}

/** Declares the daily archive when the worker starts (like WarningSchedule; declaring again replaces it). */
@Injectable()
export class AuditArchiveSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuditArchiveSchedule');

  constructor(private readonly delayed: DelayedJobs) {}

  onApplicationBootstrap(): void {
    this.declare().catch((error: Error) => this.logger.warn(`declaring the audit archive schedule failed: ${error.message}`));
  }

  private async declare(): Promise<void> {
    await this.delayed.repeat('audit.archive', 'audit.archive', ARCHIVE_AUDIT_CRON, {});
    // Once at start too (its own id, see WarningSchedule), so an installation that was down at 03:10 catches up.
    await this.delayed.schedule('audit.archive', {}, `audit.archive:start:${randomUUID()}`, new Date());
  }
}

import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { StatisticsRepository } from '../repositories/statistics.repository';

/**
 * Recounts the statistics buckets a case counts in, and those it counted in at its last
 * refresh (so a moved case leaves its old buckets). Every bucket is recounted from the cases
 * under the institution's advisory lock (statistics_refresh_case in the migrations): a retry,
 * a duplicate or two racing refreshes all land on the same, exact figures.
 */
@Injectable()
@HandlesJob('statistics.refresh-case')
export class RefreshCaseStatisticsJob implements JobHandler<'statistics.refresh-case'> {
  constructor(private readonly rollups: StatisticsRepository) {}

  handle(payload: JobPayloads['statistics.refresh-case']): Promise<void> {
    return this.rollups.refreshCase(payload.caseId);
  }
}

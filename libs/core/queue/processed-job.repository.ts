import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';

/** The record of jobs already done (processed_jobs), written in the job's own transaction. */
@Injectable()
export class ProcessedJobRepository {
  constructor(private readonly db: Database) {}

  /** Records the job; false when a row for it was already there (it ran before). */
  async record(jobId: string, jobName: string): Promise<boolean> {
    const inserted = (await this.db.manager.query(
      `INSERT INTO processed_jobs (job_id, job_name) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING RETURNING job_id`,
      [jobId, jobName],
    )) as unknown[];
    return inserted.length === 1;
  }
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A job's side effect and this row commit together: a job that runs twice acts once. */
@Entity('processed_jobs')
export class ProcessedJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  jobId: string;

  @Column({ type: 'varchar', length: 64 })
  jobName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  processedAt: Date;
}

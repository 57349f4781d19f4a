import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An institution's counts at a center over one Asia/Shanghai calendar month, per business line
 * and dispute type: what the regulator's trend lines and heat map read (a case's business line
 * and dispute type are not in the branch or institution buckets). The key leads with
 * (center_id, month), so a jurisdiction's months are one range scan of the primary key.
 */
@Entity('statistics_line_months')
export class StatisticsLineMonthEntity {
  @PrimaryColumn('uuid')
  centerId: string;

  @PrimaryColumn('date')
  month: string;

  @PrimaryColumn('uuid')
  institutionId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  businessLine: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  disputeType: string;

  @Column({ type: 'int', default: 0 })
  referrals: number;

  @Column({ type: 'int', default: 0 })
  accepted: number;

  @Column({ type: 'int', default: 0 })
  concluded: number;

  @Column({ type: 'int', default: 0 })
  settled: number;

  @Column({ type: 'int', default: 0 })
  notSettled: number;

  @Column({ type: 'int', default: 0 })
  withdrawn: number;

  @Column({ type: 'int', default: 0 })
  terminated: number;
}

/**
 * What a case added to statistics_line_months at its last refresh: the refresh takes exactly
 * this out again before it adds the case as it is now, so a retried refresh changes nothing and
 * a case whose business line, month or outcome changed leaves its old bucket.
 */
@Entity('statistics_case_lines')
export class StatisticsCaseLineEntity {
  @PrimaryColumn('uuid')
  caseId: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  institutionId: string;

  @Column({ type: 'varchar', length: 32 })
  businessLine: string;

  @Column({ type: 'varchar', length: 32 })
  disputeType: string;

  @Column({ type: 'date' })
  submittedMonth: string;

  @Column({ type: 'date', nullable: true })
  acceptedMonth: string | null;

  @Column({ type: 'date', nullable: true })
  concludedMonth: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome: string | null;
}

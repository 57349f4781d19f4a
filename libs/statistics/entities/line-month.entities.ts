import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The counts every bucket holds (the branch and institution buckets add sums and histograms). */
export abstract class BucketCounts {
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
 * An institution's counts at a center over one Asia/Shanghai calendar month, per business line:
 * what the regulator's trend lines and heat map read (a case's business line is not in the
 * branch or institution buckets). The key leads with (center_id, month), so a jurisdiction's
 * months are one range of the primary key per center.
 */
@Entity('statistics_line_months')
export class StatisticsLineMonthEntity extends BucketCounts {
  @PrimaryColumn('uuid')
  centerId: string;

  @PrimaryColumn('date')
  month: string;

  @PrimaryColumn('uuid')
  institutionId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  businessLine: string;
}

/**
 * The same per business line and dispute type, read only when a dispute type is asked for: seven
 * times the rows, so the unfiltered views keep to statistics_line_months. The type index makes a
 * filtered read one range per center.
 */
@Entity('statistics_line_type_months')
@Index('idx_statistics_line_type_months_type', ['centerId', 'disputeType', 'month'])
export class StatisticsLineTypeMonthEntity extends BucketCounts {
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

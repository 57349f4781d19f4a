import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BucketCounts, StatisticsCaseLineEntity, StatisticsLineMonthEntity, StatisticsLineTypeMonthEntity } from './line-month.entities';

/**
 * The figures one bucket holds. Counts and sums add up across buckets; the day-count
 * histograms (`accept_days[i]` = cases accepted i-1 Asia/Shanghai calendar days after their
 * submission, likewise `conclude_days` from acceptance to conclusion) add up elementwise, so a
 * median over any period stays exact.
 */
abstract class BucketFigures extends BucketCounts {
  /** Amount in dispute of the referrals submitted in the bucket. */
  @Column({ type: 'bigint', default: 0 })
  disputedFen: string;

  /** Settled amount (refund + fee waiver) of the cases settled in the bucket. */
  @Column({ type: 'bigint', default: 0 })
  settledFen: string;

  @Column({ type: 'int', array: true, default: () => "'{}'" })
  acceptDays: number[];

  @Column({ type: 'int', array: true, default: () => "'{}'" })
  concludeDays: number[];

  @Column({ type: 'int', default: 0 })
  satisfactionSum: number;

  @Column({ type: 'int', default: 0 })
  satisfactionCount: number;

  /** Cases concluded in the bucket that missed a time limit (intake, first session, or the mediation due day — 60 days from the first session where none was kept). */
  @Column({ type: 'int', default: 0 })
  breached: number;

  /** Judicial confirmations the court confirmed in the bucket (by its result day). */
  @Column({ type: 'int', default: 0 })
  judicialConfirmed: number;

  /** Obligations due in the bucket not performed by their due day (flagged overdue, or performed later). */
  @Column({ type: 'int', default: 0 })
  obligationsOverdue: number;
}

/**
 * One branch's figures on one Asia/Shanghai day, per center (the case's own branch). The
 * institution index serves a whole tree; the branch index a subtree (a drill-down below the
 * root reads its branches' buckets, not the whole institution's).
 */
@Entity('statistics_branch_days')
@Index('idx_statistics_branch_days_institution', ['institutionId', 'day'])
@Index('idx_statistics_branch_days_branch', ['branchId', 'day'])
export class StatisticsBranchDayEntity extends BucketFigures {
  @PrimaryColumn('uuid')
  centerId: string;

  @PrimaryColumn('uuid')
  branchId: string;

  @PrimaryColumn('date')
  day: string;

  @Column('uuid')
  institutionId: string;

  /** The branch's materialised path: a pinned user's subtree is one prefix match. */
  @Column({ type: 'text' })
  branchPath: string;
}

/** The sum of a branch's day buckets over one calendar month (`month` = its first day). */
@Entity('statistics_branch_months')
@Index('idx_statistics_branch_months_institution', ['institutionId', 'month'])
@Index('idx_statistics_branch_months_branch', ['branchId', 'month'])
export class StatisticsBranchMonthEntity extends BucketFigures {
  @PrimaryColumn('uuid')
  centerId: string;

  @PrimaryColumn('uuid')
  branchId: string;

  @PrimaryColumn('date')
  month: string;

  @Column('uuid')
  institutionId: string;

  @Column({ type: 'text' })
  branchPath: string;
}

/** An institution's figures at a center on one day: the sum of its branches' day buckets. */
@Entity('statistics_institution_days')
export class StatisticsInstitutionDayEntity extends BucketFigures {
  @PrimaryColumn('uuid')
  centerId: string;

  @PrimaryColumn('date')
  day: string;

  @PrimaryColumn('uuid')
  institutionId: string;
}

/** An institution's figures at a center over one month. */
@Entity('statistics_institution_months')
export class StatisticsInstitutionMonthEntity extends BucketFigures {
  @PrimaryColumn('uuid')
  centerId: string;

  @PrimaryColumn('date')
  month: string;

  @PrimaryColumn('uuid')
  institutionId: string;
}

/**
 * The buckets a case counted in at its last refresh: a case that moves (another branch, a
 * corrected date) is taken out of the old buckets as well as put into the new ones.
 */
@Entity('statistics_case_buckets')
export class StatisticsCaseBucketEntity {
  @PrimaryColumn('uuid')
  caseId: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  institutionId: string;

  @Column('uuid')
  branchId: string;

  @Column({ type: 'date', array: true })
  days: string[];
}

export const statisticsEntities = [
  StatisticsBranchDayEntity,
  StatisticsBranchMonthEntity,
  StatisticsInstitutionDayEntity,
  StatisticsInstitutionMonthEntity,
  StatisticsCaseBucketEntity,
  StatisticsLineMonthEntity,
  StatisticsLineTypeMonthEntity,
  StatisticsCaseLineEntity,
];

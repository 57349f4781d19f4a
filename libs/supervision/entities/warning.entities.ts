import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An early warning (投诉风险预警): one unit's referrals in one period above what its own history
 * lets expect (`metric` 'referrals'), or its time-limit breaches among the cases it concluded in
 * a month above what its own prior breach rate lets expect ('breaches'). A unit is an institution at a center — the whole institution (`businessLine` '')
 * or one of its business lines — so a regulator sees exactly the warnings its jurisdiction's
 * centers' referrals raised. One row per unit, period and metric whatever how often the job runs
 * (the unique index; the job inserts ON CONFLICT DO NOTHING).
 */
@Entity('supervision_warnings')
@Index('uq_supervision_warnings_unit_period', ['institutionId', 'businessLine', 'periodKind', 'periodStart', 'centerId', 'metric'], { unique: true })
@Index('idx_supervision_warnings_center', ['centerId', 'createdAt'])
@Check('chk_supervision_warnings_period_kind', `period_kind IN ('week', 'month')`)
@Check('chk_supervision_warnings_status', `status IN ('open', 'acknowledged')`)
@Check('chk_supervision_warnings_metric', `metric IN ('referrals', 'breaches')`)
@Check('chk_supervision_warnings_concluded', `(concluded IS NULL) = (metric = 'referrals') AND (concluded IS NULL OR concluded >= observed)`)
export class SupervisionWarningEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  institutionId: string;

  /** The business line, or '' for the institution as a whole (the API answers null). */
  @Column({ type: 'varchar', length: 24, default: '' })
  businessLine: string;

  @Column({ type: 'varchar', length: 8 })
  periodKind: 'week' | 'month';

  /** The period's first Asia/Shanghai day (a Monday, or the 1st). */
  @Column('date')
  periodStart: string;

  /** The period's last day. */
  @Column('date')
  periodEnd: string;

  /** What is counted: referrals submitted, or time-limit breaches among the cases concluded. */
  @Column({ type: 'varchar', length: 16, default: 'referrals' })
  metric: 'referrals' | 'breaches';

  /** Referrals submitted in the period; for breaches, the concluded cases that missed a time limit. */
  @Column('int')
  observed: number;

  /** Breaches only: the cases the unit concluded in the period (the rate's denominator). */
  @Column({ type: 'int', nullable: true })
  concluded: number | null;

  /** The expected count: the mean of the prior periods; for breaches, concluded × the prior breach rate. */
  @Column('double precision')
  expected: number;

  /** The 99.9 % Poisson (breaches: Binomial) quantile: the warning fired because observed > bound. */
  @Column('int')
  bound: number;

  /** How many prior periods the expectation was taken over. */
  @Column('int')
  priorPeriods: number;

  /** The method in words, as the screen states it. */
  @Column({ type: 'varchar', length: 300 })
  method: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: 'open' | 'acknowledged';

  @Column({ type: 'uuid', nullable: true })
  acknowledgedByUserId: string | null;

  /** The regulator's user as signed: the institution reads the warning but not the regulator's people. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  acknowledgedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  acknowledgeComment: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A warning's timeline: raised, acknowledged — and the supervisory notice and its answer that
 * follow. The warning's owners are repeated so the row's visibility needs no join.
 */
@Entity('supervision_warning_events')
@Index('idx_supervision_warning_events_warning', ['warningId', 'id'])
@Check('chk_supervision_warning_events_kind', `kind IN ('raised', 'acknowledged', 'notice_sent', 'notice_answered')`)
export class SupervisionWarningEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid')
  warningId: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  institutionId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: 'raised' | 'acknowledged' | 'notice_sent' | 'notice_answered';

  /** The notice a 'notice_sent' or 'notice_answered' step is about. */
  @Column({ type: 'uuid', nullable: true })
  noticeId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  /** The acknowledgement's comment, the notice's text or the answer (up to 2000). */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

/**
 * A supervisory notice (监管提示): the regulator asks the institution about a warning, the
 * institution's admin answers once. At most one notice per warning awaits its answer (the partial
 * unique index); after the answer the regulator may follow up with another. The answer's four
 * columns are set together or not at all (the check), and only once (the service's UPDATE … WHERE
 * answered_at IS NULL). The warning's owners are repeated so the row's visibility needs no join.
 */
@Entity('supervision_notices')
@Index('uq_supervision_notices_one_open', ['warningId'], { unique: true, where: 'answered_at IS NULL' })
@Index('idx_supervision_notices_warning', ['warningId', 'sentAt'])
@Check('chk_supervision_notices_answer', `(answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by_user_id IS NULL) AND (answer IS NULL) = (answered_by_name IS NULL)`)
@Check('chk_supervision_notices_text', `length(btrim(text)) > 0`)
export class SupervisionNoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  warningId: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  institutionId: string;

  /** The regulator that sent it (its analyst or supervisor). */
  @Column('uuid')
  regulatorId: string;

  @Column('uuid')
  sentByUserId: string;

  /**
   * The regulator's name and the sender's as signed when sent: the institution reads the notice
   * but not the regulator's people (RLS on users), as a letter carries its signature.
   */
  @Column({ type: 'varchar', length: 200 })
  regulatorName: string;

  @Column({ type: 'varchar', length: 100 })
  sentByName: string;

  @Column({ type: 'varchar', length: 2000 })
  text: string;

  /** The Asia/Shanghai day an answer is asked by; not before the day it was sent (the service). */
  @Column({ type: 'date', nullable: true })
  answerBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  answer: string | null;

  @Column({ type: 'uuid', nullable: true })
  answeredByUserId: string | null;

  /** The answerer's name as signed: the regulator does not read the institution's people. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  answeredByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}

export const supervisionEntities = [SupervisionWarningEntity, SupervisionWarningEventEntity, SupervisionNoticeEntity];

import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An early warning (投诉风险预警): one unit's referrals in one period above what its own history
 * lets expect. A unit is an institution at a center — the whole institution (`businessLine` '')
 * or one of its business lines — so a regulator sees exactly the warnings its jurisdiction's
 * centers' referrals raised. One row per unit and period whatever how often the job runs (the
 * unique index; the job inserts ON CONFLICT DO NOTHING).
 */
@Entity('supervision_warnings')
@Index('uq_supervision_warnings_unit_period', ['institutionId', 'businessLine', 'periodKind', 'periodStart', 'centerId'], { unique: true })
@Index('idx_supervision_warnings_center', ['centerId', 'createdAt'])
@Check('chk_supervision_warnings_period_kind', `period_kind IN ('week', 'month')`)
@Check('chk_supervision_warnings_status', `status IN ('open', 'acknowledged')`)
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

  /** Referrals submitted in the period. */
  @Column('int')
  observed: number;

  /** The expected count: the mean of the prior periods. */
  @Column('double precision')
  expected: number;

  /** The 99.9 % Poisson quantile of `expected`: the warning fired because observed > bound. */
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
@Check('chk_supervision_warning_events_kind', `kind IN ('raised', 'acknowledged')`)
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
  kind: 'raised' | 'acknowledged';

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

export const supervisionEntities = [SupervisionWarningEntity, SupervisionWarningEventEntity];

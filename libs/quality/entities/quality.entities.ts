import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ChecklistItem, Outcome, ReviewReason, ReviewScore, ReviewStatus } from '@accord/contracts';
import { Timestamped } from '@accord/core/database/timestamps';

/**
 * A center's quality-review rule (质量评查): which concluded cases enter the review queue, and the
 * checklist reviewers score on. Data the center admin edits; one row per center (none: defaults).
 */
@Entity('quality_rules')
@Check('chk_quality_rules_percent', `settled_percent BETWEEN 0 AND 100`)
@Check('chk_quality_rules_checklist', `jsonb_typeof(checklist) = 'array' AND jsonb_array_length(checklist) BETWEEN 1 AND 20`)
export class QualityRuleEntity extends Timestamped {
  @PrimaryColumn('uuid')
  centerId: string;

  @Column({ type: 'boolean', default: true })
  includeNotSettled: boolean;

  @Column({ type: 'boolean', default: true })
  includeTerminated: boolean;

  @Column({ type: 'boolean', default: true })
  includeBreached: boolean;

  /** The share of settled cases drawn, 0–100 (%). */
  @Column({ type: 'smallint', default: 10 })
  settledPercent: number;

  /** Drawing is SHA-256(seed ‖ case id): the same seed draws the same cases, whenever and however often it runs. */
  @Column({ type: 'varchar', length: 64, default: 'accord' })
  seed: string;

  @Column({ type: 'jsonb' })
  checklist: ChecklistItem[];

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
}

/**
 * A concluded case in the review queue, and its review once scored. One per case (a case drawn
 * twice stays one entry). The case's number, mediator and outcome are copied when it enters, so
 * the queue and the scores read this table alone; the scores keep the checklist as it stood.
 */
@Entity('quality_reviews')
@Index('uq_quality_reviews_case', ['caseId'], { unique: true })
@Index('idx_quality_reviews_queue', ['centerId', 'status', 'enteredAt', 'id'])
@Index('idx_quality_reviews_mediator', ['mediatorId', 'enteredAt', 'id'], { where: `mediator_id IS NOT NULL` })
@Index('idx_quality_reviews_reviewed', ['centerId', 'reviewedAt'], { where: `reviewed_at IS NOT NULL` })
@Check('chk_quality_reviews_status', `status IN ('pending', 'reviewed')`)
@Check('chk_quality_reviews_outcome', `outcome IN ('settled','not_settled','withdrawn','terminated')`)
@Check(
  'chk_quality_reviews_scored',
  `(status = 'reviewed') = (reviewed_at IS NOT NULL) AND (reviewed_at IS NULL) = (reviewer_id IS NULL) AND (reviewed_at IS NULL) = (total_score IS NULL) AND (total_score IS NULL) = (max_score IS NULL) AND (total_score IS NULL OR (total_score >= 0 AND total_score <= max_score))`,
)
@Check('chk_quality_reviews_not_own', `reviewer_id IS NULL OR mediator_id IS NULL OR reviewer_id <> mediator_id`)
@Check('chk_quality_reviews_returned', `(agreement_returned_at IS NULL) = (agreement_return_note IS NULL)`)
export class QualityReviewEntity extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  caseNumber: string | null;

  @Column({ type: 'uuid', nullable: true })
  mediatorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  mediatorName: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: Outcome;

  @Column({ type: 'timestamptz' })
  concludedAt: Date;

  @Column({ type: 'text', array: true })
  reasons: ReviewReason[];

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: ReviewStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  enteredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  reviewerId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reviewerName: string | null;

  @Column({ type: 'jsonb' })
  scores: ReviewScore[];

  @Column({ type: 'int', nullable: true })
  totalScore: number | null;

  @Column({ type: 'int', nullable: true })
  maxScore: number | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  findings: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  agreementReturnedAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  agreementReturnNote: string | null;

  @ManyToOne('OrganisationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;
}

export const qualityEntities: Function[] = [QualityRuleEntity, QualityReviewEntity];

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DisputeType } from '@accord/contracts';
import { Timestamped } from '@accord/core/database/timestamps';

/**
 * A batch of similar cases (类案批量, issue 20): open cases of one institution, one dispute type
 * and one product or event (the label), under one lead mediator. The center's own (RLS).
 */
@Entity('case_batches')
@Index('idx_case_batches_center_created', ['centerId', 'createdAt', 'id'])
@Check('chk_case_batches_label', `length(btrim(label)) > 0`)
export class CaseBatchEntity extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  institutionId: string;

  @Column({ type: 'varchar', length: 24 })
  disputeType: DisputeType;

  /** The product or event the cases share, e.g. "XX理财产品". */
  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Column('uuid')
  leadMediatorId: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne('OrganisationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
  @ManyToOne('OrganisationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institutionRef?: unknown;
  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_mediator_id' })
  leadMediatorRef?: unknown;
}

/** A case in a batch: a case is in at most one batch (the primary key). */
@Entity('case_batch_members')
@Index('idx_case_batch_members_batch', ['batchId', 'addedAt'])
@Index('idx_case_batch_members_center', ['centerId'])
export class CaseBatchMemberEntity {
  @PrimaryColumn('uuid')
  caseId: string;

  @Column('uuid')
  batchId: string;

  @Column('uuid')
  centerId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;

  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;
  @ManyToOne('CaseBatchEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id' })
  batchRef?: unknown;
  @ManyToOne('OrganisationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
}

export const batchEntities: Function[] = [CaseBatchEntity, CaseBatchMemberEntity];

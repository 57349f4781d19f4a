import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseEventKind, CaseStatus } from '@accord/contracts';
import { CaseOwned } from '@accord/core/database/case-owned';

/**
 * The case timeline: every transition, comment, internal note, document and assignment with
 * who and when. Append-only. `center_only` rows (internal notes) are never visible to the bank:
 * the RLS policy holds that, not only the query.
 */
@Entity('case_events')
@Check('chk_case_events_kind', `kind IN ('transition','comment','internal_note','attachment','assignment','track_changed','edited','session','outcome')`)
@Check('chk_case_events_internal', `kind <> 'internal_note' OR center_only`)
@Index('idx_case_events_case_at', ['caseId', 'at', 'id'])
// "Waits on the bank" (?awaiting=institution): the latest comment the bank can read, one probe per case.
@Index('idx_case_events_public_comments', ['caseId', 'at', 'id'], { where: `kind = 'comment' AND NOT center_only` })
export class CaseEventEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 20 })
  kind: CaseEventKind;

  @Column({ type: 'boolean', default: false })
  centerOnly: boolean;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  /** Snapshot of the actor's name: the timeline reads without joining users of other tenants. */
  @Column({ type: 'varchar', length: 120 })
  actorName: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: CaseStatus | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  toStatus: CaseStatus | null;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'jsonb', default: {} })
  detail: Record<string, unknown>;

  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;
}

import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseOwned } from '@accord/core/database/case-owned';

/** Evidence attached to a case; the bytes live in the configured storage under `storage_key`. */
@Entity('case_attachments')
@Check('chk_case_attachments_size', `size_bytes > 0`)
@Index('idx_case_attachments_case', ['caseId', 'createdAt'])
export class CaseAttachmentEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** As detected from the content's magic bytes, never from the name. */
  @Column({ type: 'varchar', length: 120 })
  contentType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  @Column({ type: 'bytea' })
  sha256: Buffer;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @Column({ type: 'varchar', length: 120 })
  uploadedByName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The file was removed from storage by the retention job (its name cleared; size and type kept for the figures). */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only: the application role may insert and read, never update or delete. Each row is a
 * link of its organisation's hash chain (migration AuditChain1796612504856).
 */
@Entity('audit_events')
@Index('idx_audit_events_organisation_at', ['organisationId', 'at'])
@Index('idx_audit_events_chain', ['organisationId', 'chainSeq'], { unique: true })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  subjectType: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb', default: {} })
  detail: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  /** Set by the audit_events_chain trigger: the row's place in its organisation's chain, the previous row's hash and its own. */
  @Column({ type: 'bigint' })
  chainSeq: string;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Events written in the same transaction as the change they describe. The worker relays
 * each to a BullMQ job (jobId = outbox id) and/or socket rooms, then stamps published_at.
 */
@Entity('outbox')
@Index('idx_outbox_unpublished', ['id'], { where: 'published_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** Socket event name, e.g. membership.changed. */
  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'text', array: true, default: [] })
  rooms: string[];

  /** Ids only, never personal data: it travels through Redis. */
  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  jobName: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** The HTTP request that wrote it (X-Request-Id): its jobs log and audit under the same id. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}

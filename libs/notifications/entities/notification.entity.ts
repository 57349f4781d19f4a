import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notification for one user. */
@Entity('notifications')
@Index('idx_notifications_user_created', ['userId', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'jsonb', default: {} })
  data: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}

/**
 * A message sent outside the portal (SMS, e-mail) with its delivery status. The recipient is
 * sealed like all personal data; the masked copy is for lists.
 */
@Entity('outbound_messages')
@Index('idx_outbound_messages_org_created', ['organisationId', 'createdAt'])
export class OutboundMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The center that sends it (and reads its delivery log). */
  @Column('uuid')
  organisationId: string;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'varchar', length: 8 })
  channel: 'sms' | 'email';

  @Column({ type: 'bytea' })
  recipientSealed: Buffer;

  @Column({ type: 'varchar', length: 60 })
  recipientMasked: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 12, default: 'queued' })
  status: 'queued' | 'sent' | 'failed';

  @Column({ type: 'varchar', length: 32, nullable: true })
  provider: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  providerRef: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}

import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An attachment as queued: the file itself travels with the message row, never through Redis. */
export interface MessageAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text (an .ics invitation). */
  content: string;
}

/** An in-app notification for one user. */
@Entity('notifications')
@Index('idx_notifications_user_created', ['userId', 'createdAt'])
// The bell's count reads this partial index only: a user's unread rows, however many are read.
@Index('idx_notifications_user_unread', ['userId'], { where: 'read_at IS NULL' })
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
@Check('chk_outbound_messages_channel', `channel IN ('sms', 'email')`)
@Check('chk_outbound_messages_status', `status IN ('queued', 'sent', 'failed')`)
@Check('chk_outbound_messages_attempts', `attempts >= 0`)
@Index('idx_outbound_messages_org_created', ['organisationId', 'createdAt'])
export class OutboundMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The center that sends it (and reads its delivery log). */
  @Column('uuid')
  organisationId: string;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  /** The case's number as the sender knew it: the message log shows it without reading cases (a lib above). */
  @Column({ type: 'varchar', length: 24, nullable: true })
  caseNumber: string | null;

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

  /** The last failed attempt's error (the provider's own code and message); cleared once sent. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'jsonb', default: [] })
  attachments: MessageAttachment[];

  /** Delivery attempts made so far; BullMQ retries with back-off until the job's attempts run out. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}

/**
 * A user's choice to also get a kind of notification by e-mail (to the address on their account).
 * No row: in the portal only. Only the user reads and writes their own rows; the worker reads them
 * when it delivers.
 */
@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  kind: string;

  /** The user's organisation: the row-level policy checks it with the user. */
  @Column('uuid')
  organisationId: string;

  @Column({ type: 'boolean', default: false })
  email: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { WebhookDeliveryStatus, WebhookEvent, WebhookEventType } from '@accord/contracts';

/**
 * A bank's HTTPS endpoint that receives the events it subscribed to, signed per Standard
 * Webhooks with its secret. Only the institution's admins see and change it (RLS by institution).
 */
@Entity('webhook_endpoints')
@Index('idx_webhook_endpoints_institution', ['institutionId', 'createdAt'])
@Check('chk_webhook_endpoints_failures', `consecutive_failures >= 0`)
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  institutionId: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true })
  eventTypes: WebhookEventType[];

  /** `whsec_` + base64 of the key; the receiver keeps its copy, shown once at creation or rotation. */
  @Column({ type: 'varchar', length: 80 })
  secret: string;

  /** The secret before the last rotation: both sign until previous_secret_expires_at. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'varchar', length: 40, nullable: true })
  disabledReason: string | null;

  /** Failed attempts in a row; a success resets it, WEBHOOK_DISABLE_AFTER_FAILURES switches the endpoint off. */
  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One event for one endpoint: its id is the `webhook-id` (the same on every retry and replay), its
 * payload frozen when the event happened. `seq` (the outbox id) orders a case's events per endpoint.
 */
@Entity('webhook_deliveries')
@Unique('uq_webhook_deliveries_endpoint_outbox', ['endpointId', 'outboxId'])
@Index('idx_webhook_deliveries_chain', ['endpointId', 'caseId', 'seq'])
@Index('idx_webhook_deliveries_endpoint_created', ['endpointId', 'createdAt'])
@Check('chk_webhook_deliveries_status', `status IN ('pending', 'delivered', 'retrying', 'failed')`)
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  endpointId: string;

  /** The endpoint's institution (the row-level policy's owner column). */
  @Column('uuid')
  institutionId: string;

  @Column('uuid')
  caseId: string;

  @Column('bigint')
  outboxId: string;

  @Column('bigint')
  seq: string;

  @Column({ type: 'varchar', length: 40 })
  eventType: WebhookEventType;

  @Column({ type: 'jsonb' })
  payload: WebhookEvent;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'int', nullable: true })
  lastLatencyMs: number | null;

  /** The receiver's answer (at most 1 KB) or the network error. */
  @Column({ type: 'varchar', length: 1024, nullable: true })
  lastResponse: string | null;

  /** Retries stop (status failed) once this passes: 3 days after the first attempt. */
  @Column({ type: 'timestamptz', nullable: true })
  firstAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

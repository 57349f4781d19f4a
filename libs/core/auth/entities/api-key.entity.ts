import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Ten a second: far above a core system's steady filing, low enough to stop a runaway loop. */
export const DEFAULT_API_KEY_RATE_PER_MINUTE = 600;

/** A bank system's key: scoped to its institution, shown once, stored as SHA-256. */
@Entity('api_keys')
@Check('chk_api_keys_rate_per_minute', `rate_per_minute BETWEEN 1 AND 100000`)
@Index('uq_api_keys_hash', ['keyHash'], { unique: true })
@Index('idx_api_keys_institution', ['institutionId', 'createdAt'])
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  institutionId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The first characters of the key, shown in lists so people can tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ type: 'bytea' })
  keyHash: Buffer;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Requests this key may make per minute (429 past it), shared across API processes. */
  @Column({ type: 'integer', default: DEFAULT_API_KEY_RATE_PER_MINUTE })
  ratePerMinute: number;
}

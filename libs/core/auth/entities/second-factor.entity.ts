import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A user's TOTP authenticator (RFC 6238). The secret is sealed with the personal-data keys
 * (AES-256-GCM, bound to the user id); `lastStep` is the last time step accepted, so a code
 * cannot be replayed inside its window. `exemptUntil`: the demo seed's users may sign in without
 * a factor until then (README); a user who enrols is always asked.
 */
@Entity('second_factors')
export class SecondFactorEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('uuid')
  organisationId: string;

  @Column({ type: 'bytea', nullable: true })
  secretSealed: Buffer | null;

  /** Null while enrolment waits for its first code. */
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'bigint', nullable: true })
  lastStep: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  exemptUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Ten one-time codes for a lost authenticator, stored as argon2id hashes; shown once. */
@Entity('recovery_codes')
@Index('idx_recovery_codes_user', ['userId'])
export class RecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Column('uuid')
  organisationId: string;

  @Column({ type: 'text' })
  codeHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CaseOwned } from '@accord/core/database/case-owned';

/**
 * What happens inside a session (DOMAIN.md "Session"): who checked in, the mediator's private
 * notes, private caucuses (背靠背), the center's method checklist ticked with times, and calls.
 * Rows carry the case's owners (center, institution, branch path) so RLS reads them like the case.
 */
@Entity('session_check_ins')
@Check('chk_session_check_ins_role', `role IN ('consumer', 'bank_representative', 'interpreter', 'family_member', 'other')`)
@Index('uq_session_check_ins_party', ['sessionId', 'role', 'name'], { unique: true })
export class SessionCheckInEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** How the party is present: joined the video, on the phone, in the room. */
  @Column({ type: 'varchar', length: 12 })
  via: string;

  @CreateDateColumn({ type: 'timestamptz' })
  checkedInAt: Date;

  @Column({ type: 'uuid', nullable: true })
  checkedInBy: string | null;

  @ManyToOne('MediationSessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  sessionRef?: unknown;
}

/** The mediator's private notes: one living text per session and author, saved as typed. */
@Entity('session_notes')
@Index('uq_session_notes_author', ['sessionId', 'authorId'], { unique: true })
@Check('chk_session_notes_version', `version >= 1`)
export class SessionNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  /** Bumped on each save; a save based on an older version is refused, never silently lost. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne('MediationSessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  sessionRef?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  authorRef?: unknown;
}

/** A private talk with one party while the others wait; at most one open per session. */
@Entity('session_caucuses')
@Check('chk_session_caucuses_party', `with_party IN ('consumer', 'bank')`)
@Check('chk_session_caucuses_span', `ended_at IS NULL OR ended_at >= started_at`)
@Index('uq_session_caucuses_open', ['sessionId'], { unique: true, where: 'ended_at IS NULL' })
@Index('idx_session_caucuses_session', ['sessionId', 'startedAt'])
export class SessionCaucusEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column({ type: 'varchar', length: 12 })
  withParty: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  startedBy: string | null;

  @ManyToOne('MediationSessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  sessionRef?: unknown;
}

/** The center's mediation method (DOMAIN.md): an ordered checklist of steps. */
@Entity('mediation_method_steps')
@Index('uq_mediation_method_steps_position', ['centerId', 'position'], { unique: true })
@Check('chk_mediation_method_steps_position', `position >= 1`)
export class MediationMethodStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centerId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  hint: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
}

/** A step ticked in a session, with the time; title and position are kept as they were then. */
@Entity('session_step_ticks')
@Index('uq_session_step_ticks_step', ['sessionId', 'stepId'], { unique: true })
export class SessionStepTickEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column('uuid')
  centerId: string;

  @Column({ type: 'uuid', nullable: true })
  stepId: string | null;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @CreateDateColumn({ type: 'timestamptz' })
  tickedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  tickedBy: string | null;

  @ManyToOne('MediationSessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  sessionRef?: unknown;

  @ManyToOne('MediationMethodStepEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'step_id' })
  stepRef?: unknown;
}

/** A phone call of a session: bridged through the telephony provider, or logged by hand. */
@Entity('session_calls')
@Check('chk_session_calls_party', `party IN ('consumer', 'bank', 'other')`)
@Check('chk_session_calls_source', `source IN ('bridge', 'manual')`)
@Check('chk_session_calls_status', `status IN ('dialing', 'connected', 'completed', 'failed', 'no_answer')`)
@Check('chk_session_calls_span', `ended_at IS NULL OR ended_at >= started_at`)
@Check('chk_session_calls_duration', `duration_seconds IS NULL OR duration_seconds >= 0`)
@Index('idx_session_calls_session', ['sessionId', 'startedAt'])
@Index('uq_session_calls_provider_ref', ['provider', 'providerRef'], { unique: true, where: 'provider_ref IS NOT NULL' })
export class SessionCallEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column({ type: 'varchar', length: 8 })
  party: string;

  @Column({ type: 'varchar', length: 8 })
  source: string;

  @Column({ type: 'varchar', length: 12 })
  status: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  provider: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  providerRef: string | null;

  /** The number called, masked (the full number stays in the case's sealed identity). */
  @Column({ type: 'varchar', length: 20 })
  phoneMasked: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  recordingKey: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  recordingType: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne('MediationSessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  sessionRef?: unknown;
}

export const sessionConsoleEntities = [SessionCheckInEntity, SessionNoteEntity, SessionCaucusEntity, MediationMethodStepEntity, SessionStepTickEntity, SessionCallEntity];

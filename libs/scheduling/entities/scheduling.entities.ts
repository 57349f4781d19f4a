import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseOwned } from '@accord/core/database/case-owned';
import { Timestamped, withTimestamps } from '@accord/core/database/timestamps';
import type { ConsumerLinkPurpose } from '@accord/contracts';

/** A mediator's regular weekly hours (Asia/Shanghai wall-clock times), one row per span. */
@Entity('mediator_working_hours')
@Check('chk_mediator_working_hours_span', `weekday BETWEEN 1 AND 7 AND ends_at > starts_at`)
@Index('idx_mediator_working_hours_mediator', ['mediatorId', 'weekday'])
export class MediatorWorkingHoursEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  mediatorId: string;

  /** ISO weekday: 1 Monday … 7 Sunday. */
  @Column({ type: 'smallint' })
  weekday: number;

  @Column({ type: 'time' })
  startsAt: string;

  @Column({ type: 'time' })
  endsAt: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mediator_id' })
  mediatorRef?: unknown;
}

/** Leave, training, anything that takes a mediator out of their hours. */
@Entity('mediator_absences')
@Index('idx_mediator_absences_mediator', ['mediatorId', 'startsAt'])
@Check('chk_mediator_absences_span', `ends_at > starts_at`)
export class MediatorAbsenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  mediatorId: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mediator_id' })
  mediatorRef?: unknown;
}

/**
 * An on-site room at a liaison station (调解工作联络站), often at a bank outlet: then the outlet is
 * a branch of a member institution. A retired room (is_active false) takes no new bookings;
 * its sessions stay, so it is never deleted.
 */
@Entity('mediation_rooms')
@Index('uq_mediation_rooms_center_name', ['centerId', 'name'], { unique: true })
@Index('idx_mediation_rooms_outlet', ['outletBranchId'])
export class MediationRoomEntity extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centerId: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @Column({ type: 'uuid', nullable: true })
  outletBranchId: string | null;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;

  @ManyToOne('BranchEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'outlet_branch_id' })
  outletRef?: unknown;
}

/**
 * A booked mediation session. The database refuses two live sessions of one mediator, or in
 * one room, whose times overlap (exclusion constraints on the time range), so two people
 * booking at once cannot both win — except the sessions of one joint booking (a batch of
 * similar cases heard together), which share `joint_id` and the time.
 */
@Entity('mediation_sessions')
@Check('chk_mediation_sessions_channel', `channel IN ('phone', 'video', 'on_site')`)
@Check('chk_mediation_sessions_status', `status IN ('booked', 'waiting', 'in_progress', 'adjourned', 'concluded', 'cancelled', 'no_show')`)
@Check('chk_mediation_sessions_run', `ended_at IS NULL OR (began_at IS NOT NULL AND ended_at >= began_at)`)
@Check('chk_mediation_sessions_room', `(channel = 'on_site') = (room_id IS NOT NULL)`)
@Check('chk_mediation_sessions_span', `NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)`)
@Exclusion('excl_mediation_sessions_mediator', `USING gist ("mediator_id" WITH =, "during" WITH &&, (coalesce(joint_id, id)) WITH <>) WHERE (status <> 'cancelled')`)
@Exclusion('excl_mediation_sessions_room', `USING gist ("room_id" WITH =, "during" WITH &&, (coalesce(joint_id, id)) WITH <>) WHERE (room_id IS NOT NULL AND status <> 'cancelled')`)
@Index('idx_mediation_sessions_joint', ['jointId'], { where: `joint_id IS NOT NULL` })
@Index('idx_mediation_sessions_case', ['caseId', 'createdAt'])
@Index('idx_mediation_sessions_center_starts', ['centerId', 'startsAt'])
@Index('idx_mediation_sessions_institution_starts', ['institutionId', 'startsAt'])
export class MediationSessionEntity extends withTimestamps(CaseOwned) {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column('uuid')
  mediatorId: string;

  @Column({ type: 'uuid', nullable: true })
  roomId: string | null;

  @Column({ type: 'varchar', length: 12 })
  channel: string;

  /** The joint booking this session belongs to (类案批量: one hearing, one row per case), null for a case's own. */
  @Column({ type: 'uuid', nullable: true })
  jointId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'booked' })
  status: string;

  /** [start, end) — what the exclusion constraints compare. */
  @Column({ type: 'tstzrange' })
  during: string;

  /** Copies of the range's ends, for ordered indexes and plain reading. */
  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** Who takes part: consumer, bank representative, interpreter, family member… (no personal data beyond a role and a name). */
  @Column({ type: 'jsonb', default: [] })
  participants: { role: string; name: string }[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  statusReason: string | null;

  /** When the system wrote the reason (the outcome ended or cancelled it): its message key and params, for the reader's language. */
  @Column({ type: 'jsonb', nullable: true })
  statusReasonMessage: Record<string, unknown> | null;

  /** When the mediator opened the waiting room (check-in), began and ended the session itself. */
  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  beganAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** An adjourned session points at the one booked for the next date. */
  @Column({ type: 'uuid', nullable: true })
  nextSessionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mediator_id' })
  mediatorRef?: unknown;

  @ManyToOne('MediationRoomEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id' })
  roomRef?: unknown;
}

/** A party's answer to a booked time: the bank in the portal, the consumer through their link. */
@Entity('session_confirmations')
@Check('chk_session_confirmations_party', `party IN ('bank', 'consumer')`)
@Check('chk_session_confirmations_answer', `answer IN ('confirmed', 'other_time_requested')`)
@Index('uq_session_confirmations_session_party', ['sessionId', 'party'], { unique: true })
export class SessionConfirmationEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column({ type: 'varchar', length: 12 })
  party: 'bank' | 'consumer';

  @Column({ type: 'varchar', length: 24 })
  answer: 'confirmed' | 'other_time_requested';

  /** The session's start the answer was given for: a reschedule asks again. */
  @Column({ type: 'timestamptz' })
  forStartsAt: Date;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 100 })
  actorName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @ManyToOne('MediationSessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  sessionRef?: unknown;
}

/**
 * A consumer's way in without an account (DOMAIN.md "Consumer"): a link whose token is stored
 * only as a hash, a one-time code sent to their phone, and a short access token after the code.
 */
@Entity('consumer_links')
@Index('uq_consumer_links_token', ['tokenHash'], { unique: true })
@Index('uq_consumer_links_access', ['accessHash'], { unique: true })
@Index('idx_consumer_links_session', ['sessionId'])
@Check('chk_consumer_links_counts', `attempts >= 0 AND code_sends >= 0`)
@Check(
  'chk_consumer_links_purpose',
  `purpose IN ('session','signing','survey','consent','extension') AND (purpose = 'session') = (session_id IS NOT NULL) AND (purpose = 'signing') = (document_id IS NOT NULL) AND (purpose = 'consent') = (institution_id IS NOT NULL)`,
)
@Index('idx_consumer_links_case_purpose', ['caseId', 'purpose'])
export class ConsumerLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  /** What the link opens: a session to confirm and join, a document to sign, the follow-up survey, an extension to agree to. */
  @Column({ type: 'varchar', length: 12, default: 'session' })
  purpose: ConsumerLinkPurpose;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  /** The document a signing link is for (case_documents; no foreign key across libs' tables). */
  @Column({ type: 'uuid', nullable: true })
  documentId: string | null;

  @Column('uuid')
  centerId: string;

  /** A consent link is the bank's (its branch sends it before the center sees the referral). */
  @Column({ type: 'uuid', nullable: true })
  institutionId: string | null;

  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'bytea', nullable: true })
  codeHash: Buffer | null;

  @Column({ type: 'timestamptz', nullable: true })
  codeExpiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  codeSentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  codeSends: number;

  /** Wrong codes entered; the link locks at the limit. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'bytea', nullable: true })
  accessHash: Buffer | null;

  @Column({ type: 'timestamptz', nullable: true })
  accessExpiresAt: Date | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne('MediationSessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  sessionRef?: unknown;
}


/**
 * An extension of the mediation clock (30 days from the first session, extendable once by up to
 * 30 more with both parties' agreement: DOMAIN.md "Tracks and time limits"). The center proposes
 * it; the bank agrees in the portal and the consumer through a link with a one-time code; when
 * both have, it takes effect and the case's mediation due day moves. One per case that is not
 * withdrawn (the partial unique index): a second is refused.
 */
@Entity('case_extensions')
@Index('uq_case_extensions_live', ['caseId'], { unique: true, where: `status IN ('pending', 'agreed')` })
@Index('idx_case_extensions_center', ['centerId', 'createdAt'])
@Check('chk_case_extensions_days', `days BETWEEN 1 AND 30`)
@Check('chk_case_extensions_status', `status IN ('pending', 'agreed', 'declined', 'withdrawn')`)
@Check('chk_case_extensions_declined', `(status = 'declined') = (declined_at IS NOT NULL AND declined_by IN ('institution', 'consumer'))`)
@Check('chk_case_extensions_agreed', `(status = 'agreed') = (institution_agreed_at IS NOT NULL AND consumer_agreed_at IS NOT NULL AND agreed_at IS NOT NULL)`)
export class CaseExtensionEntity extends withTimestamps(CaseOwned) {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column('int')
  days: number;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: 'pending' | 'agreed' | 'declined' | 'withdrawn';

  @Column({ type: 'uuid', nullable: true })
  proposedBy: string | null;

  /** The mediation due day before, and the one it becomes once both agree. */
  @Column('date')
  previousDueOn: string;

  @Column('date')
  newDueOn: string;

  @Column({ type: 'timestamptz', nullable: true })
  institutionAgreedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  institutionAgreedBy: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  institutionAgreedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  consumerAgreedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  agreedAt: Date | null;

  /** Either party's no ends the proposal; nothing on the case changes. */
  @Column({ type: 'timestamptz', nullable: true })
  declinedAt: Date | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  declinedBy: 'institution' | 'consumer' | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  declineNote: string | null;

  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;
}

export const schedulingEntities = [ConsumerLinkEntity, MediatorWorkingHoursEntity, MediatorAbsenceEntity, MediationRoomEntity, MediationSessionEntity, SessionConfirmationEntity, CaseExtensionEntity];

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { BusinessLine, CaseSource, CaseStatus, Channel, DisputeType, IdDocumentType, Outcome, RejectReason, Track } from '@accord/contracts';
import { Timestamped } from '@accord/core/database/timestamps';

/**
 * A mediation case (调解案件), from the referral's draft to its close. The consumer's personal
 * data lives only in `consumer_sealed` (AES-256-GCM, key id beside it); lists read the masked
 * copies and searches the keyed hashes, so nothing identifying is stored in clear.
 *
 * Every index, with the query that needs it (issue 21 checked each against the code: none is
 * unused, so filing still writes ~14 index entries for a submitted referral — the partial ones
 * of later states it skips):
 *  uq_cases_center_number      the case number's uniqueness; look-up by number (case.repository)
 *  uq_cases_idempotency        the filing's Idempotency-Key look-up and its race (filing.repository)
 *  idx_cases_intake_queue      the intake queue, ?view=intake (case.repository list)
 *  idx_cases_intake_due, idx_cases_first_session_due  home pages' clocks about to breach (?dueBy=)
 *  idx_cases_center_updated    a center's list in its default order (no status filter)
 *  idx_cases_center_status_updated  a center's list filtered by status (the settled credit-card list)
 *  idx_cases_institution_updated    a bank's list
 *  idx_cases_branch_level{2,3,4}_updated  a pinned branch user's list (subtree by ancestor column)
 *  idx_cases_mediator_updated, idx_cases_mediator_open  a mediator's list; open caseload for assignment
 *  idx_cases_center_phone_hash, idx_cases_center_id_hash  search by phone / ID number; the filing's
 *                              repeat-application check (filing.repository repeat())
 *  idx_cases_erasure_due       personal-data retention job (personal-data.repository)
 *  idx_cases_branch_{submitted,accepted,concluded}  the statistics roll-up's per-branch day recount
 *  idx_cases_center_concluded, idx_cases_institution_concluded  the statistics export's case list
 */
@Entity('cases')
@Check('chk_cases_status', `status IN ('draft','submitted','returned','rejected','accepted','assigned','scheduled','in_session','adjourned','settled','not_settled','withdrawn','terminated','closed')`)
@Check('chk_cases_track', `track IN ('small_claims','simple','normal','complex')`)
@Check('chk_cases_source', `source IN ('branch_referral','regulator_referral','self_application','court_entrusted')`)
@Check('chk_cases_amount', `amount_fen >= 0`)
@Check('chk_cases_extension_days', `mediation_extension_days BETWEEN 0 AND 30`)
@Check('chk_cases_number', `(status = 'draft') = (case_number IS NULL)`)
@Check('chk_cases_consent', `status = 'draft' OR consent_at IS NOT NULL`)
@Check('chk_cases_consent_state', `consent_state IS NULL OR consent_state IN ('awaiting','given','declined','expired')`)
@Check('chk_cases_consent_by_link', `status = 'draft' OR consent_state IS NULL OR consent_state = 'given'`)
@Check('chk_cases_complete', `status = 'draft' OR (business_line IS NOT NULL AND dispute_type IS NOT NULL AND (consumer_sealed IS NOT NULL OR consumer_erased_at IS NOT NULL) AND submitted_at IS NOT NULL)`)
@Check('chk_cases_mediator', `status NOT IN ('assigned','scheduled','in_session','adjourned') OR mediator_id IS NOT NULL`)
@Check('chk_cases_outcome', `outcome IS NULL OR outcome IN ('settled','not_settled','withdrawn','terminated')`)
@Check('chk_cases_concluded', `(outcome IS NULL) = (concluded_at IS NULL) AND (settled_amount_fen = 0 OR outcome = 'settled') AND settled_amount_fen >= 0`)
@Index('uq_cases_center_number', ['centerId', 'caseNumber'], { unique: true })
@Index('uq_cases_idempotency', ['createdByOrganisationId', 'idempotencyKey'], { unique: true })
@Index('idx_cases_intake_queue', ['centerId', 'submittedAt', 'id'], {
  where: `status IN ('submitted','returned','accepted')`,
})
// The home pages' clocks about to breach (?dueBy=): the running clock's due day within the center.
@Index('idx_cases_intake_due', ['centerId', 'intakeDueOn'], { where: `status IN ('submitted','returned')` })
@Index('idx_cases_first_session_due', ['centerId', 'firstSessionDueOn'], { where: `status IN ('accepted','assigned')` })
@Index('idx_cases_mediation_due', ['centerId', 'mediationDueOn'], { where: `status IN ('scheduled','in_session','adjourned') AND mediation_due_on IS NOT NULL` })
@Index('idx_cases_center_updated', ['centerId', 'updatedAt', 'id'])
@Index('idx_cases_center_status_updated', ['centerId', 'status', 'updatedAt', 'id'])
@Index('idx_cases_institution_updated', ['institutionId', 'updatedAt', 'id'])
@Index('idx_cases_branch_level2_updated', ['branchLevel2Id', 'updatedAt', 'id'], { where: `branch_level2_id IS NOT NULL` })
@Index('idx_cases_branch_level3_updated', ['branchLevel3Id', 'updatedAt', 'id'], { where: `branch_level3_id IS NOT NULL` })
@Index('idx_cases_branch_level4_updated', ['branchLevel4Id', 'updatedAt', 'id'], { where: `branch_level4_id IS NOT NULL` })
@Index('idx_cases_mediator_updated', ['mediatorId', 'updatedAt', 'id'], { where: `mediator_id IS NOT NULL` })
@Index('idx_cases_mediator_open', ['mediatorId', 'status'], { where: `status IN ('assigned','scheduled','in_session','adjourned')` })
@Index('idx_cases_center_phone_hash', ['centerId', 'consumerPhoneHash'])
@Index('idx_cases_center_id_hash', ['centerId', 'consumerIdHash'])
@Index('idx_cases_erasure_due', ['centerId'], { where: `status IN ('closed', 'rejected') AND consumer_erased_at IS NULL` })
// The statistics roll-up recounts one branch's day from these (libs/statistics).
@Index('idx_cases_branch_submitted', ['branchId', 'submittedAt'], { where: `submitted_at IS NOT NULL` })
@Index('idx_cases_branch_accepted', ['branchId', 'acceptedAt'], { where: `accepted_at IS NOT NULL` })
@Index('idx_cases_branch_concluded', ['branchId', 'concludedAt'], { where: `concluded_at IS NOT NULL` })
// The statistics export's case list: a center's or an institution's cases concluded in a period, in order.
@Index('idx_cases_center_concluded', ['centerId', 'concludedAt', 'id'], { where: `concluded_at IS NOT NULL` })
@Index('idx_cases_institution_concluded', ['institutionId', 'concludedAt', 'id'], { where: `concluded_at IS NOT NULL` })
export class CaseEntity extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centerId: string;

  /** The respondent institution and the branch that handled the complaint. */
  @Column('uuid')
  institutionId: string;

  @Column('uuid')
  branchId: string;

  /** Copy of the branch's materialised path: a pinned user's subtree is one prefix match. */
  @Column({ type: 'text' })
  branchPath: string;

  /**
   * The branch's ancestors at depths 2–4 of the tree (head office = 1; the branch itself when it
   * sits at that depth). A user pinned to a branch at depth N reads `branch_levelN_id = pinned`:
   * an ordered index walk, where a path prefix match can only be filtered and sorted.
   */
  @Column({ type: 'uuid', nullable: true })
  branchLevel2Id: string | null;

  @Column({ type: 'uuid', nullable: true })
  branchLevel3Id: string | null;

  @Column({ type: 'uuid', nullable: true })
  branchLevel4Id: string | null;

  /** Who filed it (an institution, or a regulator for 监管转办): idempotency keys are theirs. */
  @Column('uuid')
  createdByOrganisationId: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByApiKeyId: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the request that used the key: the same key with another body is refused. */
  @Column({ type: 'bytea', nullable: true })
  idempotencyHash: Buffer | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  caseNumber: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: CaseStatus;

  @Column({ type: 'varchar', length: 16 })
  track: Track;

  @Column({ type: 'varchar', length: 24 })
  source: CaseSource;

  @Column({ type: 'varchar', length: 24, nullable: true })
  businessLine: BusinessLine | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  disputeType: DisputeType | null;

  @Column({ type: 'bigint', default: 0 })
  amountFen: string;

  @Column({ type: 'text', default: '' })
  facts: string;

  @Column({ type: 'text', default: '' })
  claims: string;

  @Column({ type: 'text', default: '' })
  bankPosition: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  priorComplaintRef: string | null;

  /** When the bank first received the complaint: its own 15/30/60-day clock runs from here. */
  @Column({ type: 'date', nullable: true })
  complaintReceivedOn: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  preferredChannel: Channel | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  preferredTimes: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  consentAt: Date | null;

  /** How consent was given (signed form, recorded call, online confirmation). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  consentNote: string | null;

  /**
   * The consumer's own answer by link (libs/consent keeps the evidence): awaiting, given, or the
   * draft closed for good (declined, expired). Null when consent, if any, was attested at the
   * counter. Kept here so the branch's lists can show and filter it.
   */
  @Column({ type: 'varchar', length: 12, nullable: true })
  consentState: 'awaiting' | 'given' | 'declined' | 'expired' | null;

  /** The mediator the consumer picked from those offered on their consent link (intake sees it when assigning). */
  @Column({ type: 'uuid', nullable: true })
  consumerChosenMediatorId: string | null;

  /** The branch user who attested the consumer's consent at the counter. */
  @Column({ type: 'uuid', nullable: true })
  consentAttestedBy: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  consumerIdType: IdDocumentType | null;

  @Column({ type: 'boolean', default: false })
  consumerNeedsAssistance: boolean;

  /** name, idNumber, phone, email as sealed JSON (key id + nonce + tag + ciphertext). */
  @Column({ type: 'bytea', nullable: true })
  consumerSealed: Buffer | null;

  /** When the retention job erased the consumer's identity (sealed, masked and hashed copies); null while it is held. */
  @Column({ type: 'timestamptz', nullable: true })
  consumerErasedAt: Date | null;

  @Column({ type: 'varchar', length: 40, default: '' })
  consumerNameMasked: string;

  @Column({ type: 'varchar', length: 24, default: '' })
  consumerPhoneMasked: string;

  @Column({ type: 'varchar', length: 40, default: '' })
  consumerIdMasked: string;

  /** HMAC-SHA256 with the configured search key: exact search without clear text. */
  @Column({ type: 'bytea', nullable: true })
  consumerPhoneHash: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  consumerIdHash: Buffer | null;

  @Column({ type: 'uuid', nullable: true })
  mediatorId: string | null;

  /** Snapshot: a bank reads the mediator's name without reading the center's users. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  mediatorName: string | null;

  @Column({ type: 'uuid', nullable: true })
  possibleRepeatOf: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  rejectReason: RejectReason | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  /**
   * The outcome, kept after the case is closed (its status then says `closed`): statistics read
   * it, with the day it was reached and what the consumer obtained (refund + fee waiver, fen).
   */
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: Outcome | null;

  @Column({ type: 'timestamptz', nullable: true })
  concludedAt: Date | null;

  @Column({ type: 'bigint', default: 0 })
  settledAmountFen: string;

  /** Clocks in working days of the center's calendar, computed when they start. */
  @Column({ type: 'date', nullable: true })
  intakeDueOn: string | null;

  @Column({ type: 'date', nullable: true })
  firstSessionDueOn: string | null;

  /**
   * The mediation clock (30 days from the first session, DOMAIN.md): the day the first session
   * began, and the due day — 30 days on (plus an extension both parties agreed to), moved to the
   * next working day of the center's calendar when it falls on a holiday or weekend.
   */
  @Column({ type: 'date', nullable: true })
  mediationStartedOn: string | null;

  @Column({ type: 'date', nullable: true })
  mediationDueOn: string | null;

  /** Days of the agreed extension (0: none). */
  @Column({ type: 'int', default: 0 })
  mediationExtensionDays: number;

  /** A clock that could not be computed says why (CALENDAR_YEAR_MISSING). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  clockProblem: string | null;

  // Relations only for the foreign keys (other libs' entities are referenced by name).
  @ManyToOne('OrganisationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
  @ManyToOne('OrganisationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institutionRef?: unknown;
  @ManyToOne('BranchEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'branch_id' })
  branchRef?: unknown;
  @ManyToOne('OrganisationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_organisation_id' })
  createdByOrganisationRef?: unknown;
  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdByUserRef?: unknown;
  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mediator_id' })
  mediatorRef?: unknown;
  @ManyToOne('CaseEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'possible_repeat_of' })
  possibleRepeatRef?: unknown;

  /** Optimistic concurrency for edits of drafts and returned referrals. */
  @Column({ type: 'int', default: 1 })
  version: number;
}

import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentDeclineReason, ConsentState } from '@accord/contracts';

/**
 * One request for a consumer's own consent to a referral, and its evidence (PIPL art. 14, 23: a
 * separate, informed consent to give their data to the center): the exact text they read (its
 * version, language and SHA-256, and the text itself), when, from which device and address, after
 * a one-time code to the phone on the referral. The bank's (RLS by institution and branch); the
 * center reads it once the consent is given, as the referral's proof.
 */
@Entity('consent_requests')
@Check('chk_consent_requests_state', `state IN ('awaiting','given','declined','expired','cancelled')`)
@Check('chk_consent_requests_answered', `state IN ('awaiting','cancelled') OR answered_at IS NOT NULL`)
@Check('chk_consent_requests_given', `state <> 'given' OR (text_sha256 IS NOT NULL AND text IS NOT NULL)`)
@Index('idx_consent_requests_case', ['caseId', 'requestedAt'])
// The expiry sweep: the waiting requests, by when they run out.
@Index('idx_consent_requests_due', ['expiresAt'], { where: `state = 'awaiting'` })
// One waiting request per draft: asking again cancels the one before.
@Index('uq_consent_requests_awaiting', ['caseId'], { unique: true, where: `state = 'awaiting'` })
export class ConsentRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column('uuid')
  centerId: string;

  @Column('uuid')
  institutionId: string;

  /** The draft's branch path (a pinned user sees its subtree's requests). */
  @Column({ type: 'text' })
  branchPath: string;

  /** The consumer link (scheduling's consumer_links) the answer must come through. */
  @Column('uuid')
  linkId: string;

  @Column({ type: 'varchar', length: 12, default: 'awaiting' })
  state: ConsentState;

  @Column({ type: 'varchar', length: 24 })
  sentToMasked: string;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  declineReason: ConsentDeclineReason | null;

  /** The consumer's own words when they declined for another reason. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  declineNote: string | null;

  @Column({ type: 'varchar', length: 24 })
  textVersion: string;

  @Column({ type: 'varchar', length: 5, nullable: true })
  language: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'bytea', nullable: true })
  textSha256: Buffer | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  device: string | null;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;
}

import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CaseOwned } from '@accord/core/database/case-owned';
import type { DocumentKind, DocumentStatus, JudicialResult, ObligationParty, ObligationStatus, Outcome, OtherRoute, SignatureParty, TerminationReason } from '@accord/contracts';

/**
 * What a mediation ended in and what follows (DOMAIN.md "Outcome" … "Follow-up"). Every row
 * carries the case's owners (CaseOwned) so RLS reads it like the case.
 */
@Entity('case_outcomes')
@Check('chk_case_outcomes_outcome', `outcome IN ('settled','not_settled','withdrawn','terminated')`)
@Check('chk_case_outcomes_amounts', `refund_fen >= 0 AND fee_waiver_fen >= 0 AND (instalment_total_fen IS NULL OR instalment_total_fen > 0)`)
@Check('chk_case_outcomes_instalment', `(instalment_total_fen IS NULL) = (instalment_count IS NULL) AND (instalment_count IS NULL) = (instalment_first_due_on IS NULL) AND (instalment_count IS NULL OR instalment_count BETWEEN 1 AND 120)`)
@Check('chk_case_outcomes_terms', `outcome = 'settled' OR (refund_fen = 0 AND fee_waiver_fen = 0 AND instalment_total_fen IS NULL AND free_terms = '')`)
@Check('chk_case_outcomes_not_settled', `(outcome = 'not_settled') = (not_settled_reason IS NOT NULL)`)
@Check('chk_case_outcomes_terminated', `(outcome = 'terminated') = (termination_reason IS NOT NULL)`)
@Check('chk_case_outcomes_termination_reason', `termination_reason IS NULL OR termination_reason IN ('time_limit','no_show','litigation_started','party_refused','other')`)
export class CaseOutcomeEntity extends CaseOwned {
  @PrimaryColumn('uuid')
  caseId: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: Outcome;

  @Column({ type: 'bigint', default: 0 })
  refundFen: string;

  @Column({ type: 'bigint', default: 0 })
  feeWaiverFen: string;

  @Column({ type: 'bigint', nullable: true })
  instalmentTotalFen: string | null;

  @Column({ type: 'int', nullable: true })
  instalmentCount: number | null;

  @Column({ type: 'date', nullable: true })
  instalmentFirstDueOn: string | null;

  @Column({ type: 'text', default: '' })
  freeTerms: string;

  @Column({ type: 'text', nullable: true })
  notSettledReason: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  otherRoutes: OtherRoute[];

  @Column({ type: 'varchar', length: 24, nullable: true })
  terminationReason: TerminationReason | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'varchar', length: 100 })
  recordedByName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;

  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;
}

/** One obligation of a settlement: who owes what by when, tracked to performed or overdue. */
@Entity('case_obligations')
@Check('chk_case_obligations_owed_by', `owed_by IN ('institution','consumer')`)
@Check('chk_case_obligations_status', `status IN ('due','performed','overdue')`)
@Check('chk_case_obligations_performed', `(status = 'performed') = (performed_at IS NOT NULL)`)
@Check('chk_case_obligations_amount', `amount_fen IS NULL OR amount_fen >= 0`)
@Index('uq_case_obligations_position', ['caseId', 'position'], { unique: true })
@Index('idx_case_obligations_open_due', ['dueOn', 'id'], { where: `status <> 'performed'` })
@Index('idx_case_obligations_institution_due', ['institutionId', 'dueOn'])
@Index('idx_case_obligations_center_due', ['centerId', 'dueOn'])
export class CaseObligationEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  owedBy: ObligationParty;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ type: 'bigint', nullable: true })
  amountFen: string | null;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 12, default: 'due' })
  status: ObligationStatus;

  @Column({ type: 'timestamptz', nullable: true })
  performedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  performedBy: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  evidenceNote: string | null;

  /** A file of the case (a transfer receipt, a letter) that proves it: one of its attachments. */
  @Column({ type: 'uuid', nullable: true })
  evidenceAttachmentId: string | null;

  /** When the owing institution was reminded before the due date, and the center told after it. */
  @Column({ type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;

  @ManyToOne('CaseAttachmentEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evidence_attachment_id' })
  evidenceAttachmentRef?: unknown;
}

/**
 * A generated document of the case: the agreement (调解协议书) or the termination notice
 * (终止调解告知书). Reviewed as a draft, signed party by party, then frozen: the signed PDF's
 * SHA-256 is stored and a trigger refuses any later change to a signed row.
 */
@Entity('case_documents')
@Check('chk_case_documents_kind', `kind IN ('agreement','termination_notice')`)
@Check('chk_case_documents_status', `status IN ('draft','signing','signed','superseded')`)
@Check('chk_case_documents_signed', `(status = 'signed') = (sha256 IS NOT NULL AND signed_file_key IS NOT NULL AND signed_at IS NOT NULL)`)
@Index('uq_case_documents_version', ['caseId', 'kind', 'version'], { unique: true })
@Index('uq_case_documents_live', ['caseId', 'kind'], { unique: true, where: `status <> 'superseded'` })
@Index('uq_case_documents_sha256', ['sha256'], { unique: true, where: `sha256 IS NOT NULL` })
export class CaseDocumentEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: DocumentKind;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status: DocumentStatus;

  /** The PDF shown for review and signed against (without the signature block). */
  @Column({ type: 'varchar', length: 200 })
  draftFileKey: string;

  /** What the document says as reviewed (the terms at generation): the signed PDF is rendered from it. */
  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  /** The final PDF with every signature: its bytes are what `sha256` is of. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  signedFileKey: string | null;

  @Column({ type: 'bytea', nullable: true })
  sha256: Buffer | null;

  @Column({ type: 'int', nullable: true })
  sizeBytes: number | null;

  /** When the last signature was given: the agreement takes effect on this day. */
  @Column({ type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne('CaseEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;
}

/** One party's signature on a document: the bank in the portal, the consumer by link, the mediator. */
@Entity('document_signatures')
@Check('chk_document_signatures_party', `party IN ('institution','consumer','mediator')`)
@Check('chk_document_signatures_via', `via IN ('portal','consumer_link')`)
@Index('uq_document_signatures_party', ['documentId', 'party'], { unique: true })
export class DocumentSignatureEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  documentId: string;

  @Column({ type: 'varchar', length: 16 })
  party: SignatureParty;

  @Column({ type: 'varchar', length: 100 })
  signerName: string;

  @Column({ type: 'uuid', nullable: true })
  signerUserId: string | null;

  @Column({ type: 'varchar', length: 16 })
  via: 'portal' | 'consumer_link';

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  signedAt: Date;

  @ManyToOne('CaseDocumentEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  documentRef?: unknown;
}

/** Judicial confirmation (司法确认): whether the parties apply, where, when, and the court's answer. */
@Entity('judicial_confirmations')
@Check('chk_judicial_confirmations_result', `result IS NULL OR result IN ('pending','confirmed','refused')`)
@Check('chk_judicial_confirmations_applied', `applying IS NOT TRUE OR (court IS NOT NULL AND applied_on IS NOT NULL AND result IS NOT NULL)`)
@Check('chk_judicial_confirmations_result_on', `(result_on IS NOT NULL) = (result IN ('confirmed','refused'))`)
@Index('idx_judicial_confirmations_window', ['windowEndsOn'], { where: `applying IS NULL` })
export class JudicialConfirmationEntity extends CaseOwned {
  @PrimaryColumn('uuid')
  caseId: string;

  /** The agreement took effect on `effectiveOn`; the joint application must reach a court by `windowEndsOn`. */
  @Column({ type: 'date' })
  effectiveOn: string;

  @Column({ type: 'date' })
  windowEndsOn: string;

  /** null until the parties decide; false when they decline. */
  @Column({ type: 'boolean', nullable: true })
  applying: boolean | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  court: string | null;

  @Column({ type: 'date', nullable: true })
  appliedOn: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  result: JudicialResult | null;

  @Column({ type: 'date', nullable: true })
  resultOn: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;
}

/** The follow-up survey (回访) after conclusion: satisfaction 1–5 and a comment, once. */
@Entity('follow_up_surveys')
@Check('chk_follow_up_surveys_satisfaction', `satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5`)
@Check('chk_follow_up_surveys_answered', `(answered_at IS NULL) = (satisfaction IS NULL)`)
@Index('idx_follow_up_surveys_center_answered', ['centerId', 'answeredAt'])
@Index('idx_follow_up_surveys_mediator', ['mediatorId', 'answeredAt'])
export class FollowUpSurveyEntity extends CaseOwned {
  @PrimaryColumn('uuid')
  caseId: string;

  /** The mediator who concluded the case: answers are read per mediator. */
  @Column({ type: 'uuid', nullable: true })
  mediatorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'smallint', nullable: true })
  satisfaction: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment: string | null;

  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRef?: unknown;
}

export const outcomeEntities = [CaseOutcomeEntity, CaseObligationEntity, CaseDocumentEntity, DocumentSignatureEntity, JudicialConfirmationEntity, FollowUpSurveyEntity];

import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { caseRooms, SIGNATURE_PARTIES } from '@accord/contracts';
import type {
  BusinessLine,
  CaseDocumentView,
  DisputeType,
  ConsumerDocumentView,
  DocumentKind,
  DocumentStatus,
  DocumentVerification,
  OtherRoute,
  SettlementTerms,
  SignatureParty,
  TerminationReason,
} from '@accord/contracts';
import { AuditService, ConflictError, Database, DomainError, FileStorage, hasRole, NotFoundError, OutboxService, PiiVault, shanghaiDate, SYSTEM_SCOPE } from '@accord/core';
import { CaseService } from '@accord/cases';
import { ConsumerLinkService } from '@accord/scheduling';
import { JudicialService } from './judicial.service';
import { DOCUMENT_TITLES, renderDocumentPdf, type AgreementInput, type DocumentInput, type SignatureRecord, type TerminationNoticeInput } from '../documents/document-pdf';

const DocumentNotFound = () => new NotFoundError('Document', 'DOCUMENT_NOT_FOUND');
const OutcomeMissing = (kind: DocumentKind, outcome: string | null) =>
  new ConflictError('OUTCOME_DOES_NOT_FIT', kind === 'agreement' ? 'An agreement is drawn up for a settled case only' : 'A termination notice is issued for a case not settled or terminated', {
    kind,
    outcome,
  });
const SigningStarted = () => new ConflictError('DOCUMENT_SIGNING_STARTED', 'Someone has signed this document already: it can no longer be regenerated');
const DocumentSigned = () => new ConflictError('DOCUMENT_SIGNED', 'The document is signed and frozen');
const DocumentSuperseded = () => new ConflictError('DOCUMENT_SUPERSEDED', 'A newer version of this document replaced it');
const OutOfOrder = (nextParty: SignatureParty | null, party: SignatureParty) =>
  new ConflictError('SIGNATURE_OUT_OF_ORDER', `It is the ${nextParty ?? 'nobody'}'s turn to sign, not the ${party}'s`, { nextParty, party });
const NotTheSigner = () => new DomainError('NOT_THE_SIGNER', 403, 'Only the respondent bank’s representative or the assigned mediator signs this document');

/** A settled case's agreement needs all three; a termination notice is the mediator's alone. */
const partiesOf = (kind: DocumentKind): SignatureParty[] => (kind === 'agreement' ? [...SIGNATURE_PARTIES] : ['mediator']);

/** 7 days to sign through the SMS link. */
const SIGNING_LINK_TTL_MS = 7 * 86400_000;
/** The consumer's copy of a signed document stays reachable for the judicial window and after. */
const COPY_LINK_TTL_MS = 90 * 86400_000;

interface DocumentRow {
  id: string;
  caseId: string;
  centerId: string;
  institutionId: string;
  branchPath: string;
  kind: DocumentKind;
  version: number;
  status: DocumentStatus;
  draftFileKey: string;
  signedFileKey: string | null;
  sha256: Buffer | null;
  sizeBytes: number | null;
  signedAt: Date | null;
  createdAt: Date;
  content: (Omit<AgreementInput, 'consumerName'> | Omit<TerminationNoticeInput, 'consumerName'>) & { issuedAt: string; version: number };
}

interface SignatureRow {
  documentId: string;
  party: SignatureParty;
  signerName: string;
  signerUserId: string | null;
  via: 'portal' | 'consumer_link';
  signedAt: Date;
}

const DOC_COLUMNS = `d.id, d.case_id AS "caseId", d.center_id AS "centerId", d.institution_id AS "institutionId", d.branch_path AS "branchPath",
  d.kind, d.version, d.status, d.draft_file_key AS "draftFileKey", d.signed_file_key AS "signedFileKey", d.sha256, d.size_bytes AS "sizeBytes",
  d.signed_at AS "signedAt", d.created_at AS "createdAt", d.content`;

type Signer = { kind: 'staff'; party: SignatureParty; userId: string } | { kind: 'consumer'; linkId: string };

/**
 * The case's documents (DOMAIN.md "Outcome"): the mediation agreement of a settled case and the
 * termination notice of one that failed. The center generates a draft from the recorded
 * outcome; the parties sign in order (the bank, the consumer by SMS link, the mediator last);
 * the last signature renders the signed original with its signature record, stores its SHA-256
 * and freezes the row (a trigger refuses any later change). Anyone can verify a file by its hash.
 */
@Injectable()
export class DocumentService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
    private readonly vault: PiiVault,
    private readonly storage: FileStorage,
    private readonly links: ConsumerLinkService,
    private readonly judicial: JudicialService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  // ── The center ─────────────────────────────────────────────────────────────────────────

  /** A new draft from the case's outcome; the draft before it (nobody signed yet) is superseded. */
  async generate(caseId: string, kind: DocumentKind): Promise<CaseDocumentView> {
    const c = await this.cases.visible(caseId);
    if (this.db.scope.kind !== 'center' || !(hasRole(this.db.scope, 'center_admin') || c.mediatorId === this.db.scope.userId)) throw NotTheSigner();
    const [outcome] = (await this.db.manager.query(
      `SELECT outcome, refund_fen::float8 AS "refundFen", fee_waiver_fen::float8 AS "feeWaiverFen", instalment_total_fen::float8 AS "instalmentTotalFen",
              instalment_count AS "instalmentCount", to_char(instalment_first_due_on, 'YYYY-MM-DD') AS "instalmentFirstDueOn", free_terms AS "freeTerms",
              not_settled_reason AS "notSettledReason", other_routes AS "otherRoutes", termination_reason AS "terminationReason"
       FROM case_outcomes WHERE case_id = $1`,
      [caseId],
    )) as {
      outcome: string;
      refundFen: number;
      feeWaiverFen: number;
      instalmentTotalFen: number | null;
      instalmentCount: number | null;
      instalmentFirstDueOn: string | null;
      freeTerms: string;
      notSettledReason: string | null;
      otherRoutes: OtherRoute[];
      terminationReason: TerminationReason | null;
    }[];
    const fits = kind === 'agreement' ? outcome?.outcome === 'settled' : outcome?.outcome === 'not_settled' || outcome?.outcome === 'terminated';
    if (!outcome || !fits) throw OutcomeMissing(kind, outcome?.outcome ?? null);

    const [live] = (await this.db.manager.query(
      `SELECT ${DOC_COLUMNS}, EXISTS (SELECT 1 FROM document_signatures s WHERE s.document_id = d.id) AS "anySigned"
       FROM case_documents d WHERE d.case_id = $1 AND d.kind = $2 AND d.status <> 'superseded' FOR UPDATE`,
      [caseId, kind],
    )) as (DocumentRow & { anySigned: boolean })[];
    if (live && (live.anySigned || live.status !== 'draft')) throw live.status === 'signed' ? DocumentSigned() : SigningStarted();
    const [{ version }] = (await this.db.manager.query(`SELECT COALESCE(MAX(version), 0) + 1 AS version FROM case_documents WHERE case_id = $1 AND kind = $2`, [
      caseId,
      kind,
    ])) as { version: number }[];
    if (live) await this.db.manager.query(`UPDATE case_documents SET status = 'superseded' WHERE id = $1`, [live.id]);

    const obligations = (await this.db.manager.query(
      `SELECT owed_by AS "owedBy", description, amount_fen::float8 AS "amountFen", to_char(due_on, 'YYYY-MM-DD') AS "dueOn"
       FROM case_obligations WHERE case_id = $1 ORDER BY position`,
      [caseId],
    )) as SettlementTerms['obligations'];
    const facts = {
      caseNumber: c.caseNumber ?? '',
      centerName: c.centerName ?? '',
      institutionName: c.institutionName ?? '',
      branchName: c.branchName,
      mediatorName: c.mediatorName ?? '',
      businessLine: c.businessLine as BusinessLine | null,
      disputeType: c.disputeType as DisputeType | null,
      amountFen: c.amountFen === null ? null : Number(c.amountFen),
      facts: c.facts,
      claims: c.claims,
      version,
      issuedAt: new Date().toISOString(),
    };
    const content: DocumentRow['content'] =
      kind === 'agreement'
        ? {
            ...facts,
            kind,
            terms: {
              refundFen: outcome.refundFen,
              feeWaiverFen: outcome.feeWaiverFen,
              instalment:
                outcome.instalmentCount !== null
                  ? { totalFen: outcome.instalmentTotalFen!, count: outcome.instalmentCount, firstDueOn: outcome.instalmentFirstDueOn! }
                  : null,
              freeText: outcome.freeTerms,
              obligations,
            },
          }
        : {
            ...facts,
            kind,
            outcome: outcome.outcome as 'not_settled' | 'terminated',
            notSettledReason: outcome.notSettledReason,
            terminationReason: outcome.terminationReason,
            otherRoutes: outcome.otherRoutes,
          };
    const id = randomUUID();
    const key = `documents/${caseId}/${id}/draft`;
    try {
      await this.db.manager.query(
        `INSERT INTO case_documents (id, case_id, center_id, institution_id, branch_path, kind, version, status, draft_file_key, content, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10)`,
        [id, caseId, c.centerId, c.institutionId, c.branchPath, kind, version, key, JSON.stringify(content), this.db.scope.userId],
      );
    } catch (error) {
      // Two drafts at once: the other one won.
      if ((error as { code?: string }).code === '23505') throw new ConflictError('DOCUMENT_BEING_GENERATED', 'Another draft of this document was just generated');
      throw error;
    }
    const pdf = await renderDocumentPdf(await this.inputOf(content, c.id));
    // The row first, the bytes last: a failed write rolls the row back.
    await this.storage.put(key, pdf, 'application/pdf');
    await this.changed({ caseId, centerId: c.centerId, institutionId: c.institutionId, branchPath: c.branchPath, status: c.status }, 'document_generated');
    await this.audit.record({ action: 'document.generated', subjectType: 'case', subjectId: caseId, detail: { caseNumber: c.caseNumber, kind, version, documentId: id } });
    return (await this.list(caseId)).items.find((d) => d.id === id)!;
  }

  async list(caseId: string): Promise<{ items: CaseDocumentView[] }> {
    const c = await this.cases.visible(caseId);
    const docs = (await this.db.manager.query(`SELECT ${DOC_COLUMNS} FROM case_documents d WHERE d.case_id = $1 ORDER BY d.kind, d.version DESC`, [caseId])) as DocumentRow[];
    if (!docs.length) return { items: [] };
    const signatures = (await this.db.manager.query(
      `SELECT document_id AS "documentId", party, signer_name AS "signerName", signer_user_id AS "signerUserId", via, signed_at AS "signedAt"
       FROM document_signatures WHERE document_id = ANY($1::uuid[])`,
      [docs.map((d) => d.id)],
    )) as SignatureRow[];
    // The links are the center's business (the bank sees that the consumer signed, not the SMS).
    const links =
      this.db.scope.kind === 'center'
        ? ((await this.db.manager.query(
            `SELECT document_id AS "documentId", MAX(created_at) AS "sentAt" FROM consumer_links WHERE case_id = $1 AND purpose = 'signing' GROUP BY document_id`,
            [caseId],
          )) as { documentId: string; sentAt: Date }[])
        : [];
    const mine = this.partyOf(c.mediatorId);
    return {
      items: docs.map((d) => {
        const view = this.view(d, signatures.filter((s) => s.documentId === d.id));
        return {
          ...view,
          youMaySign: view.nextParty !== null && view.nextParty === mine,
          consumerLinkSentAt: links.find((l) => l.documentId === d.id)?.sentAt.toISOString() ?? null,
        };
      }),
    };
  }

  /** The draft for review, or the signed original once signed. */
  async pdf(caseId: string, documentId: string): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    const c = await this.cases.visible(caseId);
    const d = await this.find(caseId, documentId);
    await this.audit.record({ action: 'document.downloaded', subjectType: 'case', subjectId: caseId, detail: { caseNumber: c.caseNumber, documentId, status: d.status } });
    return this.file(d, c.caseNumber ?? '');
  }

  /** The bank's representative or the assigned mediator signs, when it is their turn. */
  async sign(caseId: string, documentId: string): Promise<CaseDocumentView> {
    const c = await this.cases.visible(caseId);
    const party = this.partyOf(c.mediatorId);
    if (!party) throw NotTheSigner();
    await this.signAs(await this.find(caseId, documentId, true), party, { kind: 'staff', party, userId: this.db.scope.userId! });
    return (await this.list(caseId)).items.find((d) => d.id === documentId)!;
  }

  /** The center sends the consumer the SMS link to read and sign the agreement. */
  async sendConsumerLink(caseId: string, documentId: string): Promise<{ linkId: string; expiresAt: Date }> {
    const c = await this.cases.visible(caseId);
    if (this.db.scope.kind !== 'center') throw DocumentNotFound();
    const d = await this.find(caseId, documentId, true);
    if (d.status === 'signed') throw DocumentSigned();
    if (d.status === 'superseded') throw DocumentSuperseded();
    const next = this.nextParty(d, await this.signaturesOf(d.id));
    if (next !== 'consumer') throw OutOfOrder(next, 'consumer');
    const sent = await this.links.sendFor({
      caseId,
      centerId: c.centerId,
      purpose: 'signing',
      documentId,
      expiresAt: new Date(Date.now() + SIGNING_LINK_TTL_MS),
      why: 'signing-link',
      sms: (url) => `【${c.centerName ?? ''}】您的${DOCUMENT_TITLES[d.kind]}已生成，请点击 ${url} 查看并签署（需短信验证码）。`,
    });
    await this.changed({ caseId, centerId: c.centerId, institutionId: c.institutionId, branchPath: c.branchPath, status: c.status }, 'document_link_sent');
    await this.audit.record({ action: 'document.consumer-link-sent', subjectType: 'case', subjectId: caseId, detail: { caseNumber: c.caseNumber, documentId } });
    return sent;
  }

  // ── The consumer (X-Consumer-Token from a signing link) ───────────────────────────────

  async consumerDocument(accessToken: string): Promise<ConsumerDocumentView> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const d = await this.consumerDoc(accessToken);
      return this.consumerView(d);
    });
  }

  async consumerPdf(accessToken: string): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const d = await this.consumerDoc(accessToken);
      const [c] = (await this.db.manager.query(`SELECT case_number AS "caseNumber" FROM cases WHERE id = $1`, [d.caseId])) as { caseNumber: string }[];
      return this.file(d, c.caseNumber);
    });
  }

  async consumerSign(accessToken: string, ip?: string): Promise<ConsumerDocumentView> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const access = await this.links.accessFor(accessToken, 'signing');
      if (!access.documentId) throw DocumentNotFound();
      const d = await this.find(access.caseId, access.documentId, true);
      await this.signAs(d, 'consumer', { kind: 'consumer', linkId: access.linkId });
      return this.consumerView(await this.find(access.caseId, access.documentId));
    }, { ip });
  }

  // ── Anyone: is this file a signed original? ───────────────────────────────────────────

  async verify(body: Buffer): Promise<DocumentVerification> {
    return this.verifyHash(createHash('sha256').update(body).digest('hex'));
  }

  async verifyHash(sha256hex: string): Promise<DocumentVerification> {
    const sha256 = sha256hex.toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(sha256)) return { valid: false, sha256 };
    return this.db.run(SYSTEM_SCOPE, async () => {
      const [d] = (await this.db.manager.query(
        `SELECT d.id, d.kind, d.signed_at AS "signedAt", c.case_number AS "caseNumber", o.name AS "centerName", c.consumer_name_masked AS "consumerName"
         FROM case_documents d JOIN cases c ON c.id = d.case_id JOIN organisations o ON o.id = d.center_id
         WHERE d.sha256 = $1 AND d.status = 'signed'`,
        [Buffer.from(sha256, 'hex')],
      )) as { id: string; kind: DocumentKind; signedAt: Date; caseNumber: string; centerName: string; consumerName: string }[];
      if (!d) return { valid: false, sha256 };
      const signatures = await this.signaturesOf(d.id);
      return {
        valid: true,
        sha256,
        kind: d.kind,
        caseNumber: d.caseNumber,
        centerName: d.centerName,
        signedAt: d.signedAt.toISOString(),
        signatures: signatures.map((s) => ({ party: s.party, name: s.party === 'consumer' ? d.consumerName : s.signerName, signedAt: s.signedAt.toISOString() })),
      };
    });
  }

  // ── Signing ───────────────────────────────────────────────────────────────────────────

  /**
   * One signature, in the caller's transaction (the document row is locked). The last one
   * renders the signed original from the reviewed content, stores it with its hash and size,
   * freezes the row and, for an agreement, starts the judicial-confirmation window.
   */
  private async signAs(d: DocumentRow, party: SignatureParty, signer: Signer): Promise<void> {
    if (d.status === 'signed') throw DocumentSigned();
    if (d.status === 'superseded') throw DocumentSuperseded();
    const before = await this.signaturesOf(d.id);
    const next = this.nextParty(d, before);
    if (next !== party) throw OutOfOrder(next, party);
    const [c] = (await this.db.manager.query(`SELECT status, case_number AS "caseNumber", consumer_name_masked AS "consumerName" FROM cases WHERE id = $1`, [
      d.caseId,
    ])) as { status: string; caseNumber: string; consumerName: string }[];
    // The consumer's signature row carries the masked name: the full one stays sealed in the case.
    let signerName = c.consumerName;
    if (signer.kind === 'staff') {
      const [u] = (await this.db.manager.query(`SELECT display_name AS name FROM users WHERE id = $1`, [signer.userId])) as { name: string }[];
      signerName = u.name;
    }
    const [signature] = (await this.db.manager.query(
      `INSERT INTO document_signatures (document_id, center_id, institution_id, branch_path, party, signer_name, signer_user_id, via, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING signed_at AS "signedAt"`,
      [d.id, d.centerId, d.institutionId, d.branchPath, party, signerName, signer.kind === 'staff' ? signer.userId : null, signer.kind === 'staff' ? 'portal' : 'consumer_link', this.db.ip ?? null],
    )) as { signedAt: Date }[];
    const owners = { caseId: d.caseId, centerId: d.centerId, institutionId: d.institutionId, branchPath: d.branchPath, status: c.status };
    const last = this.nextParty(d, [...before, { party } as SignatureRow]) === null;
    if (!last) {
      await this.db.manager.query(`UPDATE case_documents SET status = 'signing' WHERE id = $1 AND status = 'draft'`, [d.id]);
    } else {
      const all = await this.signaturesOf(d.id);
      const input = await this.inputOf(d.content, d.caseId);
      const records: SignatureRecord[] = all.map((s) => ({ party: s.party, name: s.party === 'consumer' ? input.consumerName : s.signerName, via: s.via, signedAt: s.signedAt }));
      const pdf = await renderDocumentPdf(input, records);
      const sha256 = createHash('sha256').update(pdf).digest();
      // A fresh key per attempt: a transaction that failed after storing must not block the retry.
      const key = `documents/${d.caseId}/${d.id}/signed-${randomUUID()}`;
      await this.db.manager.query(
        `UPDATE case_documents SET status = 'signed', signed_file_key = $2, sha256 = $3, size_bytes = $4, signed_at = $5 WHERE id = $1`,
        [d.id, key, sha256, pdf.length, signature.signedAt],
      );
      if (d.kind === 'agreement') {
        await this.judicial.open({ id: d.caseId, centerId: d.centerId, institutionId: d.institutionId, branchPath: d.branchPath }, shanghaiDate(signature.signedAt));
      }
      await this.storage.put(key, pdf, 'application/pdf');
      await this.sendCopy(d);
    }
    await this.changed(owners, last ? 'document_signed' : 'document_signature');
    await this.audit.record({
      action: last ? 'document.signed' : 'document.signature',
      subjectType: 'case',
      subjectId: d.caseId,
      // Staff sign into their own organisation's trail; the consumer's step into the center's.
      organisationId: this.db.scope.kind === 'system' ? d.centerId : undefined,
      detail: { caseNumber: c.caseNumber, documentId: d.id, kind: d.kind, version: d.version, party, via: signer.kind === 'staff' ? 'portal' : 'consumer_link' },
    });
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────

  /**
   * The consumer's copy of what came into force: an SMS link (a document link, like signing's,
   * which shows a signed document read-only) to the signed original. A termination notice reaches
   * the consumer only this way: they never sign it.
   */
  private async sendCopy(d: DocumentRow): Promise<void> {
    const [c] = (await this.db.manager.query(`SELECT c.case_number AS "caseNumber", o.name AS "centerName" FROM cases c JOIN organisations o ON o.id = c.center_id WHERE c.id = $1`, [
      d.caseId,
    ])) as { caseNumber: string; centerName: string }[];
    const title = DOCUMENT_TITLES[d.kind];
    const what = d.kind === 'agreement' ? `${title}已由各方签署生效` : `调解中心已出具${title}`;
    await this.links.sendFor({
      caseId: d.caseId,
      centerId: d.centerId,
      purpose: 'signing',
      documentId: d.id,
      expiresAt: new Date(Date.now() + COPY_LINK_TTL_MS),
      why: 'document-copy',
      sms: (url) => `【${c.centerName}】您的案件 ${c.caseNumber} 的${what}，请点击 ${url} 查看并下载原件（需短信验证码，${COPY_LINK_TTL_MS / 86400_000} 天内有效）。`,
    });
  }

  /** Which party the signed-in caller signs for on this case, if any. */
  private partyOf(mediatorId: string | null): SignatureParty | null {
    const scope = this.db.scope;
    if (scope.kind === 'institution' && hasRole(scope, 'complaint_handler', 'branch_manager', 'institution_admin')) return 'institution';
    if (scope.kind === 'center' && mediatorId !== null && mediatorId === scope.userId) return 'mediator';
    return null;
  }

  private nextParty(d: Pick<DocumentRow, 'kind' | 'status'>, signatures: Pick<SignatureRow, 'party'>[]): SignatureParty | null {
    if (d.status === 'signed' || d.status === 'superseded') return null;
    return partiesOf(d.kind).find((p) => !signatures.some((s) => s.party === p)) ?? null;
  }

  private async find(caseId: string, documentId: string, forUpdate = false): Promise<DocumentRow> {
    const [d] = (await this.db.manager.query(`SELECT ${DOC_COLUMNS} FROM case_documents d WHERE d.id = $1 AND d.case_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
      documentId,
      caseId,
    ])) as DocumentRow[];
    if (!d) throw DocumentNotFound();
    return d;
  }

  private async signaturesOf(documentId: string): Promise<SignatureRow[]> {
    return (await this.db.manager.query(
      `SELECT document_id AS "documentId", party, signer_name AS "signerName", signer_user_id AS "signerUserId", via, signed_at AS "signedAt"
       FROM document_signatures WHERE document_id = $1 ORDER BY signed_at, party`,
      [documentId],
    )) as SignatureRow[];
  }

  private async consumerDoc(accessToken: string): Promise<DocumentRow> {
    const access = await this.links.accessFor(accessToken, 'signing');
    if (!access.documentId) throw DocumentNotFound();
    return this.find(access.caseId, access.documentId);
  }

  private async consumerView(d: DocumentRow): Promise<ConsumerDocumentView> {
    const [c] = (await this.db.manager.query(`SELECT c.case_number AS "caseNumber", o.name AS "centerName" FROM cases c JOIN organisations o ON o.id = c.center_id WHERE c.id = $1`, [
      d.caseId,
    ])) as { caseNumber: string; centerName: string }[];
    const view = this.view(d, await this.signaturesOf(d.id));
    return {
      caseNumber: c.caseNumber,
      centerName: c.centerName,
      kind: d.kind,
      version: d.version,
      status: d.status,
      nextParty: view.nextParty,
      signatures: view.signatures,
      yourSignatureAt: view.signatures.find((s) => s.party === 'consumer')?.signedAt ?? null,
      sha256: view.sha256,
    };
  }

  private view(d: DocumentRow, signatures: SignatureRow[]): Omit<CaseDocumentView, 'youMaySign' | 'consumerLinkSentAt'> {
    return {
      id: d.id,
      caseId: d.caseId,
      kind: d.kind,
      version: d.version,
      status: d.status,
      createdAt: d.createdAt.toISOString(),
      parties: partiesOf(d.kind),
      signatures: signatures.map((s) => ({ party: s.party, name: s.signerName, via: s.via, signedAt: s.signedAt.toISOString() })),
      nextParty: this.nextParty(d, signatures),
      signedAt: d.signedAt?.toISOString() ?? null,
      sha256: d.sha256?.toString('hex') ?? null,
      sizeBytes: d.sizeBytes,
    };
  }

  private async file(d: DocumentRow, caseNumber: string) {
    const signed = d.status === 'signed' && d.signedFileKey;
    const body = await this.storage.get(signed ? d.signedFileKey! : d.draftFileKey);
    const fileName = `${DOCUMENT_TITLES[d.kind]}-${caseNumber}-v${d.version}${signed ? '' : '-审阅稿'}.pdf`;
    return { fileName, contentType: 'application/pdf', body };
  }

  /** The renderer's input: the reviewed content plus the consumer's name, opened from the sealed identity. */
  private async inputOf(content: DocumentRow['content'], caseId: string): Promise<DocumentInput> {
    const [row] = (await this.db.manager.query(`SELECT consumer_sealed AS sealed FROM cases WHERE id = $1`, [caseId])) as { sealed: Buffer | null }[];
    const consumerName = row?.sealed ? this.vault.open(row.sealed, caseId).name : '';
    return { ...content, consumerName, issuedAt: new Date(content.issuedAt) } as DocumentInput;
  }

  private async changed(c: { caseId: string; centerId: string; institutionId: string; branchPath: string; status: string }, change: string): Promise<void> {
    await this.outbox.add({
      type: 'case.updated',
      organisationId: this.db.scope.kind === 'system' ? c.centerId : undefined,
      rooms: caseRooms({ id: c.caseId, centerId: c.centerId, institutionId: c.institutionId, branchPath: c.branchPath }),
      payload: { caseId: c.caseId, status: c.status, centerId: c.centerId, change },
      // A signed agreement may be the last thing a settled case waited for before it closes.
      job: change === 'document_signed' ? 'outcomes.close-when-done' : undefined,
    });
  }
}


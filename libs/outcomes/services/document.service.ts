import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { BusinessLine, CaseDocumentView, DisputeType, DocumentKind } from '@accord/contracts';
import { AuditService, ConflictError, Database, hasRole, OutboxService } from '@accord/core';
import { CaseLifecycle, CaseReading } from '@accord/cases';
import { SchedulingFacts } from '@accord/scheduling';
import { documentChanged, documentView, DocumentNotFound, DocumentSigned, NotTheSigner, OutcomeMissing, signingPartyOf, SigningStarted } from '../documents/document-rules';
import { DocumentContent, DocumentRepository, DocumentRow } from '../repositories/document.repository';
import { ObligationRepository } from '../repositories/obligation.repository';
import { OutcomeRepository } from '../repositories/outcome.repository';
import { DocumentFiles } from './document-files.service';

/**
 * The case's documents (DOMAIN.md "Outcome"): the mediation agreement of a settled case and the
 * termination notice of one that failed. The center generates a draft from the recorded
 * outcome; the parties sign in order (DocumentSigningService); the last signature freezes it.
 * Here: drafting, the case's list of documents and their PDFs.
 */
@Injectable()
export class DocumentService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseReading,
    private readonly lifecycle: CaseLifecycle,
    private readonly schedulingFacts: SchedulingFacts,
    private readonly documents: DocumentRepository,
    private readonly outcomes: OutcomeRepository,
    private readonly obligations: ObligationRepository,
    private readonly files: DocumentFiles,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** A new draft from the case's outcome; the draft before it (nobody signed yet) is superseded. */
  async generate(caseId: string, kind: DocumentKind): Promise<CaseDocumentView> {
    const c = await this.cases.visible(caseId);
    if (this.db.scope.kind !== 'center' || !(hasRole(this.db.scope, 'center_admin') || c.mediatorId === this.db.scope.userId)) throw NotTheSigner();
    const outcome = await this.outcomes.terms(caseId);
    const fits = kind === 'agreement' ? outcome?.outcome === 'settled' : outcome?.outcome === 'not_settled' || outcome?.outcome === 'terminated';
    if (!outcome || !fits) throw OutcomeMissing(kind, outcome?.outcome ?? null);

    const live = await this.documents.lockLive(caseId, kind);
    if (live && (live.anySigned || live.status !== 'draft')) throw live.status === 'signed' ? DocumentSigned() : SigningStarted();
    const version = await this.documents.nextVersion(caseId, kind);
    if (live) await this.documents.supersede(live.id);

    const obligations = await this.obligations.termsOfCase(caseId);
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
    const content: DocumentContent =
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
      await this.documents.insertDraft({
        id,
        caseId,
        centerId: c.centerId,
        institutionId: c.institutionId,
        branchPath: c.branchPath,
        kind,
        version,
        draftFileKey: key,
        content,
        createdBy: this.db.scope.userId ?? null,
      });
    } catch (error) {
      // Two drafts at once: the other one won.
      if ((error as { code?: string }).code === '23505') throw new ConflictError('DOCUMENT_BEING_GENERATED', 'Another draft of this document was just generated');
      throw error;
    }
    const pdf = await this.files.render(await this.files.inputOf(content, c.id));
    // The row first, the bytes last: a failed write rolls the row back.
    await this.files.store(key, pdf);
    await this.outbox.add(documentChanged(this.db.scope, { caseId, centerId: c.centerId, institutionId: c.institutionId, branchPath: c.branchPath, status: c.status }, 'document_generated'));
    await this.audit.record({ action: 'document.generated', subjectType: 'case', subjectId: caseId, detail: { caseNumber: c.caseNumber, kind, version, documentId: id } });
    return (await this.list(caseId)).items.find((d) => d.id === id)!;
  }

  /**
   * Quality review sends the agreement's draft back for correction before anyone signs it: the
   * draft is superseded (nobody can sign it any more), the timeline says why, and the mediator
   * corrects the outcome and drafts it again. 409 once someone has signed, or with no draft.
   * The caller (libs/quality) has checked who may do this.
   */
  async returnForCorrection(caseId: string, note: string): Promise<{ documentId: string; version: number }> {
    const c = await this.cases.visible(caseId);
    const live = await this.documents.lockLive(caseId, 'agreement');
    if (!live) throw new ConflictError('AGREEMENT_NOT_DRAFTED', 'The case has no agreement draft to return');
    if (live.anySigned || live.status !== 'draft') throw live.status === 'signed' ? DocumentSigned() : SigningStarted();
    await this.documents.supersede(live.id);
    await this.lifecycle.note(c, { kind: 'outcome', body: `质量评查退回调解协议书草稿（第 ${live.version} 版）修改：${note}`, detail: { documentId: live.id, version: live.version } });
    await this.outbox.add(documentChanged(this.db.scope, { caseId, centerId: c.centerId, institutionId: c.institutionId, branchPath: c.branchPath, status: c.status }, 'document_returned'));
    await this.audit.record({ action: 'document.returned-for-correction', subjectType: 'case', subjectId: caseId, detail: { caseNumber: c.caseNumber, documentId: live.id, version: live.version } });
    return { documentId: live.id, version: live.version };
  }

  async list(caseId: string): Promise<{ items: CaseDocumentView[] }> {
    const c = await this.cases.visible(caseId);
    const docs = await this.documents.ofCase(caseId);
    if (!docs.length) return { items: [] };
    const signatures = await this.documents.signaturesOfAll(docs.map((d) => d.id));
    // The links are the center's business (the bank sees that the consumer signed, not the SMS).
    const links = this.db.scope.kind === 'center' ? await this.schedulingFacts.signingLinksSent(caseId) : new Map<string, Date>();
    const mine = signingPartyOf(this.db.scope, c.mediatorId);
    return {
      items: docs.map((d) => {
        const view = documentView(d, signatures.filter((s) => s.documentId === d.id));
        return {
          ...view,
          youMaySign: view.nextParty !== null && view.nextParty === mine,
          consumerLinkSentAt: links.get(d.id)?.toISOString() ?? null,
        };
      }),
    };
  }

  /** The draft for review, or the signed original once signed. */
  async pdf(caseId: string, documentId: string): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    const c = await this.cases.visible(caseId);
    const d = await this.find(caseId, documentId);
    await this.audit.record({ action: 'document.downloaded', subjectType: 'case', subjectId: caseId, detail: { caseNumber: c.caseNumber, documentId, status: d.status } });
    return this.files.download(d, c.caseNumber ?? '');
  }

  private async find(caseId: string, documentId: string): Promise<DocumentRow> {
    const d = await this.documents.find(caseId, documentId, false);
    if (!d) throw DocumentNotFound();
    return d;
  }
}

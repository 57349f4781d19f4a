import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CaseDocumentView, SignatureParty } from '@accord/contracts';
import { AuditService, Database, OutboxService, shanghaiDate } from '@accord/core';
import { CaseFacts, CaseReading } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { ConsumerLinkService } from '@accord/scheduling';
import { DOCUMENT_TITLES, type SignatureRecord } from '../documents/document-pdf';
import { documentChanged, DocumentNotFound, DocumentSigned, DocumentSuperseded, nextParty, NotTheSigner, OutOfOrder, signingPartyOf } from '../documents/document-rules';
import { DocumentRepository, DocumentRow, SignatureRow } from '../repositories/document.repository';
import { DocumentFiles } from './document-files.service';
import { DocumentService } from './document.service';
import { JudicialService } from './judicial.service';

/** 7 days to sign through the SMS link. */
const SIGNING_LINK_TTL_MS = 7 * 86400_000;
/** The consumer's copy of a signed document stays reachable for the judicial window and after. */
const COPY_LINK_TTL_MS = 90 * 86400_000;

type Signer = { kind: 'staff'; party: SignatureParty; userId: string } | { kind: 'consumer'; linkId: string };

/**
 * Signing a case's document: the parties sign in order (the bank, the consumer by SMS link, the
 * mediator last); the last signature renders the signed original with its signature record,
 * stores its SHA-256 and freezes the row (a trigger refuses any later change).
 */
@Injectable()
export class DocumentSigningService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseReading,
    private readonly caseFacts: CaseFacts,
    private readonly directory: DirectoryService,
    private readonly links: ConsumerLinkService,
    private readonly documents: DocumentRepository,
    private readonly drafting: DocumentService,
    private readonly files: DocumentFiles,
    private readonly judicial: JudicialService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** The bank's representative or the assigned mediator signs, when it is their turn. */
  async sign(caseId: string, documentId: string): Promise<CaseDocumentView> {
    const c = await this.cases.visible(caseId);
    const party = signingPartyOf(this.db.scope, c.mediatorId);
    if (!party) throw NotTheSigner();
    await this.signAs(await this.lock(caseId, documentId), party, { kind: 'staff', party, userId: this.db.scope.userId! });
    return (await this.drafting.list(caseId)).items.find((d) => d.id === documentId)!;
  }

  /** The center sends the consumer the SMS link to read and sign the agreement. */
  async sendConsumerLink(caseId: string, documentId: string): Promise<{ linkId: string; expiresAt: Date }> {
    const c = await this.cases.visible(caseId);
    if (this.db.scope.kind !== 'center') throw DocumentNotFound();
    const d = await this.lock(caseId, documentId);
    if (d.status === 'signed') throw DocumentSigned();
    if (d.status === 'superseded') throw DocumentSuperseded();
    const next = nextParty(d, await this.documents.signaturesOf(d.id));
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
    await this.outbox.add(documentChanged(this.db.scope, { caseId, centerId: c.centerId, institutionId: c.institutionId, branchPath: c.branchPath, status: c.status }, 'document_link_sent'));
    await this.audit.record({ action: 'document.consumer-link-sent', subjectType: 'case', subjectId: caseId, detail: { caseNumber: c.caseNumber, documentId } });
    return sent;
  }

  /**
   * One signature, in the caller's transaction (the document row is locked). The last one
   * renders the signed original from the reviewed content, stores it with its hash and size,
   * freezes the row and, for an agreement, starts the judicial-confirmation window.
   */
  async signAs(d: DocumentRow, party: SignatureParty, signer: Signer): Promise<void> {
    if (d.status === 'signed') throw DocumentSigned();
    if (d.status === 'superseded') throw DocumentSuperseded();
    const before = await this.documents.signaturesOf(d.id);
    const next = nextParty(d, before);
    if (next !== party) throw OutOfOrder(next, party);
    const c = (await this.caseFacts.summary(d.caseId))!;
    // The consumer's signature row carries the masked name: the full one stays sealed in the case.
    const signerName = signer.kind === 'staff' ? (await this.directory.user(signer.userId))!.displayName : c.consumerNameMasked;
    const via = signer.kind === 'staff' ? 'portal' : 'consumer_link';
    const signedAt = await this.documents.addSignature(d, { party, signerName, signerUserId: signer.kind === 'staff' ? signer.userId : null, via, ip: this.db.ip ?? null });
    const owners = { caseId: d.caseId, centerId: d.centerId, institutionId: d.institutionId, branchPath: d.branchPath, status: c.status };
    const last = nextParty(d, [...before, { party } as SignatureRow]) === null;
    if (!last) {
      await this.documents.markSigning(d.id);
    } else {
      const all = await this.documents.signaturesOf(d.id);
      const input = await this.files.inputOf(d.content, d.caseId);
      const records: SignatureRecord[] = all.map((s) => ({ party: s.party, name: s.party === 'consumer' ? input.consumerName : s.signerName, via: s.via, signedAt: s.signedAt }));
      const pdf = await this.files.render(input, records);
      const sha256 = createHash('sha256').update(pdf).digest();
      // A fresh key per attempt: a transaction that failed after storing must not block the retry.
      const key = `documents/${d.caseId}/${d.id}/signed-${randomUUID()}`;
      await this.documents.markSigned(d.id, { fileKey: key, sha256, sizeBytes: pdf.length, signedAt });
      if (d.kind === 'agreement') {
        await this.judicial.open({ id: d.caseId, centerId: d.centerId, institutionId: d.institutionId, branchPath: d.branchPath }, shanghaiDate(signedAt));
      }
      await this.files.store(key, pdf);
      await this.sendCopy(d, c);
    }
    await this.outbox.add(documentChanged(this.db.scope, owners, last ? 'document_signed' : 'document_signature'));
    await this.audit.record({
      action: last ? 'document.signed' : 'document.signature',
      subjectType: 'case',
      subjectId: d.caseId,
      // Staff sign into their own organisation's trail; the consumer's step into the center's.
      organisationId: this.db.scope.kind === 'system' ? d.centerId : undefined,
      detail: { caseNumber: c.caseNumber, documentId: d.id, kind: d.kind, version: d.version, party, via },
    });
  }

  /**
   * The consumer's copy of what came into force: an SMS link (a document link, like signing's,
   * which shows a signed document read-only) to the signed original. A termination notice reaches
   * the consumer only this way: they never sign it.
   */
  private async sendCopy(d: DocumentRow, c: { caseNumber: string | null; centerId: string }): Promise<void> {
    const centerName = (await this.directory.organisationNames([c.centerId])).get(c.centerId);
    const title = DOCUMENT_TITLES[d.kind];
    const what = d.kind === 'agreement' ? `${title}已由各方签署生效` : `调解中心已出具${title}`;
    await this.links.sendFor({
      caseId: d.caseId,
      centerId: d.centerId,
      purpose: 'signing',
      documentId: d.id,
      expiresAt: new Date(Date.now() + COPY_LINK_TTL_MS),
      why: 'document-copy',
      sms: (url) => `【${centerName}】您的案件 ${c.caseNumber} 的${what}，请点击 ${url} 查看并下载原件（需短信验证码，${COPY_LINK_TTL_MS / 86400_000} 天内有效）。`,
    });
  }

  private async lock(caseId: string, documentId: string): Promise<DocumentRow> {
    const d = await this.documents.find(caseId, documentId, true);
    if (!d) throw DocumentNotFound();
    return d;
  }
}

import { Injectable } from '@nestjs/common';
import type { ConsumerDocumentView } from '@accord/contracts';
import { Database, SYSTEM_SCOPE } from '@accord/core';
import { CaseFacts } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { ConsumerLinkService } from '@accord/scheduling';
import { DocumentNotFound, documentView } from '../documents/document-rules';
import { DocumentRepository, DocumentRow } from '../repositories/document.repository';
import { DocumentFiles } from './document-files.service';
import { DocumentSigningService } from './document-signing.service';

/**
 * The consumer's side of a document, with the X-Consumer-Token from a signing link: read it,
 * download it, sign it when it is their turn. Runs as the system, narrowed to the link's document.
 */
@Injectable()
export class ConsumerDocumentService {
  constructor(
    private readonly db: Database,
    private readonly caseFacts: CaseFacts,
    private readonly directory: DirectoryService,
    private readonly links: ConsumerLinkService,
    private readonly documents: DocumentRepository,
    private readonly signing: DocumentSigningService,
    private readonly files: DocumentFiles,
  ) {}

  async document(accessToken: string): Promise<ConsumerDocumentView> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const d = await this.linked(accessToken);
      return this.view(d);
    });
  }

  async pdf(accessToken: string): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const d = await this.linked(accessToken);
      const caseNumber = (await this.caseFacts.caseNumbers([d.caseId])).get(d.caseId);
      return this.files.download(d, caseNumber as string);
    });
  }

  async sign(accessToken: string, ip?: string): Promise<ConsumerDocumentView> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const access = await this.links.accessFor(accessToken, 'signing');
      if (!access.documentId) throw DocumentNotFound();
      const d = await this.find(access.caseId, access.documentId, true);
      await this.signing.signAs(d, 'consumer', { kind: 'consumer', linkId: access.linkId });
      return this.view(await this.find(access.caseId, access.documentId, false));
    }, { ip });
  }

  private async linked(accessToken: string): Promise<DocumentRow> {
    const access = await this.links.accessFor(accessToken, 'signing');
    if (!access.documentId) throw DocumentNotFound();
    return this.find(access.caseId, access.documentId, false);
  }

  private async find(caseId: string, documentId: string, forUpdate: boolean): Promise<DocumentRow> {
    const d = await this.documents.find(caseId, documentId, forUpdate);
    if (!d) throw DocumentNotFound();
    return d;
  }

  private async view(d: DocumentRow): Promise<ConsumerDocumentView> {
    const c = (await this.caseFacts.summary(d.caseId))!;
    const centerName = (await this.directory.organisationNames([c.centerId])).get(c.centerId)!;
    const view = documentView(d, await this.documents.signaturesOf(d.id));
    return {
      caseNumber: c.caseNumber!,
      centerName,
      kind: d.kind,
      version: d.version,
      status: d.status,
      nextParty: view.nextParty,
      signatures: view.signatures,
      yourSignatureAt: view.signatures.find((s) => s.party === 'consumer')?.signedAt ?? null,
      sha256: view.sha256,
    };
  }
}

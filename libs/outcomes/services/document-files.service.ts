import { Injectable } from '@nestjs/common';
import { FileStorage, PiiVault } from '@accord/core';
import { CaseFacts } from '@accord/cases';
import { DOCUMENT_TITLES, renderDocumentPdf, type DocumentInput, type SignatureRecord } from '../documents/document-pdf';
import type { DocumentContent, DocumentRow } from '../repositories/document.repository';

/** A document's PDF: rendered from its reviewed content, stored, and read back for a download. */
@Injectable()
export class DocumentFiles {
  constructor(
    private readonly caseFacts: CaseFacts,
    private readonly vault: PiiVault,
    private readonly storage: FileStorage,
  ) {}

  /** The renderer's input: the reviewed content plus the consumer's name, opened from the sealed identity. */
  async inputOf(content: DocumentContent, caseId: string): Promise<DocumentInput> {
    const sealed = await this.caseFacts.sealedConsumer(caseId);
    const consumerName = sealed ? this.vault.open(sealed, caseId).name : '';
    return { ...content, consumerName, issuedAt: new Date(content.issuedAt) } as DocumentInput;
  }

  render(input: DocumentInput, signatures?: SignatureRecord[]): Promise<Buffer> {
    return renderDocumentPdf(input, signatures);
  }

  async store(key: string, pdf: Buffer): Promise<void> {
    await this.storage.put(key, pdf, 'application/pdf');
  }

  /** The draft for review, or the signed original once signed, named for the case. */
  async download(d: DocumentRow, caseNumber: string): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    const signed = d.status === 'signed' && d.signedFileKey;
    const body = await this.storage.get(signed ? d.signedFileKey! : d.draftFileKey);
    const fileName = `${DOCUMENT_TITLES[d.kind]}-${caseNumber}-v${d.version}${signed ? '' : '-审阅稿'}.pdf`;
    return { fileName, contentType: 'application/pdf', body };
  }
}

import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DocumentVerification } from '@accord/contracts';
import { Database, SYSTEM_SCOPE } from '@accord/core';
import { CaseFacts } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { DocumentRepository } from '../repositories/document.repository';

/** Anyone holding a PDF can check that it is a signed original, byte for byte, by its SHA-256. */
@Injectable()
export class DocumentVerificationService {
  constructor(
    private readonly db: Database,
    private readonly caseFacts: CaseFacts,
    private readonly directory: DirectoryService,
    private readonly documents: DocumentRepository,
  ) {}

  async verify(body: Buffer): Promise<DocumentVerification> {
    return this.verifyHash(createHash('sha256').update(body).digest('hex'));
  }

  async verifyHash(sha256hex: string): Promise<DocumentVerification> {
    const sha256 = sha256hex.toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(sha256)) return { valid: false, sha256 };
    return this.db.run(SYSTEM_SCOPE, async () => {
      const d = await this.documents.signedWithHash(Buffer.from(sha256, 'hex'));
      const c = d && (await this.caseFacts.summary(d.caseId));
      const centerName = d && (await this.directory.organisationNames([d.centerId])).get(d.centerId);
      if (!d || !c || centerName === undefined) return { valid: false, sha256 };
      const signatures = await this.documents.signaturesOf(d.id);
      return {
        valid: true,
        sha256,
        kind: d.kind,
        caseNumber: c.caseNumber!,
        centerName,
        signedAt: d.signedAt.toISOString(),
        signatures: signatures.map((s) => ({ party: s.party, name: s.party === 'consumer' ? c.consumerNameMasked : s.signerName, signedAt: s.signedAt.toISOString() })),
      };
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { DocumentKind, SignatureParty } from '@accord/contracts';
import { columns, Database, RowOf } from '@accord/core';
import { CaseDocumentEntity, DocumentSignatureEntity } from '../entities/outcome.entities';
import type { AgreementInput, TerminationNoticeInput } from '../documents/document-pdf';

const DOCUMENT = columns(CaseDocumentEntity, [
  'id',
  'caseId',
  'centerId',
  'institutionId',
  'branchPath',
  'kind',
  'version',
  'status',
  'draftFileKey',
  'signedFileKey',
  'sha256',
  'sizeBytes',
  'signedAt',
  'createdAt',
  'content',
] as const);

/** What a draft was made from, frozen with it: the signed original renders the reviewed content. */
export type DocumentContent = (Omit<AgreementInput, 'consumerName'> | Omit<TerminationNoticeInput, 'consumerName'>) & { issuedAt: string; version: number };
export type DocumentRow = Omit<RowOf<typeof DOCUMENT>, 'content'> & { content: DocumentContent };

const SIGNATURE = columns(DocumentSignatureEntity, ['documentId', 'party', 'signerName', 'signerUserId', 'via', 'signedAt'] as const);
export type SignatureRow = RowOf<typeof SIGNATURE>;

/** The case's documents (`case_documents`) and their signatures (`document_signatures`). */
@Injectable()
export class DocumentRepository {
  constructor(private readonly db: Database) {}

  /** The live (not superseded) document of a kind, locked, and whether anyone signed it. */
  async lockLive(caseId: string, kind: DocumentKind): Promise<(DocumentRow & { anySigned: boolean }) | undefined> {
    const [live] = (await this.db.manager.query(
      `SELECT ${DOCUMENT.select('d')}, EXISTS (SELECT 1 FROM document_signatures s WHERE s.document_id = d.id) AS "anySigned"
       FROM case_documents d WHERE d.case_id = $1 AND d.kind = $2 AND d.status <> 'superseded' FOR UPDATE`,
      [caseId, kind],
    )) as (DocumentRow & { anySigned: boolean })[];
    return live;
  }

  /** Every live document of the case locked: a signature arriving now waits for the caller. */
  async lockAllLive(caseId: string): Promise<void> {
    await this.db.manager.query(`SELECT id FROM case_documents WHERE case_id = $1 AND status <> 'superseded' FOR UPDATE`, [caseId]);
  }

  async nextVersion(caseId: string, kind: DocumentKind): Promise<number> {
    const [{ version }] = (await this.db.manager.query(`SELECT COALESCE(MAX(version), 0) + 1 AS version FROM case_documents WHERE case_id = $1 AND kind = $2`, [
      caseId,
      kind,
    ])) as { version: number }[];
    return version;
  }

  async supersede(id: string): Promise<void> {
    await this.db.manager.query(`UPDATE case_documents SET status = 'superseded' WHERE id = $1`, [id]);
  }

  /** Drafts and documents in signing are superseded; returns how many. */
  async supersedeUnsigned(caseId: string): Promise<number> {
    const superseded = (await this.db.manager.query(
      `WITH u AS (UPDATE case_documents SET status = 'superseded' WHERE case_id = $1 AND status IN ('draft', 'signing') RETURNING id) SELECT id FROM u`,
      [caseId],
    )) as { id: string }[];
    return superseded.length;
  }

  async insertDraft(d: {
    id: string;
    caseId: string;
    centerId: string;
    institutionId: string;
    branchPath: string;
    kind: DocumentKind;
    version: number;
    draftFileKey: string;
    content: DocumentContent;
    createdBy: string | null;
  }): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO case_documents (id, case_id, center_id, institution_id, branch_path, kind, version, status, draft_file_key, content, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10)`,
      [d.id, d.caseId, d.centerId, d.institutionId, d.branchPath, d.kind, d.version, d.draftFileKey, JSON.stringify(d.content), d.createdBy],
    );
  }

  async ofCase(caseId: string): Promise<DocumentRow[]> {
    return (await this.db.manager.query(`SELECT ${DOCUMENT.select('d')} FROM case_documents d WHERE d.case_id = $1 ORDER BY d.kind, d.version DESC`, [caseId])) as DocumentRow[];
  }

  async find(caseId: string, documentId: string, forUpdate: boolean): Promise<DocumentRow | undefined> {
    const [d] = (await this.db.manager.query(`SELECT ${DOCUMENT.select('d')} FROM case_documents d WHERE d.id = $1 AND d.case_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
      documentId,
      caseId,
    ])) as DocumentRow[];
    return d;
  }

  /** The signed document whose original has this SHA-256. */
  async signedWithHash(sha256: Buffer): Promise<{ id: string; caseId: string; centerId: string; kind: DocumentKind; signedAt: Date } | undefined> {
    const [d] = (await this.db.manager.query(
      `SELECT id, case_id AS "caseId", center_id AS "centerId", kind, signed_at AS "signedAt" FROM case_documents WHERE sha256 = $1 AND status = 'signed'`,
      [sha256],
    )) as { id: string; caseId: string; centerId: string; kind: DocumentKind; signedAt: Date }[];
    return d;
  }

  async markSigning(id: string): Promise<void> {
    await this.db.manager.query(`UPDATE case_documents SET status = 'signing' WHERE id = $1 AND status = 'draft'`, [id]);
  }

  async markSigned(id: string, signed: { fileKey: string; sha256: Buffer; sizeBytes: number; signedAt: Date }): Promise<void> {
    await this.db.manager.query(`UPDATE case_documents SET status = 'signed', signed_file_key = $2, sha256 = $3, size_bytes = $4, signed_at = $5 WHERE id = $1`, [
      id,
      signed.fileKey,
      signed.sha256,
      signed.sizeBytes,
      signed.signedAt,
    ]);
  }

  async signaturesOfAll(documentIds: readonly string[]): Promise<SignatureRow[]> {
    return (await this.db.manager.query(`SELECT ${SIGNATURE.select()} FROM document_signatures WHERE document_id = ANY($1::uuid[])`, [documentIds])) as SignatureRow[];
  }

  async signaturesOf(documentId: string): Promise<SignatureRow[]> {
    return (await this.db.manager.query(`SELECT ${SIGNATURE.select()} FROM document_signatures WHERE document_id = $1 ORDER BY signed_at, party`, [documentId])) as SignatureRow[];
  }

  async addSignature(
    d: Pick<DocumentRow, 'id' | 'centerId' | 'institutionId' | 'branchPath'>,
    s: { party: SignatureParty; signerName: string; signerUserId: string | null; via: SignatureRow['via']; ip: string | null },
  ): Promise<Date> {
    const [signature] = (await this.db.manager.query(
      `INSERT INTO document_signatures (document_id, center_id, institution_id, branch_path, party, signer_name, signer_user_id, via, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING signed_at AS "signedAt"`,
      [d.id, d.centerId, d.institutionId, d.branchPath, s.party, s.signerName, s.signerUserId, s.via, s.ip],
    )) as { signedAt: Date }[];
    return signature.signedAt;
  }
}

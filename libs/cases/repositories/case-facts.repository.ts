import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf } from '@accord/core';
import { CaseEntity } from '../entities/case.entity';

/** The queries behind CaseFacts: narrow reads of `cases` and its attachments for other libs. */
@Injectable()
export class CaseFactsRepository {
  constructor(private readonly db: Database) {}

  async caseNumbers(ids: readonly string[]): Promise<{ id: string; caseNumber: string | null }[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT id, case_number AS "caseNumber" FROM cases WHERE id = ANY($1::uuid[])`, [ids])) as {
      id: string;
      caseNumber: string | null;
    }[];
  }

  async summary(id: string): Promise<CaseSummary | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${CASE_SUMMARY.select()} FROM cases WHERE id = $1`, [id])) as CaseSummary[];
    return row;
  }

  async sealedConsumer(id: string): Promise<Buffer | null> {
    const [row] = (await this.db.manager.query(`SELECT consumer_sealed AS sealed FROM cases WHERE id = $1`, [id])) as { sealed: Buffer | null }[];
    return row?.sealed ?? null;
  }

  async attachmentNames(ids: readonly string[]): Promise<{ id: string; fileName: string }[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT id, file_name AS "fileName" FROM case_attachments WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; fileName: string }[];
  }

  async isAttachmentOf(caseId: string, attachmentId: string): Promise<boolean> {
    const [row] = (await this.db.manager.query(`SELECT 1 FROM case_attachments WHERE id = $1 AND case_id = $2`, [attachmentId, caseId])) as unknown[];
    return row !== undefined;
  }
}

/** What a lib that follows a case (outcomes, its reminders, its documents) reads of it. */
export const CASE_SUMMARY = columns(CaseEntity, [
  'caseNumber',
  'status',
  'outcome',
  'centerId',
  'institutionId',
  'branchPath',
  'mediatorId',
  'mediatorName',
  'consumerNameMasked',
  'createdByUserId',
] as const);
export type CaseSummary = RowOf<typeof CASE_SUMMARY>;

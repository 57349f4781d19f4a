import { Injectable } from '@nestjs/common';
import type { ConcludedCaseLine } from '@accord/contracts';
import { columns, Database, RowOf, SqlParams } from '@accord/core';
import { CaseEntity } from '../entities/case.entity';

const CONCLUDED = columns(CaseEntity, ['id', 'caseNumber', 'institutionId', 'branchId', 'businessLine', 'disputeType', 'outcome', 'mediatorName'] as const);

/** Whose concluded cases: a center's, or an institution's (within one branch's subtree with `branchPath`). */
export type ConcludedCasesOwner = { centerId: string } | { institutionId: string; branchPath?: string };

/** A line of the statistics export's case list as cases knows it: ids where the list shows names, no survey answer. */
export type ConcludedCaseFacts = Omit<ConcludedCaseLine, 'institutionName' | 'branchName' | 'satisfaction'> & {
  id: string;
  /** concluded_at as text, with the id the cursor of the next page. */
  cursorAt: string;
  institutionId: string;
  branchId: string;
};

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

  async concludedCases(
    owner: ConcludedCasesOwner,
    from: string,
    to: string,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<ConcludedCaseFacts[]> {
    const p = new SqlParams();
    const own =
      'centerId' in owner
        ? `c.center_id = ${p.add(owner.centerId)}`
        : `c.institution_id = ${p.add(owner.institutionId)}${owner.branchPath ? ` AND starts_with(c.branch_path, ${p.add(owner.branchPath)})` : ''}`;
    const cursor = after ? `AND (c.concluded_at, c.id) > (${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)` : '';
    return (await this.db.manager.query(
      `SELECT ${CONCLUDED.select('c')}, c.concluded_at::text AS "cursorAt",
              to_char(c.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "submittedOn",
              to_char(c.accepted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "acceptedOn",
              to_char(c.concluded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "concludedOn",
              c.amount_fen::text AS "amountFen", c.settled_amount_fen::text AS "settledFen",
              (c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date - (c.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS "daysToAccept",
              (c.concluded_at AT TIME ZONE 'Asia/Shanghai')::date - (c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS "daysToConclude"
       FROM cases c
       WHERE ${own} AND c.concluded_at IS NOT NULL
         AND c.concluded_at >= (${p.add(from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
         AND c.concluded_at < (${p.add(to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' ${cursor}
       ORDER BY c.concluded_at, c.id LIMIT ${limit}`,
      p.values,
    )) as ConcludedCaseFacts[];
  }

  async sessionLabels(ids: readonly string[]): Promise<RowOf<typeof SESSION_LABEL>[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT ${SESSION_LABEL.select()} FROM cases WHERE id = ANY($1::uuid[])`, [ids])) as RowOf<typeof SESSION_LABEL>[];
  }

  async maskedConsumer(id: string): Promise<{ centerId: string; name: string; phone: string } | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT center_id AS "centerId", consumer_name_masked AS name, consumer_phone_masked AS phone FROM cases WHERE id = $1`,
      [id],
    )) as { centerId: string; name: string; phone: string }[];
    return row;
  }

}

/** What a lib that follows a case (outcomes, its reminders, its documents) reads of it. */
const CASE_SUMMARY = columns(CaseEntity, [
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

const SESSION_LABEL = columns(CaseEntity, ['id', 'caseNumber', 'mediatorName'] as const);


import { Injectable } from '@nestjs/common';
import type { CaseStatus, ConcludedCaseLine } from '@accord/contracts';
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

const REVIEW = columns(CaseEntity, ['id', 'centerId', 'caseNumber', 'outcome', 'concludedAt', 'mediatorId', 'mediatorName'] as const);

/** A concluded case as quality review samples it: outcome, mediator, and its clocks' due days beside what happened. */
export type ReviewFacts = RowOf<typeof REVIEW> & {
  acceptedOn: string | null;
  concludedOn: string;
  intakeDueOn: string | null;
  firstSessionDueOn: string | null;
  mediationDueOn: string | null;
};

const BATCH_MEMBER = columns(CaseEntity, [
  'id', 'caseNumber', 'status', 'outcome', 'centerId', 'institutionId', 'disputeType', 'mediatorId', 'mediatorName', 'consumerNameMasked', 'submittedAt',
] as const);
/** A case as a batch of similar cases (类案批量) shows and checks it: owners, dispute type, state, mediator. */
export type BatchMemberFacts = RowOf<typeof BATCH_MEMBER>;

/** Statuses a case may join a batch in: accepted and not yet concluded. */
export const BATCHABLE_STATUSES = ['accepted', 'assigned', 'scheduled', 'in_session', 'adjourned'] as const;

export interface MediatorMonth {
  month: string;
  mediatorId: string;
  mediatorName: string | null;
  settled: number;
  notSettled: number;
  terminated: number;
  concluded: number;
}

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

  async bankReference(id: string): Promise<CaseBankReference | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${CASE_BANK_REFERENCE.select()} FROM cases WHERE id = $1`, [id])) as CaseBankReference[];
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

  /** What quality review samples a concluded case by (its clocks and outcome), for the ids the scope may see. */
  async batchMembers(ids: readonly string[]): Promise<BatchMemberFacts[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT ${BATCH_MEMBER.select('c')} FROM cases c WHERE c.id = ANY($1::uuid[])`, [ids])) as BatchMemberFacts[];
  }

  /**
   * A center's open cases (accepted, not concluded) submitted since `since`, by institution,
   * dispute type and submission time; with a keyword only those whose facts or claims name it
   * (the product or event). At most `limit`, along idx_cases_center_status_updated.
   */
  async batchCandidates(centerId: string, since: Date, keyword: string | null, limit: number): Promise<BatchMemberFacts[]> {
    const p = new SqlParams();
    const where = [`c.center_id = ${p.add(centerId)}`, `c.status = ANY(${p.add(BATCHABLE_STATUSES)}::text[])`, `c.submitted_at >= ${p.add(since)}`, `c.dispute_type IS NOT NULL`];
    if (keyword) {
      const like = p.add(`%${keyword.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(`(c.facts ILIKE ${like} OR c.claims ILIKE ${like})`);
    }
    return (await this.db.manager.query(
      `SELECT ${BATCH_MEMBER.select('c')} FROM cases c WHERE ${where.join(' AND ')} ORDER BY c.institution_id, c.dispute_type, c.submitted_at, c.id LIMIT ${limit}`,
      p.values,
    )) as BatchMemberFacts[];
  }

  async reviewFacts(ids: readonly string[]): Promise<ReviewFacts[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(
      `SELECT ${REVIEW.select('c')},
              to_char(c.accepted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "acceptedOn",
              to_char(c.concluded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "concludedOn",
              c.intake_due_on::text AS "intakeDueOn", c.first_session_due_on::text AS "firstSessionDueOn", c.mediation_due_on::text AS "mediationDueOn"
       FROM cases c WHERE c.id = ANY($1::uuid[]) AND c.concluded_at IS NOT NULL`,
      [ids],
    )) as ReviewFacts[];
  }

  /**
   * A center's concluded cases per mediator and Asia/Shanghai month of conclusion, months in
   * [fromMonth, toMonth] ('YYYY-MM'): the counts a success rate is made of. One grouped read
   * along idx_cases_center_concluded.
   */
  async mediatorMonths(centerId: string, fromMonth: string, toMonth: string): Promise<MediatorMonth[]> {
    return (await this.db.manager.query(
      `SELECT to_char(c.concluded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, c.mediator_id AS "mediatorId", max(c.mediator_name) AS "mediatorName",
              count(*) FILTER (WHERE c.outcome = 'settled')::int AS settled, count(*) FILTER (WHERE c.outcome = 'not_settled')::int AS "notSettled",
              count(*) FILTER (WHERE c.outcome = 'terminated')::int AS terminated, count(*)::int AS concluded
       FROM cases c
       WHERE c.center_id = $1 AND c.concluded_at IS NOT NULL AND c.mediator_id IS NOT NULL
         AND c.concluded_at >= (($2 || '-01')::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
         AND c.concluded_at < ((($3 || '-01')::date + interval '1 month')::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [centerId, fromMonth, toMonth],
    )) as MediatorMonth[];
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

  async weeklyReferralsByBusinessLine(starts: readonly string[], scanFrom: string, end: string): Promise<ReferralLineSeries[]> {
    return (await this.db.manager.query(
      `WITH p AS (SELECT unnest($1::date[]) AS start),
            w AS (SELECT center_id, institution_id, business_line, (submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM cases
                  WHERE submitted_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND submitted_at < ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
                    AND business_line IS NOT NULL),
            u AS (SELECT center_id, institution_id, business_line, min(day) AS first_day FROM w GROUP BY 1, 2, 3),
            c AS (SELECT center_id, institution_id, business_line, date_trunc('week', day)::date AS start, count(*)::int AS n FROM w
                  WHERE day >= ($1::date[])[1] GROUP BY 1, 2, 3, 4)
       SELECT u.center_id AS "centerId", u.institution_id AS "institutionId", u.business_line AS "businessLine", u.first_day::text AS "firstDay",
              array_agg(coalesce(c.n, 0) ORDER BY p.start) AS counts
       FROM u CROSS JOIN p
       LEFT JOIN c ON c.center_id = u.center_id AND c.institution_id = u.institution_id AND c.business_line = u.business_line AND c.start = p.start
       GROUP BY u.center_id, u.institution_id, u.business_line, u.first_day`,
      [starts, scanFrom, end],
    )) as ReferralLineSeries[];
  }

  async referralsOf(unit: ReferralUnit, limit: number): Promise<ReferralOfUnit[]> {
    const p = new SqlParams();
    const line = unit.businessLine === null ? '' : `AND business_line = ${p.add(unit.businessLine)}`;
    return (await this.db.manager.query(
      `SELECT id, case_number AS "caseNumber", status, consumer_name_masked AS "consumerNameMasked",
              to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "submittedOn"
       FROM cases
       WHERE center_id = ${p.add(unit.centerId)} AND institution_id = ${p.add(unit.institutionId)} ${line}
         AND submitted_at >= (${p.add(unit.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
         AND submitted_at < (${p.add(unit.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
       ORDER BY submitted_at, id LIMIT ${limit}`,
      p.values,
    )) as ReferralOfUnit[];
  }

  async concludedOf(unit: ReferralUnit, limit: number): Promise<(ReferralOfUnit & { concludedOn: string })[]> {
    const p = new SqlParams();
    const line = unit.businessLine === null ? '' : `AND business_line = ${p.add(unit.businessLine)}`;
    return (await this.db.manager.query(
      `SELECT id, case_number AS "caseNumber", status, consumer_name_masked AS "consumerNameMasked",
              to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "submittedOn",
              to_char(concluded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "concludedOn"
       FROM cases
       WHERE center_id = ${p.add(unit.centerId)} AND institution_id = ${p.add(unit.institutionId)} ${line}
         AND concluded_at >= (${p.add(unit.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
         AND concluded_at < (${p.add(unit.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
       ORDER BY concluded_at, id LIMIT ${limit}`,
      p.values,
    )) as (ReferralOfUnit & { concludedOn: string })[];
  }
}

/** An institution's referrals at a center per period, for one business line (CaseFacts.referralSeriesByBusinessLine). */
export interface ReferralLineSeries {
  centerId: string;
  institutionId: string;
  businessLine: string;
  firstDay: string;
  counts: number[];
}

/** Whose referrals, submitted in [from, to] (Asia/Shanghai days); businessLine null: all lines. */
export interface ReferralUnit {
  centerId: string;
  institutionId: string;
  businessLine: string | null;
  from: string;
  to: string;
}

/** A referral as a warning lists it: no identity beyond the masked name. */
export interface ReferralOfUnit {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  consumerNameMasked: string;
  submittedOn: string;
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

const CASE_BANK_REFERENCE = columns(CaseEntity, ['id', 'caseNumber', 'status', 'outcome', 'institutionId', 'branchId', 'priorComplaintRef', 'updatedAt'] as const);
/** What a bank's system may be told about its case (webhooks): its own references and the state, no personal data. */
export type CaseBankReference = RowOf<typeof CASE_BANK_REFERENCE>;

const SESSION_LABEL = columns(CaseEntity, ['id', 'caseNumber', 'mediatorName'] as const);


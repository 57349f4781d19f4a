import { Injectable } from '@nestjs/common';
import type { ChecklistItem, ReviewReason, ReviewScore } from '@accord/contracts';
import { columns, Database, RowOf, SqlParams } from '@accord/core';
import { QualityReviewEntity, QualityRuleEntity } from '../entities/quality.entities';

const RULE = columns(QualityRuleEntity, ['centerId', 'includeNotSettled', 'includeTerminated', 'includeBreached', 'settledPercent', 'seed', 'checklist', 'updatedAt'] as const);
export type RuleRow = RowOf<typeof RULE>;

const REVIEW = columns(QualityReviewEntity, [
  'id', 'centerId', 'caseId', 'caseNumber', 'mediatorId', 'mediatorName', 'outcome', 'concludedAt', 'reasons', 'status', 'enteredAt',
  'reviewerId', 'reviewerName', 'scores', 'totalScore', 'maxScore', 'findings', 'reviewedAt', 'agreementReturnedAt', 'agreementReturnNote',
] as const);
export type ReviewRow = RowOf<typeof REVIEW>;

export interface NewEntry {
  centerId: string;
  caseId: string;
  caseNumber: string | null;
  mediatorId: string | null;
  mediatorName: string | null;
  outcome: string;
  concludedAt: Date;
  reasons: ReviewReason[];
}

/** Which reviews: the queue by state, or one mediator's own. */
export interface ReviewFilter {
  status?: 'pending' | 'reviewed';
  mediatorId?: string;
}

/** quality_rules and quality_reviews; every read is narrowed to the caller's center (RLS is the second wall). */
@Injectable()
export class QualityRepository {
  constructor(private readonly db: Database) {}

  async rule(centerId: string): Promise<RuleRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${RULE.select('r')} FROM quality_rules r WHERE r.center_id = $1`, [centerId])) as RuleRow[];
    return row;
  }

  async saveRule(centerId: string, rule: { includeNotSettled: boolean; includeTerminated: boolean; includeBreached: boolean; settledPercent: number; seed: string; checklist: ChecklistItem[] }, by: string | null): Promise<RuleRow> {
    const [row] = (await this.db.manager.query(
      `INSERT INTO quality_rules (center_id, include_not_settled, include_terminated, include_breached, settled_percent, seed, checklist, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
       ON CONFLICT (center_id) DO UPDATE SET include_not_settled = EXCLUDED.include_not_settled, include_terminated = EXCLUDED.include_terminated,
         include_breached = EXCLUDED.include_breached, settled_percent = EXCLUDED.settled_percent, seed = EXCLUDED.seed, checklist = EXCLUDED.checklist,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${RULE.select()}`,
      [centerId, rule.includeNotSettled, rule.includeTerminated, rule.includeBreached, rule.settledPercent, rule.seed, JSON.stringify(rule.checklist), by],
    )) as RuleRow[];
    return row;
  }

  /** New queue entries; a case already in the queue stays as it is. Answers how many entered. */
  async enter(entries: readonly NewEntry[]): Promise<number> {
    if (!entries.length) return 0;
    const rows = (await this.db.manager.query(
      `INSERT INTO quality_reviews (center_id, case_id, case_number, mediator_id, mediator_name, outcome, concluded_at, reasons, scores)
       SELECT e."centerId", e."caseId", e."caseNumber", e."mediatorId", e."mediatorName", e.outcome, e."concludedAt", ARRAY(SELECT jsonb_array_elements_text(e.reasons)), '[]'::jsonb
       FROM jsonb_to_recordset($1::jsonb) AS e("centerId" uuid, "caseId" uuid, "caseNumber" text, "mediatorId" uuid, "mediatorName" text, outcome text, "concludedAt" timestamptz, reasons jsonb)
       ORDER BY e."concludedAt", e."caseId"
       ON CONFLICT (case_id) DO NOTHING RETURNING id`,
      [JSON.stringify(entries)],
    )) as unknown[];
    return rows.length;
  }

  async page(centerId: string, filter: ReviewFilter, page: number, pageSize: number): Promise<{ rows: ReviewRow[]; total: number }> {
    const p = new SqlParams();
    const where = [`r.center_id = ${p.add(centerId)}`];
    if (filter.status) where.push(`r.status = ${p.add(filter.status)}`);
    if (filter.mediatorId) where.push(`r.mediator_id = ${p.add(filter.mediatorId)}`);
    const w = where.join(' AND ');
    const [rows, [{ total }]] = await Promise.all([
      this.db.manager.query(`SELECT ${REVIEW.select('r')} FROM quality_reviews r WHERE ${w} ORDER BY r.entered_at DESC, r.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, p.values) as Promise<ReviewRow[]>,
      this.db.manager.query(`SELECT count(*)::int AS total FROM quality_reviews r WHERE ${w}`, p.values) as Promise<{ total: number }[]>,
    ]);
    return { rows, total };
  }

  async one(centerId: string, id: string): Promise<ReviewRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${REVIEW.select('r')} FROM quality_reviews r WHERE r.id = $1 AND r.center_id = $2`, [id, centerId])) as ReviewRow[];
    return row;
  }

  /** Pending → reviewed, once: false when someone scored it first. */
  async score(id: string, by: { id: string; name: string }, scores: ReviewScore[], total: number, max: number, findings: string): Promise<boolean> {
    const rows = (await this.db.manager.query(
      `UPDATE quality_reviews SET status = 'reviewed', reviewer_id = $2, reviewer_name = $3, scores = $4::jsonb, total_score = $5, max_score = $6, findings = $7, reviewed_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, by.id, by.name, JSON.stringify(scores), total, max, findings],
    )) as unknown[];
    return rows.length > 0;
  }

  async agreementReturned(id: string, note: string): Promise<void> {
    await this.db.manager.query(`UPDATE quality_reviews SET agreement_returned_at = now(), agreement_return_note = $2, updated_at = now() WHERE id = $1`, [id, note]);
  }

  /** Reviews done per mediator and Asia/Shanghai month of the review, with the mean of score ÷ max (%). */
  async scoreMonths(centerId: string, fromMonth: string, toMonth: string): Promise<{ month: string; mediatorId: string; mediatorName: string | null; reviews: number; averagePercent: number }[]> {
    return (await this.db.manager.query(
      `SELECT to_char(r.reviewed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, r.mediator_id AS "mediatorId", max(r.mediator_name) AS "mediatorName",
              count(*)::int AS reviews, round(avg(r.total_score * 100.0 / nullif(r.max_score, 0)), 1)::float AS "averagePercent"
       FROM quality_reviews r
       WHERE r.center_id = $1 AND r.reviewed_at IS NOT NULL AND r.mediator_id IS NOT NULL
         AND r.reviewed_at >= (($2 || '-01')::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
         AND r.reviewed_at < ((($3 || '-01')::date + interval '1 month')::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [centerId, fromMonth, toMonth],
    )) as { month: string; mediatorId: string; mediatorName: string | null; reviews: number; averagePercent: number }[];
  }
}

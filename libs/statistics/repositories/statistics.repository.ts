import { Injectable } from '@nestjs/common';
import { columns, Database } from '@accord/core';
import { StatisticsBranchDayEntity } from '../entities/statistics.entities';
import { EMPTY, type RawFigures } from '../services/figures';

/** The figures of a bucket, as the UNION of day and month buckets lists them. */
const FIGURES = columns(StatisticsBranchDayEntity, [
  'referrals',
  'accepted',
  'concluded',
  'settled',
  'notSettled',
  'withdrawn',
  'terminated',
  'disputedFen',
  'settledFen',
  'acceptDays',
  'concludeDays',
  'satisfactionSum',
  'satisfactionCount',
  'breached',
  'judicialConfirmed',
  'obligationsOverdue',
] as const);

const SUMS = `sum(referrals)::int AS referrals, sum(accepted)::int AS accepted, sum(concluded)::int AS concluded,
  sum(settled)::int AS settled, sum(not_settled)::int AS "notSettled", sum(withdrawn)::int AS withdrawn, sum(terminated)::int AS terminated,
  sum(disputed_fen)::text AS "disputedFen", sum(settled_fen)::text AS "settledFen",
  statistics_hist_sum(accept_days) AS "acceptDays", statistics_hist_sum(conclude_days) AS "concludeDays",
  sum(satisfaction_sum)::int AS "satisfactionSum", sum(satisfaction_count)::int AS "satisfactionCount",
  sum(breached)::int AS breached, sum(judicial_confirmed)::int AS "judicialConfirmed", sum(obligations_overdue)::int AS "obligationsOverdue"`;

/** A group's summed figures; `key` is the group (an institution, or a child branch; null for the open branch's own). */
export type GroupedFigures = RawFigures & { key: string | null };

export interface Period {
  from: string;
  to: string;
  /** Whole months inside the period: [monthFrom, monthTo). Equal when there is none. */
  monthFrom: string;
  monthTo: string;
}

/**
 * The roll-ups (statistics_* tables): whole months of a period from the month buckets, the edge
 * days from the day buckets. The worker keeps them; the dashboards read nothing else of cases.
 */
@Injectable()
export class StatisticsRepository {
  constructor(private readonly db: Database) {}

  /** Per institution, summed over the centers' buckets. */
  async perInstitution(centerIds: readonly string[], p: Period): Promise<GroupedFigures[]> {
    return (await this.db.manager.query(
      `WITH parts AS (
         SELECT institution_id, ${FIGURES.names()} FROM statistics_institution_months
         WHERE center_id = ANY($1::uuid[]) AND month >= $4 AND month < $5
         UNION ALL
         SELECT institution_id, ${FIGURES.names()} FROM statistics_institution_days
         WHERE center_id = ANY($1::uuid[]) AND day >= $2 AND day <= $3 AND (day < $4 OR day >= $5))
       SELECT institution_id::text AS key, ${SUMS} FROM parts GROUP BY institution_id`,
      [centerIds, p.from, p.to, p.monthFrom, p.monthTo],
    )) as GroupedFigures[];
  }

  /**
   * Per institution from the monthly business-line roll-ups (statistics_line_months, or with a
   * dispute type statistics_line_type_months): the counts only, the other figures zero. The
   * period is whole months (the service checks).
   */
  async perInstitutionByLine(centerIds: readonly string[], p: Period, businessLine?: string, disputeType?: string): Promise<GroupedFigures[]> {
    const params: unknown[] = [centerIds, p.from, p.to];
    let where = `center_id = ANY($1::uuid[]) AND month >= $2::date AND month <= $3::date`;
    if (businessLine) where += ` AND business_line = $${params.push(businessLine)}`;
    if (disputeType) where += ` AND dispute_type = $${params.push(disputeType)}`;
    const rows = (await this.db.manager.query(
      `SELECT institution_id::text AS key, sum(referrals)::int AS referrals, sum(accepted)::int AS accepted, sum(concluded)::int AS concluded,
              sum(settled)::int AS settled, sum(not_settled)::int AS "notSettled", sum(withdrawn)::int AS withdrawn, sum(terminated)::int AS terminated
       FROM ${disputeType ? 'statistics_line_type_months' : 'statistics_line_months'} WHERE ${where} GROUP BY institution_id`,
      params,
    )) as (Pick<RawFigures, 'referrals' | 'accepted' | 'concluded' | 'settled' | 'notSettled' | 'withdrawn' | 'terminated'> & { key: string })[];
    return rows.map((r) => ({ ...EMPTY, ...r }));
  }

  /**
   * Per child: `branchIds[i]` counts for `childIds[i]` (null: the open branch's own cases). The
   * buckets are read by branch id (idx_statistics_branch_*_branch), so a level deep down reads
   * its own buckets, not the institution's.
   */
  async perBranch(institutionId: string, p: Period, branchIds: readonly string[], childIds: readonly (string | null)[]): Promise<GroupedFigures[]> {
    return (await this.db.manager.query(
      `WITH subtree AS (SELECT * FROM unnest($6::uuid[], $7::uuid[]) AS s(branch_id, child_id)),
       parts AS (
         SELECT branch_id, ${FIGURES.names()} FROM statistics_branch_months
         WHERE institution_id = $1 AND branch_id = ANY($6::uuid[]) AND month >= $4 AND month < $5
         UNION ALL
         SELECT branch_id, ${FIGURES.names()} FROM statistics_branch_days
         WHERE institution_id = $1 AND branch_id = ANY($6::uuid[]) AND day >= $2 AND day <= $3 AND (day < $4 OR day >= $5))
       SELECT s.child_id::text AS key, ${SUMS} FROM parts JOIN subtree s USING (branch_id) GROUP BY s.child_id`,
      [institutionId, p.from, p.to, p.monthFrom, p.monthTo, branchIds, childIds],
    )) as GroupedFigures[];
  }

  /**
   * Recounts the buckets a case counts in, and those it counted in at its last refresh, under
   * the institution's advisory lock (statistics_refresh_case in the migrations).
   */
  async refreshCase(caseId: string): Promise<void> {
    await this.db.manager.query(`SELECT statistics_refresh_case($1)`, [caseId]);
  }
}

import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';

/** The counts of one group, as the line buckets sum them. */
export interface LineCounts {
  referrals: number;
  concluded: number;
  settled: number;
  notSettled: number;
  terminated: number;
}

export interface LineFilter {
  centerIds: readonly string[];
  /** First month (its first day), included. */
  monthFrom: string;
  /** First month after the range (its first day), excluded. */
  monthTo: string;
  businessLine?: string;
  disputeType?: string;
}

const SUMS = `sum(referrals)::int AS referrals, sum(concluded)::int AS concluded, sum(settled)::int AS settled,
  sum(not_settled)::int AS "notSettled", sum(terminated)::int AS terminated`;
/**
 * The buckets and their filter: per business line (statistics_line_months, a range of its primary
 * key per center), or with a dispute type per business line and type (a range of
 * idx_statistics_line_type_months_type per center; seven times the rows, so only when asked).
 */
function source(f: LineFilter): { from: string; where: string; params: unknown[] } {
  const params: unknown[] = [f.centerIds, f.monthFrom, f.monthTo];
  let where = `center_id = ANY($1::uuid[]) AND month >= $2::date AND month < $3::date`;
  if (f.businessLine) where += ` AND business_line = $${params.push(f.businessLine)}`;
  if (f.disputeType) where += ` AND dispute_type = $${params.push(f.disputeType)}`;
  return { from: f.disputeType ? 'statistics_line_type_months' : 'statistics_line_months', where, params };
}
const GROUPS = { institution: 'institution_id', businessLine: 'business_line' } as const;

/** The line month buckets: one statement per request, whatever the number of institutions or months. */
@Injectable()
export class TrendsRepository {
  constructor(private readonly db: Database) {}

  /** Per group (an institution, or a business line) and month (YYYY-MM). */
  async monthly(by: keyof typeof GROUPS, f: LineFilter): Promise<(LineCounts & { key: string; month: string })[]> {
    const s = source(f);
    // Grouped on the columns themselves; the text forms are made once per group, not per row.
    return (await this.db.manager.query(
      `SELECT g.${GROUPS[by]}::text AS key, to_char(g.month, 'YYYY-MM') AS month, g.referrals, g.concluded, g.settled, g."notSettled", g.terminated
       FROM (SELECT ${GROUPS[by]}, month, ${SUMS} FROM ${s.from} WHERE ${s.where} GROUP BY 1, 2) g`,
      s.params,
    )) as (LineCounts & { key: string; month: string })[];
  }

  /** Per institution and business line over the whole range. */
  async perInstitutionAndLine(f: LineFilter): Promise<(LineCounts & { institutionId: string; businessLine: string })[]> {
    const s = source(f);
    return (await this.db.manager.query(
      `SELECT institution_id::text AS "institutionId", business_line AS "businessLine", ${SUMS}
       FROM ${s.from} WHERE ${s.where} GROUP BY institution_id, business_line`,
      s.params,
    )) as (LineCounts & { institutionId: string; businessLine: string })[];
  }
}

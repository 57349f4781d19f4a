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
const WHERE = `center_id = ANY($1::uuid[]) AND month >= $2::date AND month < $3::date
  AND ($4::text IS NULL OR business_line = $4) AND ($5::text IS NULL OR dispute_type = $5)`;
const GROUPS = { institution: 'institution_id::text', businessLine: 'business_line' } as const;

/**
 * The month buckets per business line and dispute type (statistics_line_months): one statement
 * per request, a range of the primary key (center_id, month, …) per center, whatever the number
 * of institutions or months.
 */
@Injectable()
export class TrendsRepository {
  constructor(private readonly db: Database) {}

  /** Per group (an institution, or a business line) and month (YYYY-MM). */
  async monthly(by: keyof typeof GROUPS, f: LineFilter): Promise<(LineCounts & { key: string; month: string })[]> {
    return (await this.db.manager.query(
      `SELECT ${GROUPS[by]} AS key, to_char(month, 'YYYY-MM') AS month, ${SUMS}
       FROM statistics_line_months WHERE ${WHERE} GROUP BY 1, 2`,
      [f.centerIds, f.monthFrom, f.monthTo, f.businessLine ?? null, f.disputeType ?? null],
    )) as (LineCounts & { key: string; month: string })[];
  }

  /** Per institution and business line over the whole range. */
  async perInstitutionAndLine(f: LineFilter): Promise<(LineCounts & { institutionId: string; businessLine: string })[]> {
    return (await this.db.manager.query(
      `SELECT institution_id::text AS "institutionId", business_line AS "businessLine", ${SUMS}
       FROM statistics_line_months WHERE ${WHERE} GROUP BY 1, 2`,
      [f.centerIds, f.monthFrom, f.monthTo, f.businessLine ?? null, f.disputeType ?? null],
    )) as (LineCounts & { institutionId: string; businessLine: string })[];
  }
}

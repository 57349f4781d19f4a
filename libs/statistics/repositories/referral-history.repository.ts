import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';

export type PeriodKind = 'week' | 'month';

/** One unit's referrals per period, oldest first, and the first day it had any. */
export interface ReferralSeriesRow {
  centerId: string;
  institutionId: string;
  firstDay: string;
  counts: number[];
}

/** One unit's concluded cases and their time-limit breaches per month, oldest first, and the first month it concluded any. */
export interface BreachSeriesRow {
  centerId: string;
  institutionId: string;
  firstMonth: string;
  breached: number[];
  concluded: number[];
}

/** The referral history of every institution at every center, read from the roll-ups. */
@Injectable()
export class ReferralHistoryRepository {
  constructor(private readonly db: Database) {}

  /**
   * Per center × institution: the referrals of each period starting at `starts` (consecutive
   * weeks or months, oldest first; `end` the day after the last) and the first day (week: the
   * day; month: the month) with a referral before `end`. Weeks sum the institution's day
   * buckets, months read its month buckets. One statement.
   */
  async institutionSeries(kind: PeriodKind, starts: readonly string[], end: string): Promise<ReferralSeriesRow[]> {
    const [table, at, trunc] =
      kind === 'week' ? ['statistics_institution_days', 'day', `date_trunc('week', day)::date`] : ['statistics_institution_months', 'month', 'month'];
    return (await this.db.manager.query(
      `WITH p AS (SELECT unnest($1::date[]) AS start),
            u AS (SELECT center_id, institution_id, min(${at}) AS first_day FROM ${table}
                  WHERE referrals > 0 AND ${at} < $2::date GROUP BY center_id, institution_id),
            c AS (SELECT center_id, institution_id, ${trunc} AS start, sum(referrals)::int AS n FROM ${table}
                  WHERE referrals > 0 AND ${at} >= ($1::date[])[1] AND ${at} < $2::date GROUP BY 1, 2, 3)
       SELECT u.center_id AS "centerId", u.institution_id AS "institutionId", u.first_day::text AS "firstDay",
              array_agg(coalesce(c.n, 0) ORDER BY p.start) AS counts
       FROM u CROSS JOIN p
       LEFT JOIN c ON c.center_id = u.center_id AND c.institution_id = u.institution_id AND c.start = p.start
       GROUP BY u.center_id, u.institution_id, u.first_day`,
      [starts, end],
    )) as ReferralSeriesRow[];
  }

  /**
   * Per center × institution × business line, from statistics_line_months: the referrals of each
   * month starting at `starts` (oldest first; `end` the first day after the last month) and the
   * first month with a referral before `end`. One statement over the roll-up, never the cases.
   */
  async lineMonthSeries(starts: readonly string[], end: string): Promise<(ReferralSeriesRow & { businessLine: string })[]> {
    return (await this.db.manager.query(
      `WITH p AS (SELECT unnest($1::date[]) AS start),
            u AS (SELECT center_id, institution_id, business_line, min(month) AS first_day FROM statistics_line_months
                  WHERE referrals > 0 AND month < $2::date GROUP BY 1, 2, 3),
            c AS (SELECT center_id, institution_id, business_line, month AS start, sum(referrals)::int AS n FROM statistics_line_months
                  WHERE referrals > 0 AND month >= ($1::date[])[1] AND month < $2::date GROUP BY 1, 2, 3, 4)
       SELECT u.center_id AS "centerId", u.institution_id AS "institutionId", u.business_line AS "businessLine", u.first_day::text AS "firstDay",
              array_agg(coalesce(c.n, 0) ORDER BY p.start) AS counts
       FROM u CROSS JOIN p
       LEFT JOIN c ON c.center_id = u.center_id AND c.institution_id = u.institution_id AND c.business_line = u.business_line AND c.start = p.start
       GROUP BY u.center_id, u.institution_id, u.business_line, u.first_day`,
      [starts, end],
    )) as (ReferralSeriesRow & { businessLine: string })[];
  }

  /** Per center × institution × business line: the first month with a referral before `before`. */
  async firstLineMonths(before: string): Promise<{ centerId: string; institutionId: string; businessLine: string; firstMonth: string }[]> {
    return (await this.db.manager.query(
      `SELECT center_id AS "centerId", institution_id AS "institutionId", business_line AS "businessLine", min(month)::text AS "firstMonth"
       FROM statistics_line_months WHERE referrals > 0 AND month < $1::date GROUP BY 1, 2, 3`,
      [before],
    )) as { centerId: string; institutionId: string; businessLine: string; firstMonth: string }[];
  }

  /**
   * Per center × institution with a concluded case before `end`: the cases concluded and those of
   * them that breached a time limit in each month starting at `starts` (consecutive, oldest
   * first; `end` the first day after the last), both by conclusion month as the roll-up counts
   * them, and the first month with a concluded case. One statement over the month buckets.
   */
  async institutionBreachSeries(starts: readonly string[], end: string): Promise<BreachSeriesRow[]> {
    return (await this.db.manager.query(
      `WITH p AS (SELECT unnest($1::date[]) AS start),
            u AS (SELECT center_id, institution_id, min(month) AS first_month FROM statistics_institution_months
                  WHERE concluded > 0 AND month < $2::date GROUP BY center_id, institution_id),
            c AS (SELECT center_id, institution_id, month AS start, sum(breached)::int AS b, sum(concluded)::int AS n FROM statistics_institution_months
                  WHERE concluded > 0 AND month >= ($1::date[])[1] AND month < $2::date GROUP BY 1, 2, 3)
       SELECT u.center_id AS "centerId", u.institution_id AS "institutionId", u.first_month::text AS "firstMonth",
              array_agg(coalesce(c.b, 0) ORDER BY p.start) AS breached, array_agg(coalesce(c.n, 0) ORDER BY p.start) AS concluded
       FROM u CROSS JOIN p
       LEFT JOIN c ON c.center_id = u.center_id AND c.institution_id = u.institution_id AND c.start = p.start
       GROUP BY u.center_id, u.institution_id, u.first_month`,
      [starts, end],
    )) as BreachSeriesRow[];
  }
}

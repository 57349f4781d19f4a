import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['statistics_branch_days', 'statistics_branch_months', 'statistics_institution_days', 'statistics_institution_months'];
const NEW = ['breached', 'judicial_confirmed', 'obligations_overdue'];
const SUMS = ['disputed_fen', 'settled_fen'];
const HISTOGRAMS = ['accept_days', 'conclude_days'];

/*
 * The three figures' rules, written once and used by the recount and the rebuild alike, so the
 * worker's refresh and statistics_rebuild_all can't disagree.
 */
/** The first session of case `c`: the Asia/Shanghai day of its earliest session not cancelled (held, under way, adjourned, concluded, booked or a no-show). */
const FIRST_SESSION = (c: string) => `LEFT JOIN LATERAL (SELECT min(statistics_day(s.starts_at)) AS day FROM mediation_sessions s WHERE s.case_id = ${c}.id AND s.status <> 'cancelled') fs ON true`;
/**
 * A concluded case that missed a clock (DOMAIN.md "Tracks and time limits"): accepted after its
 * intake due day; its first session after its first-session due day; or concluded more than 60
 * days after its first session (30 days, extendable once by up to 30: an extension is not
 * recorded, so only the outer limit is certain).
 */
export const BREACHED = (c: string) => `(coalesce(statistics_day(${c}.accepted_at) > ${c}.intake_due_on, false)
  OR coalesce(fs.day > ${c}.first_session_due_on, false)
  OR coalesce(statistics_day(${c}.concluded_at) > fs.day + 60, false))`;
/** An obligation not performed by its due day: flagged overdue, or performed (Asia/Shanghai) after it. */
const OVERDUE = (o: string) => `(${o}.status = 'overdue' OR (${o}.status = 'performed' AND statistics_day(${o}.performed_at) > ${o}.due_on))`;

/**
 * Three more figures in the branch and institution buckets (DOMAIN.md "Statistics"): time-limit
 * breaches (by conclusion day), judicial confirmations confirmed (by the court's result day) and
 * obligations not performed by their due day (by due day). A case now also counts in the days its
 * judicial confirmation was decided and its obligations fell due, so a refresh recounts those
 * buckets too. The functions are replaced whole (same names and signatures, so
 * statistics_refresh_case and statistics_rebuild_all that call them stay as they are), and the
 * buckets rebuilt once so a database with cases has the figures straight away.
 */
export class StatisticsBreaches1796608250764 implements MigrationInterface {
  name = 'StatisticsBreaches1796608250764';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TABLES) {
      for (const c of NEW) await q.query(`ALTER TABLE "${t}" ADD "${c}" integer NOT NULL DEFAULT '0'`);
    }
    for (const sql of functions(true)) await q.query(sql);
    await q.query(`SELECT statistics_rebuild_all()`);
  }

  /** The functions as they were (the same arithmetic without the three figures), then the columns dropped. */
  async down(q: QueryRunner): Promise<void> {
    for (const sql of functions(false)) await q.query(sql);
    for (const t of TABLES) {
      for (const c of NEW) await q.query(`ALTER TABLE "${t}" DROP COLUMN "${c}"`);
    }
  }
}

/**
 * The roll-up functions, with the three figures (`withNew`) or as the migrations before this one
 * left them; a later migration passes its own breach rule (`breached`) and replaces them again.
 */
export function functions(withNew: boolean, breached: (c: string) => string = BREACHED): string[] {
  const COUNTS = ['referrals', 'accepted', 'concluded', 'settled', 'not_settled', 'withdrawn', 'terminated', 'satisfaction_sum', 'satisfaction_count', ...(withNew ? NEW : [])];
  const FIGURES = [...COUNTS, ...SUMS, ...HISTOGRAMS];
  const SUMMED = [...COUNTS.map((c) => `sum(${c})::int`), ...SUMS.map((c) => `sum(${c})::bigint`), ...HISTOGRAMS.map((c) => `statistics_hist_sum(${c})`)].join(', ');
  const sqls: string[] = [];
  sqls.push(`CREATE OR REPLACE FUNCTION statistics_recount_branch_day(p_center uuid, p_branch uuid, p_day date) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        lo timestamptz := p_day::timestamp AT TIME ZONE 'Asia/Shanghai';
        hi timestamptz := (p_day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai';
      BEGIN
        DELETE FROM statistics_branch_days WHERE center_id = p_center AND branch_id = p_branch AND day = p_day;
        INSERT INTO statistics_branch_days (center_id, branch_id, day, institution_id, branch_path, ${FIGURES.join(', ')})
        WITH s AS (
          SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen FROM cases
          WHERE branch_id = p_branch AND center_id = p_center AND submitted_at >= lo AND submitted_at < hi
        ), a AS (
          SELECT count(*)::int AS n, statistics_histogram(array_agg(statistics_day(accepted_at) - statistics_day(submitted_at))) AS h FROM cases
          WHERE branch_id = p_branch AND center_id = p_center AND accepted_at >= lo AND accepted_at < hi
        ), k AS (
          SELECT count(*)::int AS n,
                 count(*) FILTER (WHERE c.outcome = 'settled')::int AS settled,
                 count(*) FILTER (WHERE c.outcome = 'not_settled')::int AS not_settled,
                 count(*) FILTER (WHERE c.outcome = 'withdrawn')::int AS withdrawn,
                 count(*) FILTER (WHERE c.outcome = 'terminated')::int AS terminated,
                 count(*) FILTER (WHERE ${breached('c')})::int AS breached,
                 coalesce(sum(c.settled_amount_fen) FILTER (WHERE c.outcome = 'settled'), 0)::bigint AS fen,
                 statistics_histogram(array_agg(statistics_day(c.concluded_at) - statistics_day(c.accepted_at)) FILTER (WHERE c.accepted_at IS NOT NULL)) AS h
          FROM cases c ${FIRST_SESSION('c')}
          WHERE c.branch_id = p_branch AND c.center_id = p_center AND c.concluded_at >= lo AND c.concluded_at < hi
        ), f AS (
          SELECT coalesce(sum(v.satisfaction), 0)::int AS total, count(*)::int AS n
          FROM cases c JOIN follow_up_surveys v ON v.case_id = c.id
          WHERE c.branch_id = p_branch AND c.center_id = p_center AND v.satisfaction IS NOT NULL AND v.answered_at >= lo AND v.answered_at < hi
        ), j AS (
          SELECT count(*)::int AS n FROM cases c JOIN judicial_confirmations j ON j.case_id = c.id
          WHERE c.branch_id = p_branch AND c.center_id = p_center AND j.result = 'confirmed' AND j.result_on = p_day
        ), o AS (
          SELECT count(*)::int AS n FROM case_obligations o JOIN cases c ON c.id = o.case_id
          WHERE o.center_id = p_center AND o.due_on = p_day AND c.branch_id = p_branch AND ${OVERDUE('o')}
        )
        SELECT p_center, p_branch, p_day, b.institution_id, b.path,
               s.n, a.n, k.n, k.settled, k.not_settled, k.withdrawn, k.terminated, f.total, f.n, ${withNew ? 'k.breached, j.n, o.n, ' : ''}s.fen, k.fen, a.h, k.h
        FROM s, a, k, f, j, o, branches b WHERE b.id = p_branch AND s.n + a.n + k.n + f.n${withNew ? ' + j.n + o.n' : ''} > 0;
      END $$`);

  sqls.push(`CREATE OR REPLACE FUNCTION statistics_resum(p_center uuid, p_institution uuid, p_branch uuid, p_day date) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        m date := date_trunc('month', p_day)::date;
        m_end date := (date_trunc('month', p_day) + interval '1 month')::date;
      BEGIN
        DELETE FROM statistics_branch_months WHERE center_id = p_center AND branch_id = p_branch AND month = m;
        INSERT INTO statistics_branch_months (center_id, branch_id, month, institution_id, branch_path, ${FIGURES.join(', ')})
        SELECT center_id, branch_id, m, institution_id, max(branch_path), ${SUMMED} FROM statistics_branch_days
        WHERE center_id = p_center AND branch_id = p_branch AND day >= m AND day < m_end GROUP BY center_id, branch_id, institution_id;

        DELETE FROM statistics_institution_days WHERE center_id = p_center AND institution_id = p_institution AND day = p_day;
        INSERT INTO statistics_institution_days (center_id, day, institution_id, ${FIGURES.join(', ')})
        SELECT center_id, day, institution_id, ${SUMMED} FROM statistics_branch_days
        WHERE center_id = p_center AND institution_id = p_institution AND day = p_day GROUP BY center_id, day, institution_id;

        DELETE FROM statistics_institution_months WHERE center_id = p_center AND institution_id = p_institution AND month = m;
        INSERT INTO statistics_institution_months (center_id, month, institution_id, ${FIGURES.join(', ')})
        SELECT center_id, m, institution_id, ${SUMMED} FROM statistics_institution_days
        WHERE center_id = p_center AND institution_id = p_institution AND day >= m AND day < m_end GROUP BY center_id, institution_id;
      END $$`);

    // The days a case counts in: submitted, accepted, concluded, follow-up answered, judicial confirmation decided, obligations due.
  sqls.push(`CREATE OR REPLACE FUNCTION statistics_case_days(p_case uuid) RETURNS date[] LANGUAGE sql STABLE AS $$
      SELECT array_remove(ARRAY[statistics_day(c.submitted_at), statistics_day(c.accepted_at), statistics_day(c.concluded_at),
        (SELECT statistics_day(v.answered_at) FROM follow_up_surveys v WHERE v.case_id = c.id AND v.satisfaction IS NOT NULL),
        ${withNew ? `(SELECT j.result_on FROM judicial_confirmations j WHERE j.case_id = c.id AND j.result = 'confirmed')]
        || ARRAY(SELECT DISTINCT o.due_on FROM case_obligations o WHERE o.case_id = c.id AND ${OVERDUE('o')})` : `NULL::date]`}, NULL)
      FROM cases c WHERE c.id = p_case
    $$`);

  sqls.push(`CREATE OR REPLACE FUNCTION statistics_rebuild_buckets() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM statistics_branch_days; DELETE FROM statistics_branch_months;
        DELETE FROM statistics_institution_days; DELETE FROM statistics_institution_months; DELETE FROM statistics_case_buckets;
        INSERT INTO statistics_branch_days (center_id, branch_id, day, institution_id, branch_path, ${FIGURES.join(', ')})
        WITH ev AS (
          SELECT center_id, branch_id, statistics_day(submitted_at) AS day, 1 AS referral, amount_fen AS disputed, 0 AS acc, NULL::int AS acc_days,
                 NULL::text AS outcome, 0::bigint AS settled_fen, NULL::int AS conc_days, NULL::int AS sat, 0 AS breach, 0 AS judicial, 0 AS overdue
          FROM cases WHERE submitted_at IS NOT NULL
          UNION ALL
          SELECT center_id, branch_id, statistics_day(accepted_at), 0, 0, 1, statistics_day(accepted_at) - statistics_day(submitted_at), NULL, 0, NULL, NULL, 0, 0, 0
          FROM cases WHERE accepted_at IS NOT NULL
          UNION ALL
          SELECT c.center_id, c.branch_id, statistics_day(c.concluded_at), 0, 0, 0, NULL, c.outcome, CASE WHEN c.outcome = 'settled' THEN c.settled_amount_fen ELSE 0 END,
                 statistics_day(c.concluded_at) - statistics_day(c.accepted_at), NULL, (${breached('c')})::int, 0, 0
          FROM cases c ${FIRST_SESSION('c')} WHERE c.concluded_at IS NOT NULL
          UNION ALL
          SELECT c.center_id, c.branch_id, statistics_day(v.answered_at), 0, 0, 0, NULL, NULL, 0, NULL, v.satisfaction, 0, 0, 0
          FROM follow_up_surveys v JOIN cases c ON c.id = v.case_id WHERE v.satisfaction IS NOT NULL AND v.answered_at IS NOT NULL
          UNION ALL
          SELECT c.center_id, c.branch_id, j.result_on, 0, 0, 0, NULL, NULL, 0, NULL, NULL, 0, 1, 0
          FROM judicial_confirmations j JOIN cases c ON c.id = j.case_id WHERE j.result = 'confirmed'
          UNION ALL
          SELECT o.center_id, c.branch_id, o.due_on, 0, 0, 0, NULL, NULL, 0, NULL, NULL, 0, 0, 1
          FROM case_obligations o JOIN cases c ON c.id = o.case_id WHERE ${OVERDUE('o')}
        ), g AS (
          SELECT center_id, branch_id, day,
                 sum(referral)::int AS referrals, sum(acc)::int AS accepted, count(outcome)::int AS concluded,
                 count(*) FILTER (WHERE outcome = 'settled')::int AS settled, count(*) FILTER (WHERE outcome = 'not_settled')::int AS not_settled,
                 count(*) FILTER (WHERE outcome = 'withdrawn')::int AS withdrawn, count(*) FILTER (WHERE outcome = 'terminated')::int AS terminated,
                 coalesce(sum(sat), 0)::int AS satisfaction_sum, count(sat)::int AS satisfaction_count,
                 sum(breach)::int AS breached, sum(judicial)::int AS judicial_confirmed, sum(overdue)::int AS obligations_overdue,
                 sum(disputed)::bigint AS disputed_fen, sum(settled_fen)::bigint AS settled_fen,
                 statistics_histogram(array_agg(acc_days) FILTER (WHERE acc_days IS NOT NULL)) AS accept_days,
                 statistics_histogram(array_agg(conc_days) FILTER (WHERE outcome IS NOT NULL AND conc_days IS NOT NULL)) AS conclude_days
          FROM ev WHERE ${withNew ? 'true' : 'judicial + overdue = 0'} GROUP BY center_id, branch_id, day
        )
        SELECT g.center_id, g.branch_id, g.day, b.institution_id, b.path, ${FIGURES.map((f) => `g.${f}`).join(', ')}
        FROM g JOIN branches b ON b.id = g.branch_id;

        INSERT INTO statistics_branch_months (center_id, branch_id, month, institution_id, branch_path, ${FIGURES.join(', ')})
        SELECT center_id, branch_id, date_trunc('month', day)::date, institution_id, max(branch_path), ${SUMMED}
        FROM statistics_branch_days GROUP BY center_id, branch_id, date_trunc('month', day)::date, institution_id;
        INSERT INTO statistics_institution_days (center_id, day, institution_id, ${FIGURES.join(', ')})
        SELECT center_id, day, institution_id, ${SUMMED} FROM statistics_branch_days GROUP BY center_id, day, institution_id;
        INSERT INTO statistics_institution_months (center_id, month, institution_id, ${FIGURES.join(', ')})
        SELECT center_id, date_trunc('month', day)::date, institution_id, ${SUMMED}
        FROM statistics_institution_days GROUP BY center_id, date_trunc('month', day)::date, institution_id;
        INSERT INTO statistics_case_buckets (case_id, center_id, institution_id, branch_id, days)
        SELECT c.id, c.center_id, c.institution_id, c.branch_id,
               array_remove(ARRAY[statistics_day(c.submitted_at), statistics_day(c.accepted_at), statistics_day(c.concluded_at), statistics_day(v.answered_at)${withNew ? `, j.result_on]
                 || coalesce(o.days, '{}')` : ']'}, NULL)
        FROM cases c LEFT JOIN follow_up_surveys v ON v.case_id = c.id AND v.satisfaction IS NOT NULL
        LEFT JOIN judicial_confirmations j ON j.case_id = c.id AND j.result = 'confirmed'
        LEFT JOIN (SELECT o.case_id, array_agg(DISTINCT o.due_on) AS days FROM case_obligations o WHERE ${OVERDUE('o')} GROUP BY o.case_id) o ON o.case_id = c.id
        WHERE c.submitted_at IS NOT NULL;
      END $$`);
  return sqls;
}

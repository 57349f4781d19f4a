import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '@accord/core/database/rls';

const CENTER_OWN = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;
const REGULATOR_OWN = `((SELECT app_kind()) = 'regulator' AND center_id = ANY ((SELECT app_center_ids())::uuid[]))`;
const BRANCH_OWN = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id())
  AND ((SELECT app_branch_path()) IS NULL OR branch_path LIKE (SELECT app_branch_path()) || '%'))`;
/** Institution totals cover the whole tree: a pinned user reads its subtree's branch rows only. */
const INSTITUTION_WHOLE = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id()) AND (SELECT app_branch_path()) IS NULL)`;
const SYSTEM = `(SELECT app_kind()) = 'system'`;

const COUNTS = ['referrals', 'accepted', 'concluded', 'settled', 'not_settled', 'withdrawn', 'terminated', 'satisfaction_sum', 'satisfaction_count'];
const SUMS = ['disputed_fen', 'settled_fen'];
const HISTOGRAMS = ['accept_days', 'conclude_days'];
const FIGURES = [...COUNTS, ...SUMS, ...HISTOGRAMS];
/** The figures of many buckets summed into one. */
const SUMMED = [...COUNTS.map((c) => `sum(${c})::int`), ...SUMS.map((c) => `sum(${c})::bigint`), ...HISTOGRAMS.map((c) => `statistics_hist_sum(${c})`)].join(', ');

/**
 * The statistics roll-ups' arithmetic, in the database so the worker's refresh and the seed's
 * rebuild share it, and their isolation. A branch's day bucket is recounted from the cases
 * (never incremented), its month and the institution's day and month are re-summed from the
 * buckets below, under an advisory lock per institution: a retried or racing refresh recounts
 * the same truth and can't count twice. Days are Asia/Shanghai calendar days.
 */
export class StatisticsRollups1795470500001 implements MigrationInterface {
  name = 'StatisticsRollups1795470500001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION statistics_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (at AT TIME ZONE 'Asia/Shanghai')::date $$`);
    // histogram[i] = how many values equal i - 1 (negative values, a clock error, count as 0).
    // PL/pgSQL rather than SQL: arrays updated in place are ~5× faster than generate_series joins.
    await q.query(`CREATE FUNCTION statistics_histogram(vals int[]) RETURNS int[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        h int[];
        v int;
        top int;
      BEGIN
        SELECT max(greatest(x, 0)) INTO top FROM unnest(vals) x;
        IF top IS NULL THEN RETURN '{}'; END IF;
        h := array_fill(0, ARRAY[top + 1]);
        FOREACH v IN ARRAY vals LOOP
          IF v IS NOT NULL THEN h[greatest(v, 0) + 1] := h[greatest(v, 0) + 1] + 1; END IF;
        END LOOP;
        RETURN h;
      END $$`);
    await q.query(`CREATE FUNCTION statistics_hist_add(a int[], b int[]) RETURNS int[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        i int;
      BEGIN
        IF a IS NULL OR cardinality(a) = 0 THEN RETURN coalesce(b, '{}'); END IF;
        IF b IS NULL OR cardinality(b) = 0 THEN RETURN a; END IF;
        IF cardinality(a) < cardinality(b) THEN
          FOR i IN 1..cardinality(a) LOOP b[i] := b[i] + a[i]; END LOOP;
          RETURN b;
        END IF;
        FOR i IN 1..cardinality(b) LOOP a[i] := a[i] + b[i]; END LOOP;
        RETURN a;
      END $$`);
    await q.query(`CREATE AGGREGATE statistics_hist_sum(int[]) (SFUNC = statistics_hist_add, STYPE = int[], INITCOND = '{}', COMBINEFUNC = statistics_hist_add, PARALLEL = SAFE)`);

    await q.query(`CREATE FUNCTION statistics_recount_branch_day(p_center uuid, p_branch uuid, p_day date) RETURNS void LANGUAGE plpgsql AS $$
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
                 count(*) FILTER (WHERE outcome = 'settled')::int AS settled,
                 count(*) FILTER (WHERE outcome = 'not_settled')::int AS not_settled,
                 count(*) FILTER (WHERE outcome = 'withdrawn')::int AS withdrawn,
                 count(*) FILTER (WHERE outcome = 'terminated')::int AS terminated,
                 coalesce(sum(settled_amount_fen) FILTER (WHERE outcome = 'settled'), 0)::bigint AS fen,
                 statistics_histogram(array_agg(statistics_day(concluded_at) - statistics_day(accepted_at)) FILTER (WHERE accepted_at IS NOT NULL)) AS h
          FROM cases WHERE branch_id = p_branch AND center_id = p_center AND concluded_at >= lo AND concluded_at < hi
        ), f AS (
          SELECT coalesce(sum(v.satisfaction), 0)::int AS total, count(*)::int AS n
          FROM cases c JOIN follow_up_surveys v ON v.case_id = c.id
          WHERE c.branch_id = p_branch AND c.center_id = p_center AND v.satisfaction IS NOT NULL AND v.answered_at >= lo AND v.answered_at < hi
        )
        SELECT p_center, p_branch, p_day, b.institution_id, b.path,
               s.n, a.n, k.n, k.settled, k.not_settled, k.withdrawn, k.terminated, f.total, f.n, s.fen, k.fen, a.h, k.h
        FROM s, a, k, f, branches b WHERE b.id = p_branch AND s.n + a.n + k.n + f.n > 0;
      END $$`);

    await q.query(`CREATE FUNCTION statistics_resum(p_center uuid, p_institution uuid, p_branch uuid, p_day date) RETURNS void LANGUAGE plpgsql AS $$
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

    // The days a case counts in: submitted, accepted, concluded, follow-up answered.
    await q.query(`CREATE FUNCTION statistics_case_days(p_case uuid) RETURNS date[] LANGUAGE sql STABLE AS $$
      SELECT array_remove(ARRAY[statistics_day(c.submitted_at), statistics_day(c.accepted_at), statistics_day(c.concluded_at),
        (SELECT statistics_day(v.answered_at) FROM follow_up_surveys v WHERE v.case_id = c.id AND v.satisfaction IS NOT NULL)], NULL)
      FROM cases c WHERE c.id = p_case
    $$`);

    await q.query(`CREATE FUNCTION statistics_refresh_case(p_case uuid) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        k record;
        touched int := 0;
      BEGIN
        -- One lock per institution, taken in id order, before reading what to recount.
        FOR k IN SELECT DISTINCT x FROM (
            SELECT institution_id AS x FROM cases WHERE id = p_case
            UNION SELECT institution_id FROM statistics_case_buckets WHERE case_id = p_case) t ORDER BY x LOOP
          PERFORM pg_advisory_xact_lock(hashtextextended('statistics:' || k.x::text, 0));
        END LOOP;
        FOR k IN SELECT DISTINCT center_id, institution_id, branch_id, day FROM (
            SELECT c.center_id, c.institution_id, c.branch_id, unnest(statistics_case_days(c.id)) AS day FROM cases c WHERE c.id = p_case
            UNION ALL
            SELECT o.center_id, o.institution_id, o.branch_id, unnest(o.days) FROM statistics_case_buckets o WHERE o.case_id = p_case
          ) t ORDER BY center_id, branch_id, day LOOP
          PERFORM statistics_recount_branch_day(k.center_id, k.branch_id, k.day);
          PERFORM statistics_resum(k.center_id, k.institution_id, k.branch_id, k.day);
          touched := touched + 1;
        END LOOP;
        DELETE FROM statistics_case_buckets WHERE case_id = p_case;
        INSERT INTO statistics_case_buckets (case_id, center_id, institution_id, branch_id, days)
        SELECT c.id, c.center_id, c.institution_id, c.branch_id, statistics_case_days(c.id) FROM cases c
        WHERE c.id = p_case AND cardinality(statistics_case_days(c.id)) > 0;
        RETURN touched;
      END $$`);

    // From scratch over every case, grouped rather than bucket by bucket (the seed uses it; a
    // test proves it equals the worker's incremental result).
    await q.query(`CREATE FUNCTION statistics_rebuild_all() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM statistics_branch_days; DELETE FROM statistics_branch_months;
        DELETE FROM statistics_institution_days; DELETE FROM statistics_institution_months; DELETE FROM statistics_case_buckets;
        INSERT INTO statistics_branch_days (center_id, branch_id, day, institution_id, branch_path, ${FIGURES.join(', ')})
        WITH ev AS (
          SELECT center_id, branch_id, statistics_day(submitted_at) AS day, 1 AS referral, amount_fen AS disputed, 0 AS acc, NULL::int AS acc_days,
                 NULL::text AS outcome, 0::bigint AS settled_fen, NULL::int AS conc_days, NULL::int AS sat
          FROM cases WHERE submitted_at IS NOT NULL
          UNION ALL
          SELECT center_id, branch_id, statistics_day(accepted_at), 0, 0, 1, statistics_day(accepted_at) - statistics_day(submitted_at), NULL, 0, NULL, NULL
          FROM cases WHERE accepted_at IS NOT NULL
          UNION ALL
          SELECT center_id, branch_id, statistics_day(concluded_at), 0, 0, 0, NULL, outcome, CASE WHEN outcome = 'settled' THEN settled_amount_fen ELSE 0 END,
                 statistics_day(concluded_at) - statistics_day(accepted_at), NULL
          FROM cases WHERE concluded_at IS NOT NULL
          UNION ALL
          SELECT c.center_id, c.branch_id, statistics_day(v.answered_at), 0, 0, 0, NULL, NULL, 0, NULL, v.satisfaction
          FROM follow_up_surveys v JOIN cases c ON c.id = v.case_id WHERE v.satisfaction IS NOT NULL AND v.answered_at IS NOT NULL
        ), g AS (
          SELECT center_id, branch_id, day,
                 sum(referral)::int AS referrals, sum(acc)::int AS accepted, count(outcome)::int AS concluded,
                 count(*) FILTER (WHERE outcome = 'settled')::int AS settled, count(*) FILTER (WHERE outcome = 'not_settled')::int AS not_settled,
                 count(*) FILTER (WHERE outcome = 'withdrawn')::int AS withdrawn, count(*) FILTER (WHERE outcome = 'terminated')::int AS terminated,
                 coalesce(sum(sat), 0)::int AS satisfaction_sum, count(sat)::int AS satisfaction_count,
                 sum(disputed)::bigint AS disputed_fen, sum(settled_fen)::bigint AS settled_fen,
                 statistics_histogram(array_agg(acc_days) FILTER (WHERE acc_days IS NOT NULL)) AS accept_days,
                 statistics_histogram(array_agg(conc_days) FILTER (WHERE outcome IS NOT NULL AND conc_days IS NOT NULL)) AS conclude_days
          FROM ev GROUP BY center_id, branch_id, day
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
               array_remove(ARRAY[statistics_day(c.submitted_at), statistics_day(c.accepted_at), statistics_day(c.concluded_at), statistics_day(v.answered_at)], NULL)
        FROM cases c LEFT JOIN follow_up_surveys v ON v.case_id = c.id AND v.satisfaction IS NOT NULL
        WHERE c.submitted_at IS NOT NULL;
      END $$`);

    const tables = ['statistics_branch_days', 'statistics_branch_months', 'statistics_institution_days', 'statistics_institution_months', 'statistics_case_buckets'];
    for (const t of tables) {
      for (const sql of enableRowLevelSecurity(t)) await q.query(sql);
      await q.query(`CREATE POLICY ${t}_system ON ${t} FOR ALL USING (${SYSTEM}) WITH CHECK (${SYSTEM})`);
    }
    for (const t of ['statistics_branch_days', 'statistics_branch_months']) {
      await q.query(`CREATE POLICY ${t}_read ON ${t} FOR SELECT USING (${CENTER_OWN} OR ${BRANCH_OWN} OR ${REGULATOR_OWN})`);
    }
    for (const t of ['statistics_institution_days', 'statistics_institution_months']) {
      await q.query(`CREATE POLICY ${t}_read ON ${t} FOR SELECT USING (${CENTER_OWN} OR ${INSTITUTION_WHOLE} OR ${REGULATOR_OWN})`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables.join(', ')} TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    const tables = ['statistics_branch_days', 'statistics_branch_months', 'statistics_institution_days', 'statistics_institution_months', 'statistics_case_buckets'];
    await q.query(`REVOKE ALL ON ${tables.join(', ')} FROM accord_app`);
    for (const t of tables) {
      await q.query(`DROP POLICY ${t}_system ON ${t}`);
      if (t !== 'statistics_case_buckets') await q.query(`DROP POLICY ${t}_read ON ${t}`);
      await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP FUNCTION statistics_rebuild_all()`);
    await q.query(`DROP FUNCTION statistics_refresh_case(uuid)`);
    await q.query(`DROP FUNCTION statistics_case_days(uuid)`);
    await q.query(`DROP FUNCTION statistics_resum(uuid, uuid, uuid, date)`);
    await q.query(`DROP FUNCTION statistics_recount_branch_day(uuid, uuid, date)`);
    await q.query(`DROP AGGREGATE statistics_hist_sum(int[])`);
    await q.query(`DROP FUNCTION statistics_hist_add(int[], int[])`);
    await q.query(`DROP FUNCTION statistics_histogram(int[])`);
    await q.query(`DROP FUNCTION statistics_day(timestamptz)`);
  }
}

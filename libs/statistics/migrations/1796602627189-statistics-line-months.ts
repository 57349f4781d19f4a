import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '@accord/core/database/rls';

const CENTER_OWN = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;
const REGULATOR_OWN = `((SELECT app_kind()) = 'regulator' AND center_id = ANY ((SELECT app_center_ids())::uuid[]))`;
const INSTITUTION_WHOLE = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id()) AND (SELECT app_branch_path()) IS NULL)`;
const SYSTEM = `(SELECT app_kind()) = 'system'`;

const month = (at: string) => `date_trunc('month', statistics_day(${at}))::date`;
const COUNTS = ['referrals', 'accepted', 'concluded', 'settled', 'not_settled', 'withdrawn', 'terminated'];
const KEY = ['center_id', 'month', 'institution_id', 'business_line'];
const TYPE_KEY = [...KEY, 'dispute_type'];
const LINE = ['case_id', 'center_id', 'institution_id', 'business_line', 'dispute_type', 'submitted_month', 'accepted_month', 'concluded_month', 'outcome'];
/** A case as statistics_case_lines remembers it; drafts (no submission, no business line yet) count nowhere. */
const CASE_LINE = `SELECT id, center_id, institution_id, business_line, dispute_type, ${month('submitted_at')}, ${month('accepted_at')}, ${month('concluded_at')}, outcome
  FROM cases WHERE submitted_at IS NOT NULL AND business_line IS NOT NULL AND dispute_type IS NOT NULL`;
/** The months a remembered case counts in (`l`), one row per event: submitted, accepted, concluded with its outcome. */
const EVENTS = `CROSS JOIN LATERAL (VALUES
    (l.submitted_month, 1, 0, 0, 0, 0, 0, 0),
    (l.accepted_month, 0, 1, 0, 0, 0, 0, 0),
    (l.concluded_month, 0, 0, 1, (l.outcome = 'settled')::int, (l.outcome = 'not_settled')::int, (l.outcome = 'withdrawn')::int, (l.outcome = 'terminated')::int)
  ) e(month, ${COUNTS.join(', ')})`;

/**
 * Month buckets per business line (and per business line and dispute type, for a filter by
 * dispute type) for the regulator's trend lines and heat map. Kept beside the branch buckets by the same `statistics_refresh_case` (the old function is
 * renamed `statistics_refresh_case_buckets` and called first, so its advisory lock per
 * institution is held when the line buckets change) and rebuilt by the same
 * `statistics_rebuild_all`. Unlike the day buckets these are not recounted from the cases: a
 * refresh takes out what the case added last time (statistics_case_lines) and adds what it adds
 * now — no scan of an institution's cases, and still nothing counted twice when a job runs again.
 */
export class StatisticsLineMonths1796602627189 implements MigrationInterface {
  name = 'StatisticsLineMonths1796602627189';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "statistics_line_months" ("referrals" integer NOT NULL DEFAULT '0', "accepted" integer NOT NULL DEFAULT '0', "concluded" integer NOT NULL DEFAULT '0', "settled" integer NOT NULL DEFAULT '0', "not_settled" integer NOT NULL DEFAULT '0', "withdrawn" integer NOT NULL DEFAULT '0', "terminated" integer NOT NULL DEFAULT '0', "center_id" uuid NOT NULL, "month" date NOT NULL, "institution_id" uuid NOT NULL, "business_line" character varying(32) NOT NULL, CONSTRAINT "pk_statistics_line_months" PRIMARY KEY ("center_id", "month", "institution_id", "business_line"))`);
    await queryRunner.query(`CREATE TABLE "statistics_line_type_months" ("referrals" integer NOT NULL DEFAULT '0', "accepted" integer NOT NULL DEFAULT '0', "concluded" integer NOT NULL DEFAULT '0', "settled" integer NOT NULL DEFAULT '0', "not_settled" integer NOT NULL DEFAULT '0', "withdrawn" integer NOT NULL DEFAULT '0', "terminated" integer NOT NULL DEFAULT '0', "center_id" uuid NOT NULL, "month" date NOT NULL, "institution_id" uuid NOT NULL, "business_line" character varying(32) NOT NULL, "dispute_type" character varying(32) NOT NULL, CONSTRAINT "pk_statistics_line_type_months" PRIMARY KEY ("center_id", "month", "institution_id", "business_line", "dispute_type"))`);
    await queryRunner.query(`CREATE INDEX "idx_statistics_line_type_months_type" ON "statistics_line_type_months"  ("center_id", "dispute_type", "month") `);
    await queryRunner.query(`CREATE TABLE "statistics_case_lines" ("case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "business_line" character varying(32) NOT NULL, "dispute_type" character varying(32) NOT NULL, "submitted_month" date NOT NULL, "accepted_month" date, "concluded_month" date, "outcome" character varying(32), CONSTRAINT "pk_statistics_case_lines" PRIMARY KEY ("case_id"))`);

    // Adds (sign 1) or takes out (sign -1) what the remembered case counts in, in both tables.
    const add = (table: string, key: string[]) => {
      const group = key.map((k) => (k === 'month' ? 'e.month' : `l.${k}`)).join(', ');
      return `INSERT INTO ${table} AS t (${key.join(', ')}, ${COUNTS.join(', ')})
        SELECT ${group}, ${COUNTS.map((c) => `sum(e.${c})::int * p_sign`).join(', ')}
        FROM statistics_case_lines l ${EVENTS}
        WHERE l.case_id = p_case AND e.month IS NOT NULL
        GROUP BY ${group}
        ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${COUNTS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')};`;
    };
    await queryRunner.query(`CREATE FUNCTION statistics_lines_add(p_case uuid, p_sign int) RETURNS void LANGUAGE sql AS $$
      ${add('statistics_line_type_months', TYPE_KEY)}
      ${add('statistics_line_months', KEY)}
    $$`);
    await queryRunner.query(`CREATE FUNCTION statistics_refresh_case_lines(p_case uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        prev statistics_case_lines;
      BEGIN
        SELECT * INTO prev FROM statistics_case_lines WHERE case_id = p_case;
        PERFORM statistics_lines_add(p_case, -1);
        DELETE FROM statistics_case_lines WHERE case_id = p_case;
        INSERT INTO statistics_case_lines (${LINE.join(', ')}) ${CASE_LINE} AND id = p_case;
        PERFORM statistics_lines_add(p_case, 1);
        -- A bucket the case alone made leaves no row of zeros behind (a rebuild has none).
        IF prev.case_id IS NOT NULL THEN
          DELETE FROM statistics_line_type_months WHERE center_id = prev.center_id AND institution_id = prev.institution_id
            AND business_line = prev.business_line AND dispute_type = prev.dispute_type
            AND month IN (prev.submitted_month, prev.accepted_month, prev.concluded_month) AND referrals = 0 AND accepted = 0 AND concluded = 0;
          DELETE FROM statistics_line_months WHERE center_id = prev.center_id AND institution_id = prev.institution_id
            AND business_line = prev.business_line
            AND month IN (prev.submitted_month, prev.accepted_month, prev.concluded_month) AND referrals = 0 AND accepted = 0 AND concluded = 0;
        END IF;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION statistics_rebuild_lines() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM statistics_line_months; DELETE FROM statistics_line_type_months; DELETE FROM statistics_case_lines;
        INSERT INTO statistics_case_lines (${LINE.join(', ')}) ${CASE_LINE};
        INSERT INTO statistics_line_type_months (${TYPE_KEY.join(', ')}, ${COUNTS.join(', ')})
        SELECT l.center_id, e.month, l.institution_id, l.business_line, l.dispute_type, ${COUNTS.map((c) => `sum(e.${c})::int`).join(', ')}
        FROM statistics_case_lines l ${EVENTS}
        WHERE e.month IS NOT NULL
        GROUP BY l.center_id, e.month, l.institution_id, l.business_line, l.dispute_type;
        INSERT INTO statistics_line_months (${KEY.join(', ')}, ${COUNTS.join(', ')})
        SELECT ${KEY.join(', ')}, ${COUNTS.map((c) => `sum(${c})::int`).join(', ')} FROM statistics_line_type_months GROUP BY ${KEY.join(', ')};
      END $$`);

    await queryRunner.query(`ALTER FUNCTION statistics_refresh_case(uuid) RENAME TO statistics_refresh_case_buckets`);
    await queryRunner.query(`CREATE FUNCTION statistics_refresh_case(p_case uuid) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        touched int;
      BEGIN
        touched := statistics_refresh_case_buckets(p_case);
        PERFORM statistics_refresh_case_lines(p_case);
        RETURN touched;
      END $$`);
    await queryRunner.query(`ALTER FUNCTION statistics_rebuild_all() RENAME TO statistics_rebuild_buckets`);
    await queryRunner.query(`CREATE FUNCTION statistics_rebuild_all() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM statistics_rebuild_buckets();
        PERFORM statistics_rebuild_lines();
      END $$`);

    for (const t of ['statistics_line_months', 'statistics_line_type_months', 'statistics_case_lines']) {
      for (const sql of enableRowLevelSecurity(t)) await queryRunner.query(sql);
      await queryRunner.query(`CREATE POLICY ${t}_system ON ${t} FOR ALL USING (${SYSTEM}) WITH CHECK (${SYSTEM})`);
    }
    for (const t of ['statistics_line_months', 'statistics_line_type_months']) {
      await queryRunner.query(`CREATE POLICY ${t}_read ON ${t} FOR SELECT USING (${CENTER_OWN} OR ${INSTITUTION_WHOLE} OR ${REGULATOR_OWN})`);
    }
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON statistics_line_months, statistics_line_type_months, statistics_case_lines TO accord_app`);
    // A database with cases already: its line buckets from what is there.
    await queryRunner.query(`SELECT statistics_rebuild_lines()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION statistics_rebuild_all()`);
    await queryRunner.query(`ALTER FUNCTION statistics_rebuild_buckets() RENAME TO statistics_rebuild_all`);
    await queryRunner.query(`DROP FUNCTION statistics_refresh_case(uuid)`);
    await queryRunner.query(`ALTER FUNCTION statistics_refresh_case_buckets(uuid) RENAME TO statistics_refresh_case`);
    await queryRunner.query(`DROP FUNCTION statistics_rebuild_lines()`);
    await queryRunner.query(`DROP FUNCTION statistics_refresh_case_lines(uuid)`);
    await queryRunner.query(`DROP FUNCTION statistics_lines_add(uuid, int)`);
    await queryRunner.query(`DROP TABLE "statistics_case_lines"`);
    await queryRunner.query(`DROP TABLE "statistics_line_type_months"`);
    await queryRunner.query(`DROP TABLE "statistics_line_months"`);
  }
}

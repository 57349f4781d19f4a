import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '@accord/core/database/rls';
import { nationalCalendarYears } from '@accord/core/calendar/national-calendar';

/**
 * The second wall for cases: RLS beside the tables (DOMAIN.md "Visibility"). A center sees its
 * cases, an institution its own (a pinned user its branch subtree) but never internal notes, a
 * regulator the cases of its jurisdiction (masked by the application) and no timeline, the
 * platform operator no case content at all.
 */
export class CasesIsolation1795461300000 implements MigrationInterface {
  name = 'CasesIsolation1795461300000';

  async up(q: QueryRunner): Promise<void> {

    const tables = ['cases', 'case_events', 'case_attachments', 'case_number_counters', 'case_settings', 'calendar_days', 'calendar_years'];
    for (const t of tables) for (const sql of enableRowLevelSecurity(t)) await q.query(sql);

    // Each app_*() call is wrapped in a scalar subquery: evaluated once per statement (an
    // initplan), not once per row — a list that counts thousands of cases pays it once.
    const institutionOwn = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id())
      AND ((SELECT app_branch_path()) IS NULL OR branch_path LIKE (SELECT app_branch_path()) || '%'))`;
    const centerOwn = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;
    const regulatorOwn = `((SELECT app_kind()) = 'regulator' AND center_id = ANY ((SELECT app_center_ids())::uuid[]))`;

    await q.query(`CREATE POLICY cases_read ON cases FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ${institutionOwn} OR ((${centerOwn} OR ${regulatorOwn}) AND status <> 'draft'))`);
    // A bank files for itself; a regulator supervisor refers into its jurisdiction (监管转办).
    await q.query(`CREATE POLICY cases_file ON cases FOR INSERT WITH CHECK (
      (SELECT app_kind()) = 'system' OR ${institutionOwn} OR (${regulatorOwn} AND source = 'regulator_referral'))`);
    await q.query(`CREATE POLICY cases_work ON cases FOR UPDATE
      USING ((SELECT app_kind()) = 'system' OR ${centerOwn} OR ${institutionOwn})
      WITH CHECK ((SELECT app_kind()) = 'system' OR ${centerOwn} OR ${institutionOwn})`);
    await q.query(`CREATE POLICY cases_discard_draft ON cases FOR DELETE USING (status = 'draft' AND ${institutionOwn})`);

    await q.query(`CREATE POLICY case_events_read ON case_events FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ${centerOwn} OR (${institutionOwn} AND NOT center_only))`);
    await q.query(`CREATE POLICY case_events_append ON case_events FOR INSERT WITH CHECK (
      (SELECT app_kind()) = 'system' OR ${centerOwn} OR ((${institutionOwn} OR ${regulatorOwn}) AND NOT center_only))`);

    await q.query(`CREATE POLICY case_attachments_read ON case_attachments FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ${centerOwn} OR ${institutionOwn})`);
    await q.query(`CREATE POLICY case_attachments_add ON case_attachments FOR INSERT WITH CHECK (
      (SELECT app_kind()) = 'system' OR ${centerOwn} OR ${institutionOwn} OR ${regulatorOwn})`);
    await q.query(`CREATE POLICY case_attachments_remove ON case_attachments FOR DELETE USING (${institutionOwn})`);

    // Whoever may file to a center draws its next case number, inside the filing transaction.
    const mayFileTo = `((SELECT app_kind()) = 'system' OR center_id = (SELECT app_org_id()) OR center_id = ANY ((SELECT app_center_ids())::uuid[])
      OR ((SELECT app_kind()) = 'institution' AND EXISTS (SELECT 1 FROM memberships m
            WHERE m.center_id = case_number_counters.center_id AND m.institution_id = (SELECT app_org_id()) AND m.status = 'active')))`;
    await q.query(`CREATE POLICY case_number_counters_allocate ON case_number_counters FOR ALL USING ${mayFileTo} WITH CHECK ${mayFileTo}`);

    // Time limits and calendars are published rules: anyone signed in reads them (a bank's
    // filing computes the center's intake clock); only the center itself changes its own.
    for (const t of ['case_settings', 'calendar_days', 'calendar_years']) {
      await q.query(`CREATE POLICY ${t}_read ON ${t} FOR SELECT USING ((SELECT app_kind()) IS NOT NULL)`);
      await q.query(`CREATE POLICY ${t}_write ON ${t} FOR ALL
        USING ((SELECT app_is_operator()) OR ${centerOwn}) WITH CHECK ((SELECT app_is_operator()) OR ${centerOwn})`);
    }

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON cases, case_attachments, calendar_days, calendar_years TO accord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON case_number_counters, case_settings TO accord_app`);
    await q.query(`GRANT SELECT, INSERT ON case_events TO accord_app`);

    // Centers that exist already get the national calendar for every year the data covers.
    for (const { year, days } of nationalCalendarYears()) {
      await q.query(`INSERT INTO calendar_years (center_id, year, source) SELECT id, $1, 'chinese-days' FROM organisations WHERE kind = 'center'`, [year]);
      await q.query(
        `INSERT INTO calendar_days (center_id, day, is_working, name)
         SELECT o.id, d.day, d.is_working, d.name FROM organisations o,
           unnest($1::date[], $2::boolean[], $3::text[]) AS d(day, is_working, name) WHERE o.kind = 'center'`,
        [days.map((d) => d.day), days.map((d) => d.isWorking), days.map((d) => d.name)],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON cases, case_attachments, calendar_days, calendar_years, case_number_counters, case_settings, case_events FROM accord_app`);
    for (const [t, p] of [
      ['cases', 'cases_read'], ['cases', 'cases_file'], ['cases', 'cases_work'], ['cases', 'cases_discard_draft'],
      ['case_events', 'case_events_read'], ['case_events', 'case_events_append'],
      ['case_attachments', 'case_attachments_read'], ['case_attachments', 'case_attachments_add'], ['case_attachments', 'case_attachments_remove'],
      ['case_number_counters', 'case_number_counters_allocate'],
      ['case_settings', 'case_settings_read'], ['case_settings', 'case_settings_write'],
      ['calendar_days', 'calendar_days_read'], ['calendar_days', 'calendar_days_write'],
      ['calendar_years', 'calendar_years_read'], ['calendar_years', 'calendar_years_write'],
    ]) {
      await q.query(`DROP POLICY ${p} ON ${t}`);
    }
  }
}

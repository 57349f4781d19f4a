import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity, SYSTEM } from '@accord/core/database/rls';

/** A regulator: the rows of the centers of its jurisdiction (as the statistics roll-ups and the cases). */
const REGULATOR_OWN = `((SELECT app_kind()) = 'regulator' AND center_id = ANY ((SELECT app_center_ids())::uuid[]))`;
/** An institution: its own rows, for its users not pinned below the head office (a warning is the institution's or a business line's, not a branch's). */
const INSTITUTION_WHOLE = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id()) AND (SELECT app_branch_path()) IS NULL)`;

/**
 * Who sees early warnings: the regulators watching the center whose referrals raised it, and
 * the institution it is about; the worker (system) raises them. A regulator acknowledges
 * (updates) its jurisdiction's and writes their timeline. Centers do not see them: the warning
 * is between the supervisor and the bank, the center mediates.
 */
export class WarningsIsolation1796602734149 implements MigrationInterface {
  name = 'WarningsIsolation1796602734149';

  async up(q: QueryRunner): Promise<void> {
    for (const t of ['supervision_warnings', 'supervision_warning_events']) {
      for (const sql of enableRowLevelSecurity(t)) await q.query(sql);
      await q.query(`CREATE POLICY ${t}_system ON ${t} FOR ALL USING (${SYSTEM}) WITH CHECK (${SYSTEM})`);
      await q.query(`CREATE POLICY ${t}_read ON ${t} FOR SELECT USING (${REGULATOR_OWN} OR ${INSTITUTION_WHOLE})`);
    }
    await q.query(`CREATE POLICY supervision_warnings_acknowledge ON supervision_warnings FOR UPDATE USING (${REGULATOR_OWN}) WITH CHECK (${REGULATOR_OWN})`);
    await q.query(`CREATE POLICY supervision_warning_events_write ON supervision_warning_events FOR INSERT WITH CHECK (${REGULATOR_OWN})`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON supervision_warnings TO accord_app`);
    await q.query(`GRANT SELECT, INSERT ON supervision_warning_events TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON supervision_warnings, supervision_warning_events FROM accord_app`);
    await q.query(`DROP POLICY supervision_warning_events_write ON supervision_warning_events`);
    await q.query(`DROP POLICY supervision_warnings_acknowledge ON supervision_warnings`);
    for (const t of ['supervision_warnings', 'supervision_warning_events']) {
      await q.query(`DROP POLICY ${t}_read ON ${t}`);
      await q.query(`DROP POLICY ${t}_system ON ${t}`);
      await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    }
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

const CENTER_OWN = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;
const INSTITUTION_OWN = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id())
  AND ((SELECT app_branch_path()) IS NULL OR branch_path LIKE (SELECT app_branch_path()) || '%'))`;
const SYSTEM = `(SELECT app_kind()) = 'system'`;

/**
 * RLS for the session console, beside its tables. Check-ins and caucuses are seen like the
 * session (the center, the respondent bank's subtree) and written by the center only; the
 * mediator's private notes are their author's alone; the method, its ticks and the calls are
 * the center's own.
 */
export class SessionConsoleIsolation1795470050000 implements MigrationInterface {
  name = 'SessionConsoleIsolation1795470050000';

  async up(q: QueryRunner): Promise<void> {
    const tables = ['session_check_ins', 'session_caucuses', 'session_notes', 'mediation_method_steps', 'session_step_ticks', 'session_calls'];
    for (const t of tables) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" FORCE ROW LEVEL SECURITY`);
    }
    for (const t of ['session_check_ins', 'session_caucuses']) {
      await q.query(`CREATE POLICY ${t}_read ON ${t} FOR SELECT USING (${SYSTEM} OR ${CENTER_OWN} OR ${INSTITUTION_OWN})`);
      await q.query(`CREATE POLICY ${t}_write ON ${t} FOR INSERT WITH CHECK (${SYSTEM} OR ${CENTER_OWN})`);
      await q.query(`CREATE POLICY ${t}_change ON ${t} FOR UPDATE USING (${SYSTEM} OR ${CENTER_OWN}) WITH CHECK (${SYSTEM} OR ${CENTER_OWN})`);
    }
    await q.query(`CREATE POLICY session_notes_author ON session_notes FOR ALL
      USING (${CENTER_OWN} AND author_id = (SELECT app_user_id())) WITH CHECK (${CENTER_OWN} AND author_id = (SELECT app_user_id()))`);
    for (const t of ['mediation_method_steps', 'session_step_ticks', 'session_calls']) {
      await q.query(`CREATE POLICY ${t}_center ON ${t} FOR ALL USING (${SYSTEM} OR ${CENTER_OWN}) WITH CHECK (${SYSTEM} OR ${CENTER_OWN})`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON session_check_ins, session_caucuses, session_notes, session_calls TO accord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON mediation_method_steps, session_step_ticks TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    const tables = ['session_check_ins', 'session_caucuses', 'session_notes', 'mediation_method_steps', 'session_step_ticks', 'session_calls'];
    await q.query(`REVOKE ALL ON ${tables.join(', ')} FROM accord_app`);
    for (const t of ['session_check_ins', 'session_caucuses']) {
      await q.query(`DROP POLICY ${t}_read ON ${t}`);
      await q.query(`DROP POLICY ${t}_write ON ${t}`);
      await q.query(`DROP POLICY ${t}_change ON ${t}`);
    }
    await q.query(`DROP POLICY session_notes_author ON session_notes`);
    for (const t of ['mediation_method_steps', 'session_step_ticks', 'session_calls']) await q.query(`DROP POLICY ${t}_center ON ${t}`);
    for (const t of tables) await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { CENTER_OWN, caseOwnedPolicies, centerOwnedPolicy, enableRowLevelSecurity } from '@accord/core/database/rls';


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
    for (const t of tables) for (const sql of enableRowLevelSecurity(t)) await q.query(sql);
    for (const t of ['session_check_ins', 'session_caucuses']) {
      for (const sql of caseOwnedPolicies(t)) await q.query(sql);
    }
    await q.query(`CREATE POLICY session_notes_author ON session_notes FOR ALL
      USING (${CENTER_OWN} AND author_id = (SELECT app_user_id())) WITH CHECK (${CENTER_OWN} AND author_id = (SELECT app_user_id()))`);
    for (const t of ['mediation_method_steps', 'session_step_ticks', 'session_calls']) await q.query(centerOwnedPolicy(t));
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

import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity } from '@accord/core/database/rls';

/**
 * RLS for scheduling, beside its tables. Hours, absences and rooms are the center's own;
 * sessions are read like their case: the center, the respondent bank (its subtree for a
 * pinned user); a regulator only counts them through statistics, never reads them here.
 */
export class SchedulingIsolation1795464950000 implements MigrationInterface {
  name = 'SchedulingIsolation1795464950000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of ['mediator_working_hours', 'mediator_absences', 'mediation_rooms', 'mediation_sessions']) for (const sql of enableRowLevelSecurity(t)) await q.query(sql);
    const centerOwn = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;
    const institutionOwn = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id())
      AND ((SELECT app_branch_path()) IS NULL OR branch_path LIKE (SELECT app_branch_path()) || '%'))`;
    for (const t of ['mediator_working_hours', 'mediator_absences', 'mediation_rooms']) {
      await q.query(`CREATE POLICY ${t}_center ON ${t} FOR ALL
        USING ((SELECT app_kind()) = 'system' OR ${centerOwn}) WITH CHECK ((SELECT app_kind()) = 'system' OR ${centerOwn})`);
    }
    await q.query(`CREATE POLICY mediation_sessions_read ON mediation_sessions FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ${centerOwn} OR ${institutionOwn})`);
    // Only the center books, moves and runs sessions (a bank confirms through its case).
    await q.query(`CREATE POLICY mediation_sessions_book ON mediation_sessions FOR INSERT WITH CHECK ((SELECT app_kind()) = 'system' OR ${centerOwn})`);
    await q.query(`CREATE POLICY mediation_sessions_change ON mediation_sessions FOR UPDATE
      USING ((SELECT app_kind()) = 'system' OR ${centerOwn}) WITH CHECK ((SELECT app_kind()) = 'system' OR ${centerOwn})`);
    // Confirmations: the bank answers for itself; the consumer's answer comes through the system.
    for (const sql of enableRowLevelSecurity('session_confirmations')) await q.query(sql);
    await q.query(`CREATE POLICY session_confirmations_read ON session_confirmations FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ${centerOwn} OR ${institutionOwn})`);
    await q.query(`CREATE POLICY session_confirmations_answer ON session_confirmations FOR ALL
      USING ((SELECT app_kind()) = 'system' OR (${institutionOwn} AND party = 'bank'))
      WITH CHECK ((SELECT app_kind()) = 'system' OR (${institutionOwn} AND party = 'bank'))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON session_confirmations TO accord_app`);

    // Consumer links: the center creates and reads its own; the consumer's steps run as the system.
    // Outbound messages: the center queues and reads its own; only the worker records delivery.
    for (const t of ['consumer_links', 'outbound_messages']) for (const sql of enableRowLevelSecurity(t)) await q.query(sql);
    await q.query(`CREATE POLICY consumer_links_center ON consumer_links FOR ALL
      USING ((SELECT app_kind()) = 'system' OR ${centerOwn}) WITH CHECK ((SELECT app_kind()) = 'system' OR ${centerOwn})`);
    await q.query(`CREATE POLICY outbound_messages_read ON outbound_messages FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ((SELECT app_kind()) = 'center' AND organisation_id = (SELECT app_org_id())))`);
    await q.query(`CREATE POLICY outbound_messages_queue ON outbound_messages FOR INSERT WITH CHECK (
      (SELECT app_kind()) = 'system' OR ((SELECT app_kind()) = 'center' AND organisation_id = (SELECT app_org_id())))`);
    await q.query(`CREATE POLICY outbound_messages_deliver ON outbound_messages FOR UPDATE
      USING ((SELECT app_kind()) = 'system') WITH CHECK ((SELECT app_kind()) = 'system')`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON consumer_links, outbound_messages TO accord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON mediator_working_hours, mediator_absences, mediation_rooms TO accord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON mediation_sessions TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON mediator_working_hours, mediator_absences, mediation_rooms, mediation_sessions, session_confirmations, consumer_links, outbound_messages FROM accord_app`);
    await q.query(`DROP POLICY consumer_links_center ON consumer_links`);
    for (const p of ['outbound_messages_read', 'outbound_messages_queue', 'outbound_messages_deliver']) await q.query(`DROP POLICY ${p} ON outbound_messages`);
    for (const p of ['session_confirmations_read', 'session_confirmations_answer']) await q.query(`DROP POLICY ${p} ON session_confirmations`);
    for (const t of ['mediator_working_hours', 'mediator_absences', 'mediation_rooms']) await q.query(`DROP POLICY ${t}_center ON ${t}`);
    for (const p of ['mediation_sessions_read', 'mediation_sessions_book', 'mediation_sessions_change']) await q.query(`DROP POLICY ${p} ON mediation_sessions`);
  }
}

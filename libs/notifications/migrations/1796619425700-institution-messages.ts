import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bank sends and receives messages too (issue 17): its branch texts the consumer a consent link
 * before the center sees the referral, and its admins read their own log (an endpoint switched off
 * after failures, notification copies). An institution queues and reads its own, as a center does;
 * delivery stays the worker's.
 */
export class InstitutionMessages1796619425700 implements MigrationInterface {
  name = 'InstitutionMessages1796619425700';

  async up(q: QueryRunner): Promise<void> {
    const own = `((SELECT app_kind()) IN ('center', 'institution') AND organisation_id = (SELECT app_org_id()))`;
    await q.query(`DROP POLICY outbound_messages_read ON outbound_messages`);
    await q.query(`DROP POLICY outbound_messages_queue ON outbound_messages`);
    await q.query(`CREATE POLICY outbound_messages_read ON outbound_messages FOR SELECT USING ((SELECT app_kind()) = 'system' OR ${own})`);
    await q.query(`CREATE POLICY outbound_messages_queue ON outbound_messages FOR INSERT WITH CHECK ((SELECT app_kind()) = 'system' OR ${own})`);
  }

  async down(q: QueryRunner): Promise<void> {
    const own = `((SELECT app_kind()) = 'center' AND organisation_id = (SELECT app_org_id()))`;
    await q.query(`DROP POLICY outbound_messages_read ON outbound_messages`);
    await q.query(`DROP POLICY outbound_messages_queue ON outbound_messages`);
    await q.query(`CREATE POLICY outbound_messages_read ON outbound_messages FOR SELECT USING ((SELECT app_kind()) = 'system' OR ${own})`);
    await q.query(`CREATE POLICY outbound_messages_queue ON outbound_messages FOR INSERT WITH CHECK ((SELECT app_kind()) = 'system' OR ${own})`);
  }
}

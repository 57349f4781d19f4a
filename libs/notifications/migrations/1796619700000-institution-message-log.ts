import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An institution reads its own message log (the e-mails sent to its people: notification copies, an
 * endpoint switched off after failures), as a center reads its own. Queuing and recording delivery
 * stay as they were (the worker's system scope does both for an institution's messages).
 */
export class InstitutionMessageLog1796619700000 implements MigrationInterface {
  name = 'InstitutionMessageLog1796619700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY outbound_messages_read ON outbound_messages`);
    await q.query(`CREATE POLICY outbound_messages_read ON outbound_messages FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ((SELECT app_kind()) IN ('center', 'institution') AND organisation_id = (SELECT app_org_id())))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY outbound_messages_read ON outbound_messages`);
    await q.query(`CREATE POLICY outbound_messages_read ON outbound_messages FOR SELECT USING (
      (SELECT app_kind()) = 'system' OR ((SELECT app_kind()) = 'center' AND organisation_id = (SELECT app_org_id())))`);
  }
}

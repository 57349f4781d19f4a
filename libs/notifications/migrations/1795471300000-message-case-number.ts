import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The message log (notifications) showed each message's case number by joining cases, a table of
 * a lib above it. The sender passes the number in now and the log keeps it; older messages take
 * theirs from the case once, here.
 */
export class MessageCaseNumber1795471300000 implements MigrationInterface {
  name = 'MessageCaseNumber1795471300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbound_messages" ADD "case_number" character varying(24)`);
    await q.query(`UPDATE outbound_messages m SET case_number = c.case_number FROM cases c WHERE c.id = m.case_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbound_messages" DROP COLUMN "case_number"`);
  }
}

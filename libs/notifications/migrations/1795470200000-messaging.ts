import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification channels: every SMS and e-mail keeps its attempts and attachments (an invitation's
 * .ics) beside its delivery status, and users may have an e-mail address for invitations.
 * outbound_messages keeps the RLS of 1795464950000 (the center reads its own, only the worker
 * records delivery); the new columns need no policy of their own.
 */
export class Messaging1795470200000 implements MigrationInterface {
  name = 'Messaging1795470200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbound_messages" ADD "attachments" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "outbound_messages" ADD "attempts" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "outbound_messages" ADD "last_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "outbound_messages" ADD CONSTRAINT "chk_outbound_messages_channel" CHECK (channel IN ('sms', 'email'))`);
    await q.query(`ALTER TABLE "outbound_messages" ADD CONSTRAINT "chk_outbound_messages_status" CHECK (status IN ('queued', 'sent', 'failed'))`);
    await q.query(`ALTER TABLE "outbound_messages" ADD CONSTRAINT "chk_outbound_messages_attempts" CHECK (attempts >= 0)`);
    await q.query(`ALTER TABLE "users" ADD "email" character varying(254)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "email"`);
    for (const c of ['chk_outbound_messages_attempts', 'chk_outbound_messages_status', 'chk_outbound_messages_channel']) {
      await q.query(`ALTER TABLE "outbound_messages" DROP CONSTRAINT "${c}"`);
    }
    for (const c of ['last_attempt_at', 'attempts', 'attachments']) await q.query(`ALTER TABLE "outbound_messages" DROP COLUMN "${c}"`);
  }
}

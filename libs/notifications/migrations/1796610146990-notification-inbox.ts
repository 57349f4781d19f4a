import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity, SYSTEM } from '@accord/core/database/rls';

/** The signed-in user's own rows (the same rule as their notifications). */
const OWN = `(organisation_id = (SELECT app_org_id()) AND user_id = (SELECT app_user_id()))`;

/**
 * The inbox (issue 16): each user's choice of which notification kinds also go by e-mail, read
 * and written by that user only (the worker reads them as it delivers); and a partial index that
 * makes the bell's unread count a read of the user's unread rows only.
 */
export class NotificationInbox1796610146990 implements MigrationInterface {
  name = 'NotificationInbox1796610146990';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" character varying(64) NOT NULL, "organisation_id" uuid NOT NULL, "email" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notification_preferences" PRIMARY KEY ("user_id", "kind"))`);
    await q.query(`CREATE INDEX "idx_notifications_user_unread" ON "notifications"  ("user_id") WHERE read_at IS NULL`);
    for (const sql of enableRowLevelSecurity('notification_preferences')) await q.query(sql);
    await q.query(`CREATE POLICY notification_preferences_system ON notification_preferences FOR ALL USING (${SYSTEM}) WITH CHECK (${SYSTEM})`);
    await q.query(`CREATE POLICY notification_preferences_own ON notification_preferences FOR ALL USING (${OWN}) WITH CHECK (${OWN})`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preferences TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON notification_preferences FROM accord_app`);
    await q.query(`DROP INDEX "public"."idx_notifications_user_unread"`);
    await q.query(`DROP TABLE "notification_preferences"`);
  }
}

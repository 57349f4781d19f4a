import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity, SYSTEM } from '@accord/core/database/rls';

/** An institution's own rows (its admins manage its endpoints and read their deliveries). */
const INSTITUTION = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id()))`;

/**
 * Webhooks (issue 17): a bank's endpoints and the log of every event delivered to them. Both
 * belong to the institution: it sees only its own; the worker (system) fans out and delivers.
 */

export class Webhooks1796612561299 implements MigrationInterface {
  name = 'Webhooks1796612561299';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "description" character varying(200), "event_types" text array NOT NULL, "secret" character varying(80) NOT NULL, "previous_secret" character varying(80), "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" character varying(40), "consecutive_failures" integer NOT NULL DEFAULT '0', "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_webhook_endpoints_failures" CHECK (consecutive_failures >= 0), CONSTRAINT "pk_webhook_endpoints" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_endpoints_institution" ON "webhook_endpoints"  ("institution_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "case_id" uuid NOT NULL, "outbox_id" bigint NOT NULL, "seq" bigint NOT NULL, "event_type" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_latency_ms" integer, "last_response" character varying(1024), "first_attempt_at" TIMESTAMP WITH TIME ZONE, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_webhook_deliveries_endpoint_outbox" UNIQUE ("endpoint_id", "outbox_id"), CONSTRAINT "chk_webhook_deliveries_status" CHECK (status IN ('pending', 'delivered', 'retrying', 'failed')), CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_endpoint_created" ON "webhook_deliveries"  ("endpoint_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_chain" ON "webhook_deliveries"  ("endpoint_id", "case_id", "seq") `);
    for (const table of ['webhook_endpoints', 'webhook_deliveries']) {
      for (const sql of enableRowLevelSecurity(table)) await queryRunner.query(sql);
      await queryRunner.query(`CREATE POLICY ${table}_system ON ${table} FOR ALL USING (${SYSTEM}) WITH CHECK (${SYSTEM})`);
      await queryRunner.query(`CREATE POLICY ${table}_institution ON ${table} FOR ALL USING (${INSTITUTION}) WITH CHECK (${INSTITUTION})`);
      await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO accord_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON webhook_deliveries FROM accord_app`);
    await queryRunner.query(`REVOKE ALL ON webhook_endpoints FROM accord_app`);
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_deliveries_chain"`);
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_deliveries_endpoint_created"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_endpoints_institution"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795450643054 implements MigrationInterface {
  name = 'Initial1795450643054';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), "ip" character varying(64), "user_agent" character varying(300), CONSTRAINT "pk_auth_sessions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_auth_sessions_user" ON "auth_sessions"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_refresh_tokens" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_refresh_tokens_session" ON "refresh_tokens"  ("session_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" bytea NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_api_keys_institution" ON "api_keys"  ("institution_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys"  ("key_hash") `);
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "organisation_id" uuid, "actor_user_id" uuid, "actor_api_key_id" uuid, "action" character varying(64) NOT NULL, "subject_type" character varying(32), "subject_id" character varying(64), "detail" jsonb NOT NULL DEFAULT '{}'::jsonb, "ip" character varying(64), "request_id" character varying(64), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_audit_events" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_audit_events_organisation_at" ON "audit_events"  ("organisation_id", "at") `);
    await queryRunner.query(`CREATE TABLE "outbox" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "organisation_id" uuid, "type" character varying(64) NOT NULL, "rooms" text array NOT NULL DEFAULT '{}'::text[], "payload" jsonb NOT NULL DEFAULT '{}'::jsonb, "job_name" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_outbox" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_outbox_unpublished" ON "outbox"  ("id") WHERE published_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "processed_jobs" ("job_id" character varying(120) NOT NULL, "job_name" character varying(64) NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_processed_jobs" PRIMARY KEY ("job_id"))`);
    await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" character varying(64) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "data" jsonb NOT NULL DEFAULT '{}'::jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_notifications" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_notifications_user_created" ON "notifications"  ("user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "organisations" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "code" character varying(8), "region_code" character varying(12), "is_active" boolean NOT NULL DEFAULT true, CONSTRAINT "chk_organisations_center_code" CHECK ((kind = 'center') = (code IS NOT NULL)), CONSTRAINT "chk_organisations_kind" CHECK (kind IN ('platform', 'center', 'institution', 'regulator')), CONSTRAINT "pk_organisations" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisations_code" ON "organisations"  ("code") `);
    await queryRunner.query(`CREATE INDEX "idx_organisations_kind_name" ON "organisations"  ("kind", "name") `);
    await queryRunner.query(`CREATE TABLE "branches" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid NOT NULL, "parent_id" uuid, "level" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "code" character varying(32) NOT NULL, "path" text NOT NULL, CONSTRAINT "chk_branches_root" CHECK ((parent_id IS NULL) = (level = 'head_office')), CONSTRAINT "chk_branches_level" CHECK (level IN ('head_office', 'branch', 'sub_branch', 'outlet')), CONSTRAINT "pk_branches" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_branches_institution_path" ON "branches"  ("institution_id", "path") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_branches_institution_code" ON "branches"  ("institution_id", "code") `);
    await queryRunner.query(`CREATE TABLE "memberships" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "since" date NOT NULL, CONSTRAINT "chk_memberships_status" CHECK (status IN ('active', 'suspended', 'ended')), CONSTRAINT "pk_memberships" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_memberships_institution" ON "memberships"  ("institution_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_memberships_center_institution" ON "memberships"  ("center_id", "institution_id") `);
    await queryRunner.query(`CREATE TABLE "regulator_jurisdictions" ("regulator_id" uuid NOT NULL, "center_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_regulator_jurisdictions" PRIMARY KEY ("regulator_id", "center_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_regulator_jurisdictions_center" ON "regulator_jurisdictions"  ("center_id") `);
    await queryRunner.query(`CREATE TABLE "users" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "branch_id" uuid, "username" character varying(64) NOT NULL, "display_name" character varying(100) NOT NULL, "password_hash" text NOT NULL, "roles" text array NOT NULL, "affiliated_institution_id" uuid, "is_active" boolean NOT NULL DEFAULT true, CONSTRAINT "chk_users_roles" CHECK (cardinality(roles) > 0), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_users_organisation_name" ON "users"  ("organisation_id", "display_name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users"  ("username") `);
    await queryRunner.query(`ALTER TABLE "branches" ADD CONSTRAINT "fk_branches_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "branches" ADD CONSTRAINT "fk_branches_parent_id" FOREIGN KEY ("parent_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "memberships" ADD CONSTRAINT "fk_memberships_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "memberships" ADD CONSTRAINT "fk_memberships_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "regulator_jurisdictions" ADD CONSTRAINT "fk_regulator_jurisdictions_regulator_id" FOREIGN KEY ("regulator_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "regulator_jurisdictions" ADD CONSTRAINT "fk_regulator_jurisdictions_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users_branch_id" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users_affiliated_institution_id" FOREIGN KEY ("affiliated_institution_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_affiliated_institution_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_branch_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_organisation_id"`);
    await queryRunner.query(`ALTER TABLE "regulator_jurisdictions" DROP CONSTRAINT "fk_regulator_jurisdictions_center_id"`);
    await queryRunner.query(`ALTER TABLE "regulator_jurisdictions" DROP CONSTRAINT "fk_regulator_jurisdictions_regulator_id"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_institution_id"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_center_id"`);
    await queryRunner.query(`ALTER TABLE "branches" DROP CONSTRAINT "fk_branches_parent_id"`);
    await queryRunner.query(`ALTER TABLE "branches" DROP CONSTRAINT "fk_branches_institution_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_username"`);
    await queryRunner.query(`DROP INDEX "public"."idx_users_organisation_name"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."idx_regulator_jurisdictions_center"`);
    await queryRunner.query(`DROP TABLE "regulator_jurisdictions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_memberships_center_institution"`);
    await queryRunner.query(`DROP INDEX "public"."idx_memberships_institution"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP INDEX "public"."uq_branches_institution_code"`);
    await queryRunner.query(`DROP INDEX "public"."idx_branches_institution_path"`);
    await queryRunner.query(`DROP TABLE "branches"`);
    await queryRunner.query(`DROP INDEX "public"."idx_organisations_kind_name"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organisations_code"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notifications_user_created"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP TABLE "processed_jobs"`);
    await queryRunner.query(`DROP INDEX "public"."idx_outbox_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_events_organisation_at"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_keys_hash"`);
    await queryRunner.query(`DROP INDEX "public"."idx_api_keys_institution"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refresh_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refresh_tokens_session"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."idx_auth_sessions_user"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
  }
}

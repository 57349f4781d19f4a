import { MigrationInterface, QueryRunner } from 'typeorm';

export class Cases1795461230614 implements MigrationInterface {
  name = 'Cases1795461230614';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "calendar_days" ("center_id" uuid NOT NULL, "day" date NOT NULL, "is_working" boolean NOT NULL, "name" character varying(60) NOT NULL DEFAULT '', CONSTRAINT "pk_calendar_days" PRIMARY KEY ("center_id", "day"))`);
    await queryRunner.query(`CREATE TABLE "calendar_years" ("center_id" uuid NOT NULL, "year" integer NOT NULL, "source" character varying(40) NOT NULL DEFAULT 'manual', CONSTRAINT "pk_calendar_years" PRIMARY KEY ("center_id", "year"))`);
    await queryRunner.query(`CREATE TABLE "case_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "file_name" character varying(255) NOT NULL, "content_type" character varying(120) NOT NULL, "size_bytes" integer NOT NULL, "sha256" bytea NOT NULL, "storage_key" character varying(200) NOT NULL, "uploaded_by" uuid, "uploaded_by_name" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_case_attachments_size" CHECK (size_bytes > 0), CONSTRAINT "pk_case_attachments" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_attachments_case" ON "case_attachments"  ("case_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "case_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" character varying(20) NOT NULL, "center_only" boolean NOT NULL DEFAULT false, "actor_user_id" uuid, "actor_organisation_id" uuid, "actor_name" character varying(120) NOT NULL, "from_status" character varying(16), "to_status" character varying(16), "body" text, "detail" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "chk_case_events_internal" CHECK (kind <> 'internal_note' OR center_only), CONSTRAINT "chk_case_events_kind" CHECK (kind IN ('transition','comment','internal_note','attachment','assignment','track_changed','edited')), CONSTRAINT "pk_case_events" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_events_case_at" ON "case_events"  ("case_id", "at", "id") `);
    await queryRunner.query(`CREATE TABLE "case_number_counters" ("center_id" uuid NOT NULL, "year" integer NOT NULL, "last_value" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_case_number_counters" PRIMARY KEY ("center_id", "year"))`);
    await queryRunner.query(`CREATE TABLE "case_settings" ("center_id" uuid NOT NULL, "small_claims_max_fen" bigint NOT NULL DEFAULT '500000', "intake_days" integer NOT NULL DEFAULT '5', "small_claims_contact_days" integer NOT NULL DEFAULT '2', "first_session_days" integer NOT NULL DEFAULT '10', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_case_settings_positive" CHECK (small_claims_max_fen >= 0 AND intake_days > 0 AND small_claims_contact_days > 0 AND first_session_days > 0), CONSTRAINT "pk_case_settings" PRIMARY KEY ("center_id"))`);
    await queryRunner.query(`CREATE TABLE "cases" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_id" uuid NOT NULL, "branch_path" text NOT NULL, "branch_level2_id" uuid, "branch_level3_id" uuid, "branch_level4_id" uuid, "created_by_organisation_id" uuid NOT NULL, "created_by_user_id" uuid, "created_by_api_key_id" uuid, "idempotency_key" character varying(80), "idempotency_hash" bytea, "case_number" character varying(24), "status" character varying(16) NOT NULL DEFAULT 'draft', "track" character varying(16) NOT NULL, "source" character varying(24) NOT NULL, "business_line" character varying(24), "dispute_type" character varying(24), "amount_fen" bigint NOT NULL DEFAULT '0', "facts" text NOT NULL DEFAULT '', "claims" text NOT NULL DEFAULT '', "bank_position" text NOT NULL DEFAULT '', "prior_complaint_ref" character varying(64), "complaint_received_on" date, "preferred_channel" character varying(12), "preferred_times" character varying(200), "consent_at" TIMESTAMP WITH TIME ZONE, "consent_note" character varying(200), "consumer_id_type" character varying(24), "consumer_needs_assistance" boolean NOT NULL DEFAULT false, "consumer_sealed" bytea, "consumer_name_masked" character varying(40) NOT NULL DEFAULT '', "consumer_phone_masked" character varying(24) NOT NULL DEFAULT '', "consumer_id_masked" character varying(40) NOT NULL DEFAULT '', "consumer_phone_hash" bytea, "consumer_id_hash" bytea, "mediator_id" uuid, "mediator_name" character varying(100), "possible_repeat_of" uuid, "reject_reason" character varying(40), "submitted_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "assigned_at" TIMESTAMP WITH TIME ZONE, "intake_due_on" date, "first_session_due_on" date, "clock_problem" character varying(40), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "chk_cases_mediator" CHECK (status NOT IN ('assigned','scheduled','in_session','adjourned') OR mediator_id IS NOT NULL), CONSTRAINT "chk_cases_complete" CHECK (status = 'draft' OR (business_line IS NOT NULL AND dispute_type IS NOT NULL AND consumer_sealed IS NOT NULL AND submitted_at IS NOT NULL)), CONSTRAINT "chk_cases_consent" CHECK (status = 'draft' OR consent_at IS NOT NULL), CONSTRAINT "chk_cases_number" CHECK ((status = 'draft') = (case_number IS NULL)), CONSTRAINT "chk_cases_amount" CHECK (amount_fen >= 0), CONSTRAINT "chk_cases_source" CHECK (source IN ('branch_referral','regulator_referral','self_application','court_entrusted')), CONSTRAINT "chk_cases_track" CHECK (track IN ('small_claims','simple','normal','complex')), CONSTRAINT "chk_cases_status" CHECK (status IN ('draft','submitted','returned','rejected','accepted','assigned','scheduled','in_session','adjourned','settled','not_settled','withdrawn','terminated','closed')), CONSTRAINT "pk_cases" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_cases_center_id_hash" ON "cases"  ("center_id", "consumer_id_hash") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_center_phone_hash" ON "cases"  ("center_id", "consumer_phone_hash") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_mediator_open" ON "cases"  ("mediator_id", "status") WHERE status IN ('assigned','scheduled','in_session','adjourned')`);
    await queryRunner.query(`CREATE INDEX "idx_cases_mediator_updated" ON "cases"  ("mediator_id", "updated_at", "id") WHERE mediator_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_cases_branch_level4_updated" ON "cases"  ("branch_level4_id", "updated_at", "id") WHERE branch_level4_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_cases_branch_level3_updated" ON "cases"  ("branch_level3_id", "updated_at", "id") WHERE branch_level3_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_cases_branch_level2_updated" ON "cases"  ("branch_level2_id", "updated_at", "id") WHERE branch_level2_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_cases_institution_updated" ON "cases"  ("institution_id", "updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_center_status_updated" ON "cases"  ("center_id", "status", "updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_center_updated" ON "cases"  ("center_id", "updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_cases_intake_queue" ON "cases"  ("center_id", "submitted_at", "id") WHERE status IN ('submitted','returned','accepted')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_cases_idempotency" ON "cases"  ("created_by_organisation_id", "idempotency_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_cases_center_number" ON "cases"  ("center_id", "case_number") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "expertise" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "languages" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "accepting_cases" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "calendar_days" ADD CONSTRAINT "fk_calendar_days_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "calendar_years" ADD CONSTRAINT "fk_calendar_years_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_attachments" ADD CONSTRAINT "fk_case_attachments_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "fk_case_events_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_number_counters" ADD CONSTRAINT "fk_case_number_counters_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_settings" ADD CONSTRAINT "fk_case_settings_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_branch_id" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_created_by_organisation_id" FOREIGN KEY ("created_by_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_mediator_id" FOREIGN KEY ("mediator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_possible_repeat_of" FOREIGN KEY ("possible_repeat_of") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_possible_repeat_of"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_mediator_id"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_created_by_user_id"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_created_by_organisation_id"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_branch_id"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_institution_id"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_center_id"`);
    await queryRunner.query(`ALTER TABLE "case_settings" DROP CONSTRAINT "fk_case_settings_center_id"`);
    await queryRunner.query(`ALTER TABLE "case_number_counters" DROP CONSTRAINT "fk_case_number_counters_center_id"`);
    await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "fk_case_events_case_id"`);
    await queryRunner.query(`ALTER TABLE "case_attachments" DROP CONSTRAINT "fk_case_attachments_case_id"`);
    await queryRunner.query(`ALTER TABLE "calendar_years" DROP CONSTRAINT "fk_calendar_years_center_id"`);
    await queryRunner.query(`ALTER TABLE "calendar_days" DROP CONSTRAINT "fk_calendar_days_center_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "accepting_cases"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "languages"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "expertise"`);
    await queryRunner.query(`DROP INDEX "public"."uq_cases_center_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_cases_idempotency"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_intake_queue"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_center_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_center_status_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_institution_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_branch_level2_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_branch_level3_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_branch_level4_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_mediator_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_mediator_open"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_center_phone_hash"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_center_id_hash"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP TABLE "case_settings"`);
    await queryRunner.query(`DROP TABLE "case_number_counters"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_events_case_at"`);
    await queryRunner.query(`DROP TABLE "case_events"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_attachments_case"`);
    await queryRunner.query(`DROP TABLE "case_attachments"`);
    await queryRunner.query(`DROP TABLE "calendar_years"`);
    await queryRunner.query(`DROP TABLE "calendar_days"`);
  }
}

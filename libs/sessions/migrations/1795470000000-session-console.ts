import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionConsole1795470000000 implements MigrationInterface {
  name = 'SessionConsole1795470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "session_check_ins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "role" character varying(16) NOT NULL, "name" character varying(100) NOT NULL, "via" character varying(12) NOT NULL, "checked_in_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "checked_in_by" uuid, CONSTRAINT "chk_session_check_ins_role" CHECK (role IN ('consumer', 'bank_representative', 'interpreter', 'family_member', 'other')), CONSTRAINT "pk_session_check_ins" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_session_check_ins_party" ON "session_check_ins"  ("session_id", "role", "name") `);
    await queryRunner.query(`CREATE TABLE "session_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "center_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_session_notes_version" CHECK (version >= 1), CONSTRAINT "pk_session_notes" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_session_notes_author" ON "session_notes"  ("session_id", "author_id") `);
    await queryRunner.query(`CREATE TABLE "session_caucuses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "with_party" character varying(12) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, "started_by" uuid, CONSTRAINT "chk_session_caucuses_span" CHECK (ended_at IS NULL OR ended_at >= started_at), CONSTRAINT "chk_session_caucuses_party" CHECK (with_party IN ('consumer', 'bank')), CONSTRAINT "pk_session_caucuses" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_session_caucuses_session" ON "session_caucuses"  ("session_id", "started_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_session_caucuses_open" ON "session_caucuses"  ("session_id") WHERE ended_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "mediation_method_steps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "center_id" uuid NOT NULL, "position" smallint NOT NULL, "title" character varying(120) NOT NULL, "hint" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_mediation_method_steps_position" CHECK (position >= 1), CONSTRAINT "pk_mediation_method_steps" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_mediation_method_steps_position" ON "mediation_method_steps"  ("center_id", "position") `);
    await queryRunner.query(`CREATE TABLE "session_step_ticks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "center_id" uuid NOT NULL, "step_id" uuid, "position" smallint NOT NULL, "title" character varying(120) NOT NULL, "ticked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ticked_by" uuid, CONSTRAINT "pk_session_step_ticks" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_session_step_ticks_step" ON "session_step_ticks"  ("session_id", "step_id") `);
    await queryRunner.query(`CREATE TABLE "session_calls" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "party" character varying(8) NOT NULL, "source" character varying(8) NOT NULL, "status" character varying(12) NOT NULL, "provider" character varying(20), "provider_ref" character varying(100), "phone_masked" character varying(20) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "duration_seconds" integer, "recording_key" character varying(300), "recording_type" character varying(60), "note" character varying(500), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_session_calls_duration" CHECK (duration_seconds IS NULL OR duration_seconds >= 0), CONSTRAINT "chk_session_calls_span" CHECK (ended_at IS NULL OR ended_at >= started_at), CONSTRAINT "chk_session_calls_status" CHECK (status IN ('dialing', 'connected', 'completed', 'failed', 'no_answer')), CONSTRAINT "chk_session_calls_source" CHECK (source IN ('bridge', 'manual')), CONSTRAINT "chk_session_calls_party" CHECK (party IN ('consumer', 'bank', 'other')), CONSTRAINT "pk_session_calls" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_session_calls_provider_ref" ON "session_calls"  ("provider", "provider_ref") WHERE provider_ref IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_session_calls_session" ON "session_calls"  ("session_id", "started_at") `);
    // A session opens its waiting room (check-in) before it begins: a status of its own.
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "chk_mediation_sessions_status"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD CONSTRAINT "chk_mediation_sessions_status" CHECK (status IN ('booked', 'waiting', 'in_progress', 'adjourned', 'concluded', 'cancelled', 'no_show'))`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD "opened_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD "began_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD "next_session_id" uuid`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD CONSTRAINT "chk_mediation_sessions_run" CHECK (ended_at IS NULL OR (began_at IS NOT NULL AND ended_at >= began_at))`);
    await queryRunner.query(`ALTER TABLE "session_check_ins" ADD CONSTRAINT "fk_session_check_ins_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_notes" ADD CONSTRAINT "fk_session_notes_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_notes" ADD CONSTRAINT "fk_session_notes_author_id" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_caucuses" ADD CONSTRAINT "fk_session_caucuses_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mediation_method_steps" ADD CONSTRAINT "fk_mediation_method_steps_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_step_ticks" ADD CONSTRAINT "fk_session_step_ticks_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_step_ticks" ADD CONSTRAINT "fk_session_step_ticks_step_id" FOREIGN KEY ("step_id") REFERENCES "mediation_method_steps"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_calls" ADD CONSTRAINT "fk_session_calls_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_calls" DROP CONSTRAINT "fk_session_calls_session_id"`);
    await queryRunner.query(`ALTER TABLE "session_step_ticks" DROP CONSTRAINT "fk_session_step_ticks_step_id"`);
    await queryRunner.query(`ALTER TABLE "session_step_ticks" DROP CONSTRAINT "fk_session_step_ticks_session_id"`);
    await queryRunner.query(`ALTER TABLE "mediation_method_steps" DROP CONSTRAINT "fk_mediation_method_steps_center_id"`);
    await queryRunner.query(`ALTER TABLE "session_caucuses" DROP CONSTRAINT "fk_session_caucuses_session_id"`);
    await queryRunner.query(`ALTER TABLE "session_notes" DROP CONSTRAINT "fk_session_notes_author_id"`);
    await queryRunner.query(`ALTER TABLE "session_notes" DROP CONSTRAINT "fk_session_notes_session_id"`);
    await queryRunner.query(`ALTER TABLE "session_check_ins" DROP CONSTRAINT "fk_session_check_ins_session_id"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "chk_mediation_sessions_run"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP COLUMN "next_session_id"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP COLUMN "ended_at"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP COLUMN "began_at"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP COLUMN "opened_at"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "chk_mediation_sessions_status"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD CONSTRAINT "chk_mediation_sessions_status" CHECK (status IN ('booked', 'in_progress', 'adjourned', 'concluded', 'cancelled', 'no_show'))`);
    await queryRunner.query(`DROP INDEX "public"."idx_session_calls_session"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_calls_provider_ref"`);
    await queryRunner.query(`DROP TABLE "session_calls"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_step_ticks_step"`);
    await queryRunner.query(`DROP TABLE "session_step_ticks"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mediation_method_steps_position"`);
    await queryRunner.query(`DROP TABLE "mediation_method_steps"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_caucuses_open"`);
    await queryRunner.query(`DROP INDEX "public"."idx_session_caucuses_session"`);
    await queryRunner.query(`DROP TABLE "session_caucuses"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_notes_author"`);
    await queryRunner.query(`DROP TABLE "session_notes"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_check_ins_party"`);
    await queryRunner.query(`DROP TABLE "session_check_ins"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class Scheduling1795464907175 implements MigrationInterface {
  name = 'Scheduling1795464907175';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Sessions write their bookings into the case timeline (TypeORM compares CHECKs by name only).
    await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "chk_case_events_kind"`);
    await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "chk_case_events_kind" CHECK (kind IN ('transition','comment','internal_note','attachment','assignment','track_changed','edited','session'))`);
    await queryRunner.query(`CREATE TABLE "outbound_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "case_id" uuid, "channel" character varying(8) NOT NULL, "recipient_sealed" bytea NOT NULL, "recipient_masked" character varying(60) NOT NULL, "subject" character varying(200) NOT NULL DEFAULT '', "body" text NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'queued', "provider" character varying(32), "provider_ref" character varying(120), "error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_outbound_messages" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_outbound_messages_org_created" ON "outbound_messages"  ("organisation_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "mediator_working_hours" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "center_id" uuid NOT NULL, "mediator_id" uuid NOT NULL, "weekday" smallint NOT NULL, "starts_at" TIME NOT NULL, "ends_at" TIME NOT NULL, CONSTRAINT "chk_mediator_working_hours_span" CHECK (weekday BETWEEN 1 AND 7 AND ends_at > starts_at), CONSTRAINT "pk_mediator_working_hours" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_mediator_working_hours_mediator" ON "mediator_working_hours"  ("mediator_id", "weekday") `);
    await queryRunner.query(`CREATE TABLE "mediator_absences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "center_id" uuid NOT NULL, "mediator_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_mediator_absences_span" CHECK (ends_at > starts_at), CONSTRAINT "pk_mediator_absences" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_mediator_absences_mediator" ON "mediator_absences"  ("mediator_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "mediation_rooms" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "center_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "address" character varying(300) NOT NULL, "is_active" boolean NOT NULL DEFAULT true, CONSTRAINT "pk_mediation_rooms" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_mediation_rooms_center_name" ON "mediation_rooms"  ("center_id", "name") `);
    await queryRunner.query(`CREATE TABLE "mediation_sessions" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "mediator_id" uuid NOT NULL, "room_id" uuid, "channel" character varying(12) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'booked', "during" tstzrange NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "participants" jsonb NOT NULL DEFAULT '[]', "status_reason" character varying(500), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "chk_mediation_sessions_span" CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)), CONSTRAINT "chk_mediation_sessions_room" CHECK ((channel = 'on_site') = (room_id IS NOT NULL)), CONSTRAINT "chk_mediation_sessions_status" CHECK (status IN ('booked', 'in_progress', 'adjourned', 'concluded', 'cancelled', 'no_show')), CONSTRAINT "chk_mediation_sessions_channel" CHECK (channel IN ('phone', 'video', 'on_site')), CONSTRAINT "excl_mediation_sessions_room" EXCLUDE USING gist ("room_id" WITH =, "during" WITH &&) WHERE (room_id IS NOT NULL AND status <> 'cancelled'), CONSTRAINT "excl_mediation_sessions_mediator" EXCLUDE USING gist ("mediator_id" WITH =, "during" WITH &&) WHERE (status <> 'cancelled'), CONSTRAINT "pk_mediation_sessions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_mediation_sessions_institution_starts" ON "mediation_sessions"  ("institution_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "idx_mediation_sessions_center_starts" ON "mediation_sessions"  ("center_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "idx_mediation_sessions_case" ON "mediation_sessions"  ("case_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "session_confirmations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "party" character varying(12) NOT NULL, "answer" character varying(24) NOT NULL, "for_starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" character varying(300), "actor_user_id" uuid, "actor_name" character varying(100) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_session_confirmations_answer" CHECK (answer IN ('confirmed', 'other_time_requested')), CONSTRAINT "chk_session_confirmations_party" CHECK (party IN ('bank', 'consumer')), CONSTRAINT "pk_session_confirmations" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_session_confirmations_session_party" ON "session_confirmations"  ("session_id", "party") `);
    await queryRunner.query(`CREATE TABLE "consumer_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "session_id" uuid NOT NULL, "center_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "code_hash" bytea, "code_expires_at" TIMESTAMP WITH TIME ZONE, "code_sent_at" TIMESTAMP WITH TIME ZONE, "code_sends" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "access_hash" bytea, "access_expires_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_consumer_links_counts" CHECK (attempts >= 0 AND code_sends >= 0), CONSTRAINT "pk_consumer_links" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_consumer_links_session" ON "consumer_links"  ("session_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_consumer_links_access" ON "consumer_links"  ("access_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_consumer_links_token" ON "consumer_links"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "mediator_working_hours" ADD CONSTRAINT "fk_mediator_working_hours_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mediator_working_hours" ADD CONSTRAINT "fk_mediator_working_hours_mediator_id" FOREIGN KEY ("mediator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mediator_absences" ADD CONSTRAINT "fk_mediator_absences_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mediator_absences" ADD CONSTRAINT "fk_mediator_absences_mediator_id" FOREIGN KEY ("mediator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mediation_rooms" ADD CONSTRAINT "fk_mediation_rooms_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD CONSTRAINT "fk_mediation_sessions_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD CONSTRAINT "fk_mediation_sessions_mediator_id" FOREIGN KEY ("mediator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD CONSTRAINT "fk_mediation_sessions_room_id" FOREIGN KEY ("room_id") REFERENCES "mediation_rooms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_confirmations" ADD CONSTRAINT "fk_session_confirmations_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consumer_links" ADD CONSTRAINT "fk_consumer_links_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "chk_case_events_kind"`);
    await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "chk_case_events_kind" CHECK (kind IN ('transition','comment','internal_note','attachment','assignment','track_changed','edited'))`);
    await queryRunner.query(`ALTER TABLE "consumer_links" DROP CONSTRAINT "fk_consumer_links_session_id"`);
    await queryRunner.query(`ALTER TABLE "session_confirmations" DROP CONSTRAINT "fk_session_confirmations_session_id"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "fk_mediation_sessions_room_id"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "fk_mediation_sessions_mediator_id"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "fk_mediation_sessions_case_id"`);
    await queryRunner.query(`ALTER TABLE "mediation_rooms" DROP CONSTRAINT "fk_mediation_rooms_center_id"`);
    await queryRunner.query(`ALTER TABLE "mediator_absences" DROP CONSTRAINT "fk_mediator_absences_mediator_id"`);
    await queryRunner.query(`ALTER TABLE "mediator_absences" DROP CONSTRAINT "fk_mediator_absences_center_id"`);
    await queryRunner.query(`ALTER TABLE "mediator_working_hours" DROP CONSTRAINT "fk_mediator_working_hours_mediator_id"`);
    await queryRunner.query(`ALTER TABLE "mediator_working_hours" DROP CONSTRAINT "fk_mediator_working_hours_center_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_consumer_links_token"`);
    await queryRunner.query(`DROP INDEX "public"."uq_consumer_links_access"`);
    await queryRunner.query(`DROP INDEX "public"."idx_consumer_links_session"`);
    await queryRunner.query(`DROP TABLE "consumer_links"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_confirmations_session_party"`);
    await queryRunner.query(`DROP TABLE "session_confirmations"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mediation_sessions_case"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mediation_sessions_center_starts"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mediation_sessions_institution_starts"`);
    await queryRunner.query(`DROP TABLE "mediation_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mediation_rooms_center_name"`);
    await queryRunner.query(`DROP TABLE "mediation_rooms"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mediator_absences_mediator"`);
    await queryRunner.query(`DROP TABLE "mediator_absences"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mediator_working_hours_mediator"`);
    await queryRunner.query(`DROP TABLE "mediator_working_hours"`);
    await queryRunner.query(`DROP INDEX "public"."idx_outbound_messages_org_created"`);
    await queryRunner.query(`DROP TABLE "outbound_messages"`);
  }
}

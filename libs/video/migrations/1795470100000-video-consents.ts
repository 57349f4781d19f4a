import { MigrationInterface, QueryRunner } from 'typeorm';

export class VideoConsents1795470100000 implements MigrationInterface {
  name = 'VideoConsents1795470100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "video_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "party" character varying(12) NOT NULL, "participant_key" character varying(60) NOT NULL, "actor_name" character varying(100) NOT NULL, "recording" boolean NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_video_consents_party" CHECK (party IN ('mediator', 'bank', 'consumer')), CONSTRAINT "pk_video_consents" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_video_consents_session_participant" ON "video_consents"  ("session_id", "participant_key") `);
    await queryRunner.query(`ALTER TABLE "video_consents" ADD CONSTRAINT "fk_video_consents_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "video_consents" DROP CONSTRAINT "fk_video_consents_session_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_video_consents_session_participant"`);
    await queryRunner.query(`DROP TABLE "video_consents"`);
  }
}

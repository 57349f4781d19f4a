import { MigrationInterface, QueryRunner } from 'typeorm';

export class VideoRecordings1795470100002 implements MigrationInterface {
  name = 'VideoRecordings1795470100002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "video_recordings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "started_by" uuid NOT NULL, "started_by_name" character varying(100) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" character varying(60), "consented_participants" jsonb NOT NULL, "content_type" character varying(60) NOT NULL DEFAULT 'video/webm', "chunk_count" integer NOT NULL DEFAULT '0', "size_bytes" bigint NOT NULL DEFAULT '0', CONSTRAINT "chk_video_recordings_span" CHECK (ended_at IS NULL OR ended_at >= started_at), CONSTRAINT "chk_video_recordings_counts" CHECK (chunk_count >= 0 AND size_bytes >= 0), CONSTRAINT "pk_video_recordings" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_video_recordings_session" ON "video_recordings"  ("session_id", "started_at") `);
    await queryRunner.query(`ALTER TABLE "video_recordings" ADD CONSTRAINT "fk_video_recordings_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "video_recordings" DROP CONSTRAINT "fk_video_recordings_session_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_video_recordings_session"`);
    await queryRunner.query(`DROP TABLE "video_recordings"`);
  }
}

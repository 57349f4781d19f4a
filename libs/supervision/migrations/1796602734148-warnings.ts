import { MigrationInterface, QueryRunner } from 'typeorm';

export class Warnings1796602734148 implements MigrationInterface {
  name = 'Warnings1796602734148';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "supervision_warnings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "business_line" character varying(24) NOT NULL DEFAULT '', "period_kind" character varying(8) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "observed" integer NOT NULL, "expected" double precision NOT NULL, "bound" integer NOT NULL, "prior_periods" integer NOT NULL, "method" character varying(300) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "acknowledged_by_user_id" uuid, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledge_comment" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_supervision_warnings_status" CHECK (status IN ('open', 'acknowledged')), CONSTRAINT "chk_supervision_warnings_period_kind" CHECK (period_kind IN ('week', 'month')), CONSTRAINT "pk_supervision_warnings" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_supervision_warnings_center" ON "supervision_warnings"  ("center_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_supervision_warnings_unit_period" ON "supervision_warnings"  ("institution_id", "business_line", "period_kind", "period_start", "center_id") `);
    await queryRunner.query(`CREATE TABLE "supervision_warning_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "warning_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "actor_user_id" uuid, "actor_organisation_id" uuid, "comment" character varying(1000), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_supervision_warning_events_kind" CHECK (kind IN ('raised', 'acknowledged')), CONSTRAINT "pk_supervision_warning_events" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_supervision_warning_events_warning" ON "supervision_warning_events"  ("warning_id", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_supervision_warning_events_warning"`);
    await queryRunner.query(`DROP TABLE "supervision_warning_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_supervision_warnings_unit_period"`);
    await queryRunner.query(`DROP INDEX "public"."idx_supervision_warnings_center"`);
    await queryRunner.query(`DROP TABLE "supervision_warnings"`);
  }
}

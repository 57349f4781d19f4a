import { MigrationInterface, QueryRunner } from 'typeorm';
import { centerOwnedPolicy, enableRowLevelSecurity } from '@accord/core/database/rls';

/**
 * Quality review (质量评查, issue 20): the center's sampling rule and checklist, and its review
 * queue with the reviews. Both are the center's own (RLS: its users and the worker); which of the
 * center's users reads which review (a mediator their own) is the service's rule on top.
 */
export class QualityReview1796619469045 implements MigrationInterface {
  name = 'QualityReview1796619469045';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "quality_rules" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "center_id" uuid NOT NULL, "include_not_settled" boolean NOT NULL DEFAULT true, "include_terminated" boolean NOT NULL DEFAULT true, "include_breached" boolean NOT NULL DEFAULT true, "settled_percent" smallint NOT NULL DEFAULT '10', "seed" character varying(64) NOT NULL DEFAULT 'accord', "checklist" jsonb NOT NULL, "updated_by" uuid, CONSTRAINT "chk_quality_rules_checklist" CHECK (jsonb_typeof(checklist) = 'array' AND jsonb_array_length(checklist) BETWEEN 1 AND 20), CONSTRAINT "chk_quality_rules_percent" CHECK (settled_percent BETWEEN 0 AND 100), CONSTRAINT "pk_quality_rules" PRIMARY KEY ("center_id"))`);
    await queryRunner.query(`CREATE TABLE "quality_reviews" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "center_id" uuid NOT NULL, "case_id" uuid NOT NULL, "case_number" character varying(24), "mediator_id" uuid, "mediator_name" character varying(100), "outcome" character varying(16) NOT NULL, "concluded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reasons" text array NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reviewer_id" uuid, "reviewer_name" character varying(100), "scores" jsonb NOT NULL, "total_score" integer, "max_score" integer, "findings" character varying(4000), "reviewed_at" TIMESTAMP WITH TIME ZONE, "agreement_returned_at" TIMESTAMP WITH TIME ZONE, "agreement_return_note" character varying(1000), CONSTRAINT "chk_quality_reviews_returned" CHECK ((agreement_returned_at IS NULL) = (agreement_return_note IS NULL)), CONSTRAINT "chk_quality_reviews_not_own" CHECK (reviewer_id IS NULL OR mediator_id IS NULL OR reviewer_id <> mediator_id), CONSTRAINT "chk_quality_reviews_scored" CHECK ((status = 'reviewed') = (reviewed_at IS NOT NULL) AND (reviewed_at IS NULL) = (reviewer_id IS NULL) AND (reviewed_at IS NULL) = (total_score IS NULL) AND (total_score IS NULL) = (max_score IS NULL) AND (total_score IS NULL OR (total_score >= 0 AND total_score <= max_score))), CONSTRAINT "chk_quality_reviews_outcome" CHECK (outcome IN ('settled','not_settled','withdrawn','terminated')), CONSTRAINT "chk_quality_reviews_status" CHECK (status IN ('pending', 'reviewed')), CONSTRAINT "pk_quality_reviews" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_quality_reviews_reviewed" ON "quality_reviews"  ("center_id", "reviewed_at") WHERE reviewed_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_quality_reviews_mediator" ON "quality_reviews"  ("mediator_id", "entered_at", "id") WHERE mediator_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_quality_reviews_queue" ON "quality_reviews"  ("center_id", "status", "entered_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_quality_reviews_case" ON "quality_reviews"  ("case_id") `);
    await queryRunner.query(`ALTER TABLE "quality_rules" ADD CONSTRAINT "fk_quality_rules_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quality_reviews" ADD CONSTRAINT "fk_quality_reviews_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quality_reviews" ADD CONSTRAINT "fk_quality_reviews_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    for (const t of ['quality_rules', 'quality_reviews']) {
      for (const sql of enableRowLevelSecurity(t)) await queryRunner.query(sql);
      await queryRunner.query(centerOwnedPolicy(t));
    }
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON quality_rules, quality_reviews TO accord_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "quality_reviews" DROP CONSTRAINT "fk_quality_reviews_case_id"`);
    await queryRunner.query(`ALTER TABLE "quality_reviews" DROP CONSTRAINT "fk_quality_reviews_center_id"`);
    await queryRunner.query(`ALTER TABLE "quality_rules" DROP CONSTRAINT "fk_quality_rules_center_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_quality_reviews_case"`);
    await queryRunner.query(`DROP INDEX "public"."idx_quality_reviews_queue"`);
    await queryRunner.query(`DROP INDEX "public"."idx_quality_reviews_mediator"`);
    await queryRunner.query(`DROP INDEX "public"."idx_quality_reviews_reviewed"`);
    await queryRunner.query(`DROP TABLE "quality_reviews"`);
    await queryRunner.query(`DROP TABLE "quality_rules"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class Statistics1795470500000 implements MigrationInterface {
  name = 'Statistics1795470500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "statistics_branch_days" ("referrals" integer NOT NULL DEFAULT '0', "accepted" integer NOT NULL DEFAULT '0', "concluded" integer NOT NULL DEFAULT '0', "settled" integer NOT NULL DEFAULT '0', "not_settled" integer NOT NULL DEFAULT '0', "withdrawn" integer NOT NULL DEFAULT '0', "terminated" integer NOT NULL DEFAULT '0', "disputed_fen" bigint NOT NULL DEFAULT '0', "settled_fen" bigint NOT NULL DEFAULT '0', "accept_days" integer array NOT NULL DEFAULT '{}', "conclude_days" integer array NOT NULL DEFAULT '{}', "satisfaction_sum" integer NOT NULL DEFAULT '0', "satisfaction_count" integer NOT NULL DEFAULT '0', "center_id" uuid NOT NULL, "branch_id" uuid NOT NULL, "day" date NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, CONSTRAINT "pk_statistics_branch_days" PRIMARY KEY ("center_id", "branch_id", "day"))`);
    await queryRunner.query(`CREATE INDEX "idx_statistics_branch_days_institution" ON "statistics_branch_days"  ("institution_id", "day") `);
    await queryRunner.query(`CREATE TABLE "statistics_branch_months" ("referrals" integer NOT NULL DEFAULT '0', "accepted" integer NOT NULL DEFAULT '0', "concluded" integer NOT NULL DEFAULT '0', "settled" integer NOT NULL DEFAULT '0', "not_settled" integer NOT NULL DEFAULT '0', "withdrawn" integer NOT NULL DEFAULT '0', "terminated" integer NOT NULL DEFAULT '0', "disputed_fen" bigint NOT NULL DEFAULT '0', "settled_fen" bigint NOT NULL DEFAULT '0', "accept_days" integer array NOT NULL DEFAULT '{}', "conclude_days" integer array NOT NULL DEFAULT '{}', "satisfaction_sum" integer NOT NULL DEFAULT '0', "satisfaction_count" integer NOT NULL DEFAULT '0', "center_id" uuid NOT NULL, "branch_id" uuid NOT NULL, "month" date NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, CONSTRAINT "pk_statistics_branch_months" PRIMARY KEY ("center_id", "branch_id", "month"))`);
    await queryRunner.query(`CREATE INDEX "idx_statistics_branch_months_institution" ON "statistics_branch_months"  ("institution_id", "month") `);
    await queryRunner.query(`CREATE TABLE "statistics_institution_days" ("referrals" integer NOT NULL DEFAULT '0', "accepted" integer NOT NULL DEFAULT '0', "concluded" integer NOT NULL DEFAULT '0', "settled" integer NOT NULL DEFAULT '0', "not_settled" integer NOT NULL DEFAULT '0', "withdrawn" integer NOT NULL DEFAULT '0', "terminated" integer NOT NULL DEFAULT '0', "disputed_fen" bigint NOT NULL DEFAULT '0', "settled_fen" bigint NOT NULL DEFAULT '0', "accept_days" integer array NOT NULL DEFAULT '{}', "conclude_days" integer array NOT NULL DEFAULT '{}', "satisfaction_sum" integer NOT NULL DEFAULT '0', "satisfaction_count" integer NOT NULL DEFAULT '0', "center_id" uuid NOT NULL, "day" date NOT NULL, "institution_id" uuid NOT NULL, CONSTRAINT "pk_statistics_institution_days" PRIMARY KEY ("center_id", "day", "institution_id"))`);
    await queryRunner.query(`CREATE TABLE "statistics_institution_months" ("referrals" integer NOT NULL DEFAULT '0', "accepted" integer NOT NULL DEFAULT '0', "concluded" integer NOT NULL DEFAULT '0', "settled" integer NOT NULL DEFAULT '0', "not_settled" integer NOT NULL DEFAULT '0', "withdrawn" integer NOT NULL DEFAULT '0', "terminated" integer NOT NULL DEFAULT '0', "disputed_fen" bigint NOT NULL DEFAULT '0', "settled_fen" bigint NOT NULL DEFAULT '0', "accept_days" integer array NOT NULL DEFAULT '{}', "conclude_days" integer array NOT NULL DEFAULT '{}', "satisfaction_sum" integer NOT NULL DEFAULT '0', "satisfaction_count" integer NOT NULL DEFAULT '0', "center_id" uuid NOT NULL, "month" date NOT NULL, "institution_id" uuid NOT NULL, CONSTRAINT "pk_statistics_institution_months" PRIMARY KEY ("center_id", "month", "institution_id"))`);
    await queryRunner.query(`CREATE TABLE "statistics_case_buckets" ("case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_id" uuid NOT NULL, "days" date array NOT NULL, CONSTRAINT "pk_statistics_case_buckets" PRIMARY KEY ("case_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_cases_branch_concluded" ON "cases"  ("branch_id", "concluded_at") WHERE concluded_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_cases_branch_accepted" ON "cases"  ("branch_id", "accepted_at") WHERE accepted_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_cases_branch_submitted" ON "cases"  ("branch_id", "submitted_at") WHERE submitted_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_cases_branch_submitted"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_branch_accepted"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_branch_concluded"`);
    await queryRunner.query(`DROP TABLE "statistics_case_buckets"`);
    await queryRunner.query(`DROP TABLE "statistics_institution_months"`);
    await queryRunner.query(`DROP TABLE "statistics_institution_days"`);
    await queryRunner.query(`DROP INDEX "public"."idx_statistics_branch_months_institution"`);
    await queryRunner.query(`DROP TABLE "statistics_branch_months"`);
    await queryRunner.query(`DROP INDEX "public"."idx_statistics_branch_days_institution"`);
    await queryRunner.query(`DROP TABLE "statistics_branch_days"`);
  }
}

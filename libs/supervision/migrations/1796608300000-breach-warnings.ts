import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Warnings on rising time-limit breach rates beside those on referrals: what a warning measures
 * (`metric`, the existing rows are referral warnings) and, for a breach warning, the cases the
 * unit concluded in the period (the rate's denominator; NULL exactly when the metric is
 * referrals). One warning per unit, period and metric: the unique index gains the metric, so a
 * unit's referral spike and its breach rise in the same month are two warnings.
 */
export class BreachWarnings1796608300000 implements MigrationInterface {
  name = 'BreachWarnings1796608300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "supervision_warnings" ADD "metric" character varying(16) NOT NULL DEFAULT 'referrals'`);
    await queryRunner.query(`ALTER TABLE "supervision_warnings" ADD "concluded" integer`);
    await queryRunner.query(`ALTER TABLE "supervision_warnings" ADD CONSTRAINT "chk_supervision_warnings_metric" CHECK (metric IN ('referrals', 'breaches'))`);
    await queryRunner.query(
      `ALTER TABLE "supervision_warnings" ADD CONSTRAINT "chk_supervision_warnings_concluded" CHECK ((concluded IS NULL) = (metric = 'referrals') AND (concluded IS NULL OR concluded >= observed))`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_supervision_warnings_unit_period"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_supervision_warnings_unit_period" ON "supervision_warnings"  ("institution_id", "business_line", "period_kind", "period_start", "center_id", "metric") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM supervision_notices WHERE warning_id IN (SELECT id FROM supervision_warnings WHERE metric = 'breaches')`);
    await queryRunner.query(`DELETE FROM supervision_warning_events WHERE warning_id IN (SELECT id FROM supervision_warnings WHERE metric = 'breaches')`);
    await queryRunner.query(`DELETE FROM supervision_warnings WHERE metric = 'breaches'`);
    await queryRunner.query(`DROP INDEX "public"."uq_supervision_warnings_unit_period"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_supervision_warnings_unit_period" ON "supervision_warnings"  ("institution_id", "business_line", "period_kind", "period_start", "center_id") `,
    );
    await queryRunner.query(`ALTER TABLE "supervision_warnings" DROP CONSTRAINT "chk_supervision_warnings_concluded"`);
    await queryRunner.query(`ALTER TABLE "supervision_warnings" DROP CONSTRAINT "chk_supervision_warnings_metric"`);
    await queryRunner.query(`ALTER TABLE "supervision_warnings" DROP COLUMN "concluded"`);
    await queryRunner.query(`ALTER TABLE "supervision_warnings" DROP COLUMN "metric"`);
  }
}

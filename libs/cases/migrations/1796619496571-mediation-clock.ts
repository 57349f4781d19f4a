import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mediation clock (issue 20): the day the first session began and the due day (30 days on,
 * plus an extension both parties agreed to, on the center's next working day), indexed for the
 * queues' clocks about to breach.
 */
export class MediationClock1796619496571 implements MigrationInterface {
  name = 'MediationClock1796619496571';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "mediation_started_on" date`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "mediation_due_on" date`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "mediation_extension_days" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`CREATE INDEX "idx_cases_mediation_due" ON "cases"  ("center_id", "mediation_due_on") WHERE status IN ('scheduled','in_session','adjourned') AND mediation_due_on IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "chk_cases_extension_days" CHECK (mediation_extension_days BETWEEN 0 AND 30)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "chk_cases_extension_days"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_mediation_due"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "mediation_extension_days"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "mediation_due_on"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "mediation_started_on"`);
  }
}

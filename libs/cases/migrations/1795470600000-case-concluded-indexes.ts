import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseConcludedIndexes1795470600000 implements MigrationInterface {
  name = 'CaseConcludedIndexes1795470600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_cases_institution_concluded" ON "cases"  ("institution_id", "concluded_at", "id") WHERE concluded_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_cases_center_concluded" ON "cases"  ("center_id", "concluded_at", "id") WHERE concluded_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_cases_center_concluded"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_institution_concluded"`);
  }
}

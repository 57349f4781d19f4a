import { MigrationInterface, QueryRunner } from 'typeorm';

export class HomeFilterIndexes1796610126487 implements MigrationInterface {
  name = 'HomeFilterIndexes1796610126487';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_case_events_public_comments" ON "case_events"  ("case_id", "at", "id") WHERE kind = 'comment' AND NOT center_only`);
    await queryRunner.query(`CREATE INDEX "idx_cases_first_session_due" ON "cases"  ("center_id", "first_session_due_on") WHERE status IN ('accepted','assigned')`);
    await queryRunner.query(`CREATE INDEX "idx_cases_intake_due" ON "cases"  ("center_id", "intake_due_on") WHERE status IN ('submitted','returned')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_cases_intake_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_cases_first_session_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_events_public_comments"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reason the system writes on a session (the outcome ended or cancelled it) keeps its message
 * key and params beside the Chinese text, so each reader sees it in their own language. Older
 * rows and people's own reasons have none and show their text. The table's RLS stays as it is.
 */
export class SessionReasonMessage1796611600000 implements MigrationInterface {
  name = 'SessionReasonMessage1796611600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD "status_reason_message" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP COLUMN "status_reason_message"`);
  }
}

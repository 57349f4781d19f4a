import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's language (zh-CN or en): the e-mail copies of their notifications go in it. Chosen by
 * the user in their security settings; Chinese until they choose.
 */
export class UserLanguage1796613000000 implements MigrationInterface {
  name = 'UserLanguage1796613000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "language" character varying(8) NOT NULL DEFAULT 'zh-CN'`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "chk_users_language" CHECK (language IN ('zh-CN', 'en'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "chk_users_language"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "language"`);
  }
}

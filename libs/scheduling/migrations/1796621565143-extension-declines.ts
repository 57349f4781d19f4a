import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Either party may say no to a proposed extension (issue 20): the proposal ends as declined, who
 * declined and why are kept, and nothing on the case changes. A declined proposal is not live, so
 * the center may propose again; an agreed one stays the case's only extension.
 */
export class ExtensionDeclines1796621565143 implements MigrationInterface {
  name = 'ExtensionDeclines1796621565143';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_extensions" ADD "declined_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "case_extensions" ADD "declined_by" character varying(12)`);
    await queryRunner.query(`ALTER TABLE "case_extensions" ADD "decline_note" character varying(300)`);
    await queryRunner.query(`ALTER TABLE "case_extensions" DROP CONSTRAINT "chk_case_extensions_status"`);
    await queryRunner.query(`ALTER TABLE "case_extensions" ADD CONSTRAINT "chk_case_extensions_status" CHECK (status IN ('pending', 'agreed', 'declined', 'withdrawn'))`);
    await queryRunner.query(
      `ALTER TABLE "case_extensions" ADD CONSTRAINT "chk_case_extensions_declined" CHECK ((status = 'declined') = (declined_at IS NOT NULL AND declined_by IN ('institution', 'consumer')))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE case_extensions SET status = 'withdrawn' WHERE status = 'declined'`);
    await queryRunner.query(`ALTER TABLE "case_extensions" DROP CONSTRAINT "chk_case_extensions_declined"`);
    await queryRunner.query(`ALTER TABLE "case_extensions" DROP CONSTRAINT "chk_case_extensions_status"`);
    await queryRunner.query(`ALTER TABLE "case_extensions" ADD CONSTRAINT "chk_case_extensions_status" CHECK (status IN ('pending', 'agreed', 'withdrawn'))`);
    await queryRunner.query(`ALTER TABLE "case_extensions" DROP COLUMN "decline_note"`);
    await queryRunner.query(`ALTER TABLE "case_extensions" DROP COLUMN "declined_by"`);
    await queryRunner.query(`ALTER TABLE "case_extensions" DROP COLUMN "declined_at"`);
  }
}

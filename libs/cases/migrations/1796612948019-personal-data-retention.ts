import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data that expires (PIPL art. 19, 47): each center keeps a closed case's consumer
 * identity for `closed_retention_months` (36 by default) after closure; the erasure job then clears the sealed
 * identity and its masked and hashed copies and marks the case `consumer_erased_at`, which the
 * completeness check accepts in place of the sealed identity. Evidence files are removed from
 * storage and their rows marked `erased_at` (the row keeps size and type; the file name, which
 * may name the consumer, is cleared). Figures (status, dates, amounts, outcome) stay as they are.
 */
export class PersonalDataRetention1796612948019 implements MigrationInterface {
  name = 'PersonalDataRetention1796612948019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_settings" ADD "closed_retention_months" integer NOT NULL DEFAULT 36`);
    await q.query(`ALTER TABLE "case_settings" ADD CONSTRAINT "chk_case_settings_retention" CHECK (closed_retention_months BETWEEN 6 AND 360)`);
    await q.query(`ALTER TABLE "cases" ADD "consumer_erased_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "chk_cases_complete"`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "chk_cases_complete" CHECK (status = 'draft' OR (business_line IS NOT NULL AND dispute_type IS NOT NULL AND (consumer_sealed IS NOT NULL OR consumer_erased_at IS NOT NULL) AND submitted_at IS NOT NULL))`);
    await q.query(`ALTER TABLE "case_attachments" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    // Evidence rows were never updated before: only the system (the retention job) may, to mark them erased.
    await q.query(`CREATE POLICY case_attachments_erase ON case_attachments FOR UPDATE USING ((SELECT app_kind()) = 'system') WITH CHECK ((SELECT app_kind()) = 'system')`);
    // The job's search: terminal cases not yet erased, by their closing event.
    await q.query(`CREATE INDEX "idx_cases_erasure_due" ON "cases" ("center_id") WHERE status IN ('closed', 'rejected') AND consumer_erased_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_cases_erasure_due"`);
    await q.query(`DROP POLICY case_attachments_erase ON case_attachments`);
    await q.query(`ALTER TABLE "case_attachments" DROP COLUMN "erased_at"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "chk_cases_complete"`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "chk_cases_complete" CHECK (status = 'draft' OR (business_line IS NOT NULL AND dispute_type IS NOT NULL AND consumer_sealed IS NOT NULL AND submitted_at IS NOT NULL))`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "consumer_erased_at"`);
    await q.query(`ALTER TABLE "case_settings" DROP CONSTRAINT "chk_case_settings_retention"`);
    await q.query(`ALTER TABLE "case_settings" DROP COLUMN "closed_retention_months"`);
  }
}

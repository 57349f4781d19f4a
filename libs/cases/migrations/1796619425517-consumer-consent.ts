import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consumer's own consent (issue 17): a draft may wait for the consumer's answer by link; a
 * draft whose consent was declined or expired stays a draft, closed for good. Consent given at
 * the counter records who attested it.
 */
export class ConsumerConsent1796619425517 implements MigrationInterface {
  name = 'ConsumerConsent1796619425517';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "consent_state" character varying(12)`);
    await q.query(`ALTER TABLE "cases" ADD "consent_attested_by" uuid`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "chk_cases_consent_state" CHECK (consent_state IS NULL OR consent_state IN ('awaiting','given','declined','expired'))`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "chk_cases_consent_by_link" CHECK (status = 'draft' OR consent_state IS NULL OR consent_state = 'given')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "chk_cases_consent_by_link"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "chk_cases_consent_state"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "consent_attested_by"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "consent_state"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent links (issue 17): the bank's branch sends the consumer a link to consent to a referral
 * the center has not seen yet, so such a link belongs to the institution as well as the center:
 * the institution creates, reads and revokes its own consent links, and no other purpose.
 */
export class ConsentLinks1796619425600 implements MigrationInterface {
  name = 'ConsentLinks1796619425600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "consumer_links" ADD "institution_id" uuid`);
    await q.query(`ALTER TABLE "consumer_links" DROP CONSTRAINT "chk_consumer_links_purpose"`);
    await q.query(`ALTER TABLE "consumer_links" ADD CONSTRAINT "chk_consumer_links_purpose" CHECK (purpose IN ('session','signing','survey','consent') AND (purpose = 'session') = (session_id IS NOT NULL) AND (purpose = 'signing') = (document_id IS NOT NULL) AND (purpose = 'consent') = (institution_id IS NOT NULL))`);
    await q.query(`CREATE POLICY consumer_links_institution_consent ON consumer_links FOR ALL
      USING ((SELECT app_kind()) = 'institution' AND purpose = 'consent' AND institution_id = (SELECT app_org_id()))
      WITH CHECK ((SELECT app_kind()) = 'institution' AND purpose = 'consent' AND institution_id = (SELECT app_org_id()))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY consumer_links_institution_consent ON consumer_links`);
    await q.query(`DELETE FROM consumer_links WHERE purpose = 'consent'`);
    await q.query(`ALTER TABLE "consumer_links" DROP CONSTRAINT "chk_consumer_links_purpose"`);
    await q.query(`ALTER TABLE "consumer_links" ADD CONSTRAINT "chk_consumer_links_purpose" CHECK (purpose IN ('session','signing','survey') AND (purpose = 'session') = (session_id IS NOT NULL) AND (purpose = 'signing') = (document_id IS NOT NULL))`);
    await q.query(`ALTER TABLE "consumer_links" DROP COLUMN "institution_id"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

const CENTER_OWN = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()))`;

/**
 * The center corrects a settlement's terms before anyone signed: the obligations are written
 * anew, so the center may delete its own. The freeze trigger still refuses it once signed.
 */
export class AmendTerms1795470700000 implements MigrationInterface {
  name = 'AmendTerms1795470700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE POLICY case_obligations_amend ON case_obligations FOR DELETE USING (${CENTER_OWN})`);
    await q.query(`GRANT DELETE ON case_obligations TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE DELETE ON case_obligations FROM accord_app`);
    await q.query(`DROP POLICY case_obligations_amend ON case_obligations`);
  }
}

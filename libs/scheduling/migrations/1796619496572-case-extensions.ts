import { MigrationInterface, QueryRunner } from 'typeorm';
import { CENTER_OWN, enableRowLevelSecurity, INSTITUTION_OWN, SYSTEM } from '@accord/core/database/rls';

/**
 * Extensions of the mediation clock both parties agree to (issue 20), and consumer links for
 * agreeing to one. An extension is read like its case; the center proposes (INSERT) and
 * withdraws it; the center and the respondent institution (within a pinned user's subtree)
 * record their agreement (UPDATE); the consumer's agreement is written as the system.
 */
export class CaseExtensions1796619496572 implements MigrationInterface {
  name = 'CaseExtensions1796619496572';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_extensions" ("center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "days" integer NOT NULL, "reason" character varying(500) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', "proposed_by" uuid, "previous_due_on" date NOT NULL, "new_due_on" date NOT NULL, "institution_agreed_at" TIMESTAMP WITH TIME ZONE, "institution_agreed_by" uuid, "institution_agreed_by_name" character varying(100), "consumer_agreed_at" TIMESTAMP WITH TIME ZONE, "agreed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_case_extensions_agreed" CHECK ((status = 'agreed') = (institution_agreed_at IS NOT NULL AND consumer_agreed_at IS NOT NULL AND agreed_at IS NOT NULL)), CONSTRAINT "chk_case_extensions_status" CHECK (status IN ('pending', 'agreed', 'withdrawn')), CONSTRAINT "chk_case_extensions_days" CHECK (days BETWEEN 1 AND 30), CONSTRAINT "pk_case_extensions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_extensions_center" ON "case_extensions"  ("center_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_extensions_live" ON "case_extensions"  ("case_id") WHERE status IN ('pending', 'agreed')`);
    await queryRunner.query(`ALTER TABLE "case_extensions" ADD CONSTRAINT "fk_case_extensions_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consumer_links" DROP CONSTRAINT "chk_consumer_links_purpose"`);
    await queryRunner.query(
      `ALTER TABLE "consumer_links" ADD CONSTRAINT "chk_consumer_links_purpose" CHECK (purpose IN ('session','signing','survey','consent','extension') AND (purpose = 'session') = (session_id IS NOT NULL) AND (purpose = 'signing') = (document_id IS NOT NULL) AND (purpose = 'consent') = (institution_id IS NOT NULL))`,
    );
    for (const sql of enableRowLevelSecurity('case_extensions')) await queryRunner.query(sql);
    await queryRunner.query(`CREATE POLICY case_extensions_read ON case_extensions FOR SELECT USING (${SYSTEM} OR ${CENTER_OWN} OR ${INSTITUTION_OWN})`);
    await queryRunner.query(`CREATE POLICY case_extensions_write ON case_extensions FOR INSERT WITH CHECK (${SYSTEM} OR ${CENTER_OWN})`);
    await queryRunner.query(
      `CREATE POLICY case_extensions_change ON case_extensions FOR UPDATE USING (${SYSTEM} OR ${CENTER_OWN} OR ${INSTITUTION_OWN}) WITH CHECK (${SYSTEM} OR ${CENTER_OWN} OR ${INSTITUTION_OWN})`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON case_extensions TO accord_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM consumer_links WHERE purpose = 'extension'`);
    await queryRunner.query(`ALTER TABLE "consumer_links" DROP CONSTRAINT "chk_consumer_links_purpose"`);
    await queryRunner.query(
      `ALTER TABLE "consumer_links" ADD CONSTRAINT "chk_consumer_links_purpose" CHECK (purpose IN ('session','signing','survey','consent') AND (purpose = 'session') = (session_id IS NOT NULL) AND (purpose = 'signing') = (document_id IS NOT NULL) AND (purpose = 'consent') = (institution_id IS NOT NULL))`,
    );
    await queryRunner.query(`DROP TABLE "case_extensions"`);
  }
}

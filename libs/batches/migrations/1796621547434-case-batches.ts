import { MigrationInterface, QueryRunner } from 'typeorm';
import { centerOwnedPolicy, enableRowLevelSecurity } from '@accord/core/database/rls';

/**
 * Similar cases as a batch (类案批量, issue 20): the center's batches and their member cases. A
 * case is in at most one batch (the members' primary key holds it). Both tables are the center's
 * own (RLS: its users and the worker); banks never see batches.
 */
export class CaseBatches1796621547434 implements MigrationInterface {
  name = 'CaseBatches1796621547434';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_batches" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "dispute_type" character varying(24) NOT NULL, "label" character varying(100) NOT NULL, "lead_mediator_id" uuid NOT NULL, "created_by" uuid, CONSTRAINT "chk_case_batches_label" CHECK (length(btrim(label)) > 0), CONSTRAINT "pk_case_batches" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_batches_center_created" ON "case_batches" ("center_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "case_batch_members" ("case_id" uuid NOT NULL, "batch_id" uuid NOT NULL, "center_id" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_case_batch_members" PRIMARY KEY ("case_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_batch_members_batch" ON "case_batch_members" ("batch_id", "added_at") `);
    await queryRunner.query(`CREATE INDEX "idx_case_batch_members_center" ON "case_batch_members" ("center_id") `);
    await queryRunner.query(`ALTER TABLE "case_batches" ADD CONSTRAINT "fk_case_batches_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_batches" ADD CONSTRAINT "fk_case_batches_institution_id" FOREIGN KEY ("institution_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_batches" ADD CONSTRAINT "fk_case_batches_lead_mediator_id" FOREIGN KEY ("lead_mediator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_batch_members" ADD CONSTRAINT "fk_case_batch_members_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_batch_members" ADD CONSTRAINT "fk_case_batch_members_batch_id" FOREIGN KEY ("batch_id") REFERENCES "case_batches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_batch_members" ADD CONSTRAINT "fk_case_batch_members_center_id" FOREIGN KEY ("center_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    for (const t of ['case_batches', 'case_batch_members']) {
      for (const sql of enableRowLevelSecurity(t)) await queryRunner.query(sql);
      await queryRunner.query(centerOwnedPolicy(t));
    }
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON case_batches, case_batch_members TO accord_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_batch_members"`);
    await queryRunner.query(`DROP TABLE "case_batches"`);
  }
}

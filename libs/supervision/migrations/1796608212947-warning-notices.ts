import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity, SYSTEM } from '@accord/core/database/rls';

/** As in the warnings' isolation: a regulator the centers of its jurisdiction, an institution its own (unpinned users). */
const REGULATOR_OWN = `((SELECT app_kind()) = 'regulator' AND center_id = ANY ((SELECT app_center_ids())::uuid[]))`;
const INSTITUTION_WHOLE = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id()) AND (SELECT app_branch_path()) IS NULL)`;

/**
 * Supervisory notices (监管提示) on warnings, and their steps on the warning's timeline. Who may
 * do what, as the warnings: the regulators watching the center read and send (INSERT) them; the
 * institution reads its own and answers them (UPDATE) and writes the answer's step (and only
 * that step) on the timeline; the worker (system) reads them to notify people. The timeline's
 * comment grows to 2000 characters (a notice's text and its answer go there whole).
 */
export class WarningNotices1796608212947 implements MigrationInterface {
  name = 'WarningNotices1796608212947';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "supervision_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "warning_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "regulator_id" uuid NOT NULL, "sent_by_user_id" uuid NOT NULL, "regulator_name" character varying(200) NOT NULL, "sent_by_name" character varying(100) NOT NULL, "text" character varying(2000) NOT NULL, "answer_by" date, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answer" character varying(2000), "answered_by_user_id" uuid, "answered_by_name" character varying(100), "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_supervision_notices_text" CHECK (length(btrim(text)) > 0), CONSTRAINT "chk_supervision_notices_answer" CHECK ((answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by_user_id IS NULL) AND (answer IS NULL) = (answered_by_name IS NULL)), CONSTRAINT "pk_supervision_notices" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_supervision_notices_warning" ON "supervision_notices"  ("warning_id", "sent_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_supervision_notices_one_open" ON "supervision_notices"  ("warning_id") WHERE answered_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "supervision_warnings" ADD "acknowledged_by_name" character varying(100)`);
    await queryRunner.query(
      `UPDATE supervision_warnings w SET acknowledged_by_name = u.display_name FROM users u WHERE u.id = w.acknowledged_by_user_id AND w.acknowledged_by_name IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "supervision_warning_events" ADD "notice_id" uuid`);
    await queryRunner.query(`ALTER TABLE "supervision_warning_events" ALTER COLUMN "comment" TYPE character varying(2000)`);
    await queryRunner.query(`ALTER TABLE "supervision_warning_events" DROP CONSTRAINT "chk_supervision_warning_events_kind"`);
    await queryRunner.query(
      `ALTER TABLE "supervision_warning_events" ADD CONSTRAINT "chk_supervision_warning_events_kind" CHECK (kind IN ('raised', 'acknowledged', 'notice_sent', 'notice_answered'))`,
    );

    for (const sql of enableRowLevelSecurity('supervision_notices')) await queryRunner.query(sql);
    await queryRunner.query(`CREATE POLICY supervision_notices_system ON supervision_notices FOR ALL USING (${SYSTEM}) WITH CHECK (${SYSTEM})`);
    await queryRunner.query(`CREATE POLICY supervision_notices_read ON supervision_notices FOR SELECT USING (${REGULATOR_OWN} OR ${INSTITUTION_WHOLE})`);
    await queryRunner.query(`CREATE POLICY supervision_notices_send ON supervision_notices FOR INSERT WITH CHECK (${REGULATOR_OWN} AND regulator_id = (SELECT app_org_id()))`);
    await queryRunner.query(`CREATE POLICY supervision_notices_answer ON supervision_notices FOR UPDATE USING (${INSTITUTION_WHOLE}) WITH CHECK (${INSTITUTION_WHOLE})`);
    await queryRunner.query(
      `CREATE POLICY supervision_warning_events_answer ON supervision_warning_events FOR INSERT WITH CHECK (${INSTITUTION_WHOLE} AND kind = 'notice_answered')`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON supervision_notices TO accord_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY supervision_warning_events_answer ON supervision_warning_events`);
    await queryRunner.query(`DELETE FROM supervision_warning_events WHERE kind IN ('notice_sent', 'notice_answered')`);
    await queryRunner.query(`ALTER TABLE "supervision_warning_events" DROP CONSTRAINT "chk_supervision_warning_events_kind"`);
    await queryRunner.query(`ALTER TABLE "supervision_warning_events" ADD CONSTRAINT "chk_supervision_warning_events_kind" CHECK (kind IN ('raised', 'acknowledged'))`);
    await queryRunner.query(`ALTER TABLE "supervision_warning_events" ALTER COLUMN "comment" TYPE character varying(1000) USING left(comment, 1000)`);
    await queryRunner.query(`ALTER TABLE "supervision_warning_events" DROP COLUMN "notice_id"`);
    await queryRunner.query(`ALTER TABLE "supervision_warnings" DROP COLUMN "acknowledged_by_name"`);
    await queryRunner.query(`DROP TABLE "supervision_notices"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One session for a batch of similar cases (类案批量, issue 20): each case keeps its own session
 * row (its own console, outcome and record) and the rows of one joint booking share `joint_id`.
 * The exclusion constraints still refuse overlapping live sessions of one mediator or room,
 * except between the sessions of the same joint booking.
 */
export class JointSessions1796621547368 implements MigrationInterface {
  name = 'JointSessions1796621547368';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD "joint_id" uuid`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "excl_mediation_sessions_mediator"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "excl_mediation_sessions_room"`);
    await queryRunner.query(
      `ALTER TABLE "mediation_sessions" ADD CONSTRAINT "excl_mediation_sessions_mediator" EXCLUDE USING gist ("mediator_id" WITH =, "during" WITH &&, (coalesce(joint_id, id)) WITH <>) WHERE (status <> 'cancelled')`,
    );
    await queryRunner.query(
      `ALTER TABLE "mediation_sessions" ADD CONSTRAINT "excl_mediation_sessions_room" EXCLUDE USING gist ("room_id" WITH =, "during" WITH &&, (coalesce(joint_id, id)) WITH <>) WHERE (room_id IS NOT NULL AND status <> 'cancelled')`,
    );
    await queryRunner.query(`CREATE INDEX "idx_mediation_sessions_joint" ON "mediation_sessions" ("joint_id") WHERE joint_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_mediation_sessions_joint"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "excl_mediation_sessions_room"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP CONSTRAINT "excl_mediation_sessions_mediator"`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD CONSTRAINT "excl_mediation_sessions_room" EXCLUDE USING gist ("room_id" WITH =, "during" WITH &&) WHERE (room_id IS NOT NULL AND status <> 'cancelled')`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" ADD CONSTRAINT "excl_mediation_sessions_mediator" EXCLUDE USING gist ("mediator_id" WITH =, "during" WITH &&) WHERE (status <> 'cancelled')`);
    await queryRunner.query(`ALTER TABLE "mediation_sessions" DROP COLUMN "joint_id"`);
  }
}

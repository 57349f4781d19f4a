import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A liaison station's room sits at a bank outlet (a branch of a member institution). The rooms'
 * RLS policy stays as it is (the center's own); the key is checked by PostgreSQL as the owner.
 */
export class RoomOutlets1795471000000 implements MigrationInterface {
  name = 'RoomOutlets1795471000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mediation_rooms" ADD "outlet_branch_id" uuid`);
    await queryRunner.query(`CREATE INDEX "idx_mediation_rooms_outlet" ON "mediation_rooms"  ("outlet_branch_id") `);
    await queryRunner.query(`ALTER TABLE "mediation_rooms" ADD CONSTRAINT "fk_mediation_rooms_outlet_branch_id" FOREIGN KEY ("outlet_branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mediation_rooms" DROP CONSTRAINT "fk_mediation_rooms_outlet_branch_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mediation_rooms_outlet"`);
    await queryRunner.query(`ALTER TABLE "mediation_rooms" DROP COLUMN "outlet_branch_id"`);
  }
}

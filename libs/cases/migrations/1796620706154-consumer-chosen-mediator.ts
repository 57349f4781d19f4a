import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consumer's choice of mediator (issue 20; 2025 joint opinion): a center may let the consumer
 * pick one of up to three proposed mediators on their consent link; the case keeps the pick.
 */
export class ConsumerChosenMediator1796620706154 implements MigrationInterface {
  name = 'ConsumerChosenMediator1796620706154';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_settings" ADD "consumer_chooses_mediator" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "consumer_chosen_mediator_id" uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP COLUMN "consumer_chosen_mediator_id"`);
    await q.query(`ALTER TABLE "case_settings" DROP COLUMN "consumer_chooses_mediator"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Exclusion constraints over (mediator, time range) need btree_gist's equality for uuid. */
export class BtreeGist1795464900000 implements MigrationInterface {
  name = 'BtreeGist1795464900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}

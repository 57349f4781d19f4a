import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a document says, as reviewed: the final PDF is rendered from this snapshot, never from
 * the outcome as it may read later, so every party signs the same text. (The consumer's name
 * is not in it: it stays sealed in the case and is opened for each rendering.)
 */
export class DocumentContent1795470400000 implements MigrationInterface {
  name = 'DocumentContent1795470400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_documents" ADD "content" jsonb NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_documents" DROP COLUMN "content"`);
  }
}

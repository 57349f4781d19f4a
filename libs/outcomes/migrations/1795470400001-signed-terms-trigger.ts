import { MigrationInterface, QueryRunner } from 'typeorm';

const BODY = (obligationCheck: string) => `CREATE OR REPLACE FUNCTION refuse_signed_terms_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${obligationCheck}
    IF EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = OLD.case_id AND d.status = 'signed') THEN
      RAISE EXCEPTION 'the terms of case % are signed and frozen', OLD.case_id USING ERRCODE = 'AC001';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END $$`;

const PROMISE = `(OLD.owed_by, OLD.description, OLD.amount_fen, OLD.due_on, OLD.position, OLD.case_id)
  IS NOT DISTINCT FROM (NEW.owed_by, NEW.description, NEW.amount_fen, NEW.due_on, NEW.position, NEW.case_id)`;

/**
 * The freeze of signed terms read obligation columns in the same condition as the table name,
 * and PL/pgSQL does not short-circuit record fields: every UPDATE of case_outcomes failed with
 * "record old has no field owed_by" (42703) instead of passing (unsigned) or AC001 (signed).
 * The obligation check now runs only for case_obligations.
 */
export class SignedTermsTrigger1795470400001 implements MigrationInterface {
  name = 'SignedTermsTrigger1795470400001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(BODY(`IF TG_TABLE_NAME = 'case_obligations' AND TG_OP = 'UPDATE' THEN
      IF ${PROMISE} THEN
        RETURN NEW;
      END IF;
    END IF;`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(BODY(`IF TG_TABLE_NAME = 'case_obligations' AND TG_OP = 'UPDATE' AND ${PROMISE} THEN
      RETURN NEW;
    END IF;`));
  }
}

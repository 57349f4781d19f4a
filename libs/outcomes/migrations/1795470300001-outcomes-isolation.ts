import { MigrationInterface, QueryRunner } from 'typeorm';
import { INSTITUTION_OWN, caseOwnedPolicies, centerOwnedPolicy, enableRowLevelSecurity } from '@accord/core/database/rls';

/**
 * RLS for outcomes and what follows, and the freeze of signed documents. Outcomes, obligations,
 * documents, signatures and judicial confirmation are read like the case (the center, the
 * respondent bank's subtree); the center writes them, the bank marks its obligations performed
 * and signs; the consumer's steps run as the system. Follow-up answers are the center's own.
 * A signed document, its signatures and the terms it records can never change again: triggers
 * refuse it whoever asks, so no code path (or hand-written SQL) can alter what was signed.
 */
export class OutcomesIsolation1795470300001 implements MigrationInterface {
  name = 'OutcomesIsolation1795470300001';

  async up(q: QueryRunner): Promise<void> {
    const tables = ['case_outcomes', 'case_obligations', 'case_documents', 'document_signatures', 'judicial_confirmations', 'follow_up_surveys'];
    for (const t of tables) for (const sql of enableRowLevelSecurity(t)) await q.query(sql);
    for (const t of ['case_outcomes', 'case_obligations', 'case_documents', 'document_signatures', 'judicial_confirmations']) {
      for (const sql of caseOwnedPolicies(t)) await q.query(sql);
    }
    // The bank marks what it owes as performed and signs for itself.
    await q.query(`CREATE POLICY case_obligations_institution ON case_obligations FOR UPDATE USING (${INSTITUTION_OWN}) WITH CHECK (${INSTITUTION_OWN})`);
    await q.query(`CREATE POLICY case_documents_institution ON case_documents FOR UPDATE USING (${INSTITUTION_OWN}) WITH CHECK (${INSTITUTION_OWN})`);
    await q.query(`CREATE POLICY document_signatures_institution ON document_signatures FOR INSERT WITH CHECK (${INSTITUTION_OWN} AND party = 'institution')`);
    await q.query(centerOwnedPolicy('follow_up_surveys'));
    await q.query(`GRANT SELECT, INSERT, UPDATE ON case_outcomes, case_obligations, case_documents, judicial_confirmations, follow_up_surveys TO accord_app`);
    await q.query(`GRANT SELECT, INSERT ON document_signatures TO accord_app`);

    await q.query(`CREATE FUNCTION refuse_signed_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'signed' THEN
          RAISE EXCEPTION 'document % is signed and frozen', OLD.id USING ERRCODE = 'AC001';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER trg_case_documents_frozen BEFORE UPDATE OR DELETE ON case_documents FOR EACH ROW EXECUTE FUNCTION refuse_signed_document_change()`);
    await q.query(`CREATE FUNCTION refuse_signature_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'signatures are never changed' USING ERRCODE = 'AC001';
      END $$`);
    await q.query(`CREATE TRIGGER trg_document_signatures_frozen BEFORE UPDATE OR DELETE ON document_signatures FOR EACH ROW EXECUTE FUNCTION refuse_signature_change()`);
    // Terms under a signed agreement: the outcome row and each obligation's promise (not its progress).
    await q.query(`CREATE FUNCTION refuse_signed_terms_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'case_obligations' AND TG_OP = 'UPDATE'
           AND (OLD.owed_by, OLD.description, OLD.amount_fen, OLD.due_on, OLD.position, OLD.case_id)
               IS NOT DISTINCT FROM (NEW.owed_by, NEW.description, NEW.amount_fen, NEW.due_on, NEW.position, NEW.case_id) THEN
          RETURN NEW;
        END IF;
        IF EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = OLD.case_id AND d.status = 'signed') THEN
          RAISE EXCEPTION 'the terms of case % are signed and frozen', OLD.case_id USING ERRCODE = 'AC001';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER trg_case_outcomes_frozen BEFORE UPDATE OR DELETE ON case_outcomes FOR EACH ROW EXECUTE FUNCTION refuse_signed_terms_change()`);
    await q.query(`CREATE TRIGGER trg_case_obligations_frozen BEFORE UPDATE OR DELETE ON case_obligations FOR EACH ROW EXECUTE FUNCTION refuse_signed_terms_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_case_obligations_frozen ON case_obligations`);
    await q.query(`DROP TRIGGER trg_case_outcomes_frozen ON case_outcomes`);
    await q.query(`DROP FUNCTION refuse_signed_terms_change()`);
    await q.query(`DROP TRIGGER trg_document_signatures_frozen ON document_signatures`);
    await q.query(`DROP FUNCTION refuse_signature_change()`);
    await q.query(`DROP TRIGGER trg_case_documents_frozen ON case_documents`);
    await q.query(`DROP FUNCTION refuse_signed_document_change()`);
    const tables = ['case_outcomes', 'case_obligations', 'case_documents', 'document_signatures', 'judicial_confirmations', 'follow_up_surveys'];
    await q.query(`REVOKE ALL ON ${tables.join(', ')} FROM accord_app`);
    for (const t of ['case_outcomes', 'case_obligations', 'case_documents', 'document_signatures', 'judicial_confirmations']) {
      await q.query(`DROP POLICY ${t}_read ON ${t}`);
      await q.query(`DROP POLICY ${t}_write ON ${t}`);
      await q.query(`DROP POLICY ${t}_change ON ${t}`);
    }
    await q.query(`DROP POLICY case_obligations_institution ON case_obligations`);
    await q.query(`DROP POLICY case_documents_institution ON case_documents`);
    await q.query(`DROP POLICY document_signatures_institution ON document_signatures`);
    await q.query(`DROP POLICY follow_up_surveys_center ON follow_up_surveys`);
    for (const t of tables) await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
  }
}

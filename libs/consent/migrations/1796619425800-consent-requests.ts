import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRowLevelSecurity, SYSTEM } from '@accord/core/database/rls';

/** The bank's own requests (a pinned user: its branch subtree), as cases' RLS reads the bank. */
const INSTITUTION = `((SELECT app_kind()) = 'institution' AND institution_id = (SELECT app_org_id())
  AND ((SELECT app_branch_path()) IS NULL OR branch_path LIKE (SELECT app_branch_path()) || '%'))`;
/** The center reads a given consent: the proof behind a referral it received. */
const CENTER_GIVEN = `((SELECT app_kind()) = 'center' AND center_id = (SELECT app_org_id()) AND state = 'given')`;

/** The consumer's own consent to a referral, by link (issue 17): requests and their evidence. */
export class ConsentRequests1796619425800 implements MigrationInterface {
  name = 'ConsentRequests1796619425800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "consent_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "link_id" uuid NOT NULL, "state" character varying(12) NOT NULL DEFAULT 'awaiting', "sent_to_masked" character varying(24) NOT NULL, "requested_by" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE, "decline_reason" character varying(24), "decline_note" character varying(300), "text_version" character varying(24) NOT NULL, "language" character varying(5), "text" text, "text_sha256" bytea, "device" character varying(300), "ip" inet, CONSTRAINT "chk_consent_requests_given" CHECK (state <> 'given' OR (text_sha256 IS NOT NULL AND text IS NOT NULL)), CONSTRAINT "chk_consent_requests_answered" CHECK (state IN ('awaiting','cancelled') OR answered_at IS NOT NULL), CONSTRAINT "chk_consent_requests_state" CHECK (state IN ('awaiting','given','declined','expired','cancelled')), CONSTRAINT "pk_consent_requests" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_consent_requests_case" ON "consent_requests" ("case_id", "requested_at") `);
    await q.query(`CREATE INDEX "idx_consent_requests_due" ON "consent_requests" ("expires_at") WHERE state = 'awaiting'`);
    await q.query(`CREATE UNIQUE INDEX "uq_consent_requests_awaiting" ON "consent_requests" ("case_id") WHERE state = 'awaiting'`);
    for (const sql of enableRowLevelSecurity('consent_requests')) await q.query(sql);
    await q.query(`CREATE POLICY consent_requests_system ON consent_requests FOR ALL USING (${SYSTEM}) WITH CHECK (${SYSTEM})`);
    await q.query(`CREATE POLICY consent_requests_institution ON consent_requests FOR ALL USING (${INSTITUTION}) WITH CHECK (${INSTITUTION})`);
    await q.query(`CREATE POLICY consent_requests_center ON consent_requests FOR SELECT USING (${CENTER_GIVEN})`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON consent_requests TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON consent_requests FROM accord_app`);
    await q.query(`DROP TABLE "consent_requests"`);
  }
}

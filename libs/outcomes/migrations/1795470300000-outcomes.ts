import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outcomes1795470300000 implements MigrationInterface {
  name = 'Outcomes1795470300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "chk_case_events_kind"`);
    await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "chk_case_events_kind" CHECK (kind IN ('transition','comment','internal_note','attachment','assignment','track_changed','edited','session','outcome'))`);
    await queryRunner.query(`CREATE TABLE "case_outcomes" ("case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "outcome" character varying(16) NOT NULL, "refund_fen" bigint NOT NULL DEFAULT '0', "fee_waiver_fen" bigint NOT NULL DEFAULT '0', "instalment_total_fen" bigint, "instalment_count" integer, "instalment_first_due_on" date, "free_terms" text NOT NULL DEFAULT '', "not_settled_reason" text, "other_routes" text array NOT NULL DEFAULT '{}', "termination_reason" character varying(24), "note" text, "recorded_by" uuid, "recorded_by_name" character varying(100) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_case_outcomes_termination_reason" CHECK (termination_reason IS NULL OR termination_reason IN ('time_limit','no_show','litigation_started','party_refused','other')), CONSTRAINT "chk_case_outcomes_terminated" CHECK ((outcome = 'terminated') = (termination_reason IS NOT NULL)), CONSTRAINT "chk_case_outcomes_not_settled" CHECK ((outcome = 'not_settled') = (not_settled_reason IS NOT NULL)), CONSTRAINT "chk_case_outcomes_terms" CHECK (outcome = 'settled' OR (refund_fen = 0 AND fee_waiver_fen = 0 AND instalment_total_fen IS NULL AND free_terms = '')), CONSTRAINT "chk_case_outcomes_instalment" CHECK ((instalment_total_fen IS NULL) = (instalment_count IS NULL) AND (instalment_count IS NULL) = (instalment_first_due_on IS NULL) AND (instalment_count IS NULL OR instalment_count BETWEEN 1 AND 120)), CONSTRAINT "chk_case_outcomes_amounts" CHECK (refund_fen >= 0 AND fee_waiver_fen >= 0 AND (instalment_total_fen IS NULL OR instalment_total_fen > 0)), CONSTRAINT "chk_case_outcomes_outcome" CHECK (outcome IN ('settled','not_settled','withdrawn','terminated')), CONSTRAINT "pk_case_outcomes" PRIMARY KEY ("case_id"))`);
    await queryRunner.query(`CREATE TABLE "case_obligations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "position" integer NOT NULL, "owed_by" character varying(16) NOT NULL, "description" character varying(500) NOT NULL, "amount_fen" bigint, "due_on" date NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'due', "performed_at" TIMESTAMP WITH TIME ZONE, "performed_by" uuid, "evidence_note" character varying(1000), "evidence_attachment_id" uuid, "reminded_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_case_obligations_amount" CHECK (amount_fen IS NULL OR amount_fen >= 0), CONSTRAINT "chk_case_obligations_performed" CHECK ((status = 'performed') = (performed_at IS NOT NULL)), CONSTRAINT "chk_case_obligations_status" CHECK (status IN ('due','performed','overdue')), CONSTRAINT "chk_case_obligations_owed_by" CHECK (owed_by IN ('institution','consumer')), CONSTRAINT "pk_case_obligations" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_obligations_center_due" ON "case_obligations"  ("center_id", "due_on") `);
    await queryRunner.query(`CREATE INDEX "idx_case_obligations_institution_due" ON "case_obligations"  ("institution_id", "due_on") `);
    await queryRunner.query(`CREATE INDEX "idx_case_obligations_open_due" ON "case_obligations"  ("due_on", "id") WHERE status <> 'performed'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_obligations_position" ON "case_obligations"  ("case_id", "position") `);
    await queryRunner.query(`CREATE TABLE "case_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "kind" character varying(24) NOT NULL, "version" integer NOT NULL DEFAULT '1', "status" character varying(12) NOT NULL DEFAULT 'draft', "draft_file_key" character varying(200) NOT NULL, "signed_file_key" character varying(200), "sha256" bytea, "size_bytes" integer, "signed_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_case_documents_signed" CHECK ((status = 'signed') = (sha256 IS NOT NULL AND signed_file_key IS NOT NULL AND signed_at IS NOT NULL)), CONSTRAINT "chk_case_documents_status" CHECK (status IN ('draft','signing','signed','superseded')), CONSTRAINT "chk_case_documents_kind" CHECK (kind IN ('agreement','termination_notice')), CONSTRAINT "pk_case_documents" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_documents_sha256" ON "case_documents"  ("sha256") WHERE sha256 IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_documents_live" ON "case_documents"  ("case_id", "kind") WHERE status <> 'superseded'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_documents_version" ON "case_documents"  ("case_id", "kind", "version") `);
    await queryRunner.query(`CREATE TABLE "document_signatures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "party" character varying(16) NOT NULL, "signer_name" character varying(100) NOT NULL, "signer_user_id" uuid, "via" character varying(16) NOT NULL, "ip" character varying(64), "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_document_signatures_via" CHECK (via IN ('portal','consumer_link')), CONSTRAINT "chk_document_signatures_party" CHECK (party IN ('institution','consumer','mediator')), CONSTRAINT "pk_document_signatures" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_document_signatures_party" ON "document_signatures"  ("document_id", "party") `);
    await queryRunner.query(`CREATE TABLE "judicial_confirmations" ("case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "effective_on" date NOT NULL, "window_ends_on" date NOT NULL, "applying" boolean, "court" character varying(200), "applied_on" date, "result" character varying(12), "result_on" date, "note" text, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_judicial_confirmations_result_on" CHECK ((result_on IS NOT NULL) = (result IN ('confirmed','refused'))), CONSTRAINT "chk_judicial_confirmations_applied" CHECK (applying IS NOT TRUE OR (court IS NOT NULL AND applied_on IS NOT NULL AND result IS NOT NULL)), CONSTRAINT "chk_judicial_confirmations_result" CHECK (result IS NULL OR result IN ('pending','confirmed','refused')), CONSTRAINT "pk_judicial_confirmations" PRIMARY KEY ("case_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_judicial_confirmations_window" ON "judicial_confirmations"  ("window_ends_on") WHERE applying IS NULL`);
    await queryRunner.query(`CREATE TABLE "follow_up_surveys" ("case_id" uuid NOT NULL, "center_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "branch_path" text NOT NULL, "mediator_id" uuid, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answered_at" TIMESTAMP WITH TIME ZONE, "satisfaction" smallint, "comment" character varying(2000), CONSTRAINT "chk_follow_up_surveys_answered" CHECK ((answered_at IS NULL) = (satisfaction IS NULL)), CONSTRAINT "chk_follow_up_surveys_satisfaction" CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5), CONSTRAINT "pk_follow_up_surveys" PRIMARY KEY ("case_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_follow_up_surveys_mediator" ON "follow_up_surveys"  ("mediator_id", "answered_at") `);
    await queryRunner.query(`CREATE INDEX "idx_follow_up_surveys_center_answered" ON "follow_up_surveys"  ("center_id", "answered_at") `);
    await queryRunner.query(`ALTER TABLE "cases" ADD "outcome" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "concluded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "settled_amount_fen" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "consumer_links" ADD "purpose" character varying(12) NOT NULL DEFAULT 'session'`);
    await queryRunner.query(`ALTER TABLE "consumer_links" ADD "document_id" uuid`);
    await queryRunner.query(`ALTER TABLE "consumer_links" DROP CONSTRAINT "fk_consumer_links_session_id"`);
    await queryRunner.query(`ALTER TABLE "consumer_links" ALTER COLUMN "session_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_consumer_links_case_purpose" ON "consumer_links"  ("case_id", "purpose") `);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "chk_cases_concluded" CHECK ((outcome IS NULL) = (concluded_at IS NULL) AND (settled_amount_fen = 0 OR outcome = 'settled') AND settled_amount_fen >= 0)`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "chk_cases_outcome" CHECK (outcome IS NULL OR outcome IN ('settled','not_settled','withdrawn','terminated'))`);
    await queryRunner.query(`ALTER TABLE "consumer_links" ADD CONSTRAINT "chk_consumer_links_purpose" CHECK (purpose IN ('session','signing','survey') AND (purpose = 'session') = (session_id IS NOT NULL) AND (purpose = 'signing') = (document_id IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "consumer_links" ADD CONSTRAINT "fk_consumer_links_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_outcomes" ADD CONSTRAINT "fk_case_outcomes_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_obligations" ADD CONSTRAINT "fk_case_obligations_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_obligations" ADD CONSTRAINT "fk_case_obligations_evidence_attachment_id" FOREIGN KEY ("evidence_attachment_id") REFERENCES "case_attachments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_documents" ADD CONSTRAINT "fk_case_documents_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document_signatures" ADD CONSTRAINT "fk_document_signatures_document_id" FOREIGN KEY ("document_id") REFERENCES "case_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "fk_judicial_confirmations_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "follow_up_surveys" ADD CONSTRAINT "fk_follow_up_surveys_case_id" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "chk_case_events_kind"`);
    await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "chk_case_events_kind" CHECK (kind IN ('transition','comment','internal_note','attachment','assignment','track_changed','edited','session'))`);
    await queryRunner.query(`ALTER TABLE "follow_up_surveys" DROP CONSTRAINT "fk_follow_up_surveys_case_id"`);
    await queryRunner.query(`ALTER TABLE "judicial_confirmations" DROP CONSTRAINT "fk_judicial_confirmations_case_id"`);
    await queryRunner.query(`ALTER TABLE "document_signatures" DROP CONSTRAINT "fk_document_signatures_document_id"`);
    await queryRunner.query(`ALTER TABLE "case_documents" DROP CONSTRAINT "fk_case_documents_case_id"`);
    await queryRunner.query(`ALTER TABLE "case_obligations" DROP CONSTRAINT "fk_case_obligations_evidence_attachment_id"`);
    await queryRunner.query(`ALTER TABLE "case_obligations" DROP CONSTRAINT "fk_case_obligations_case_id"`);
    await queryRunner.query(`ALTER TABLE "case_outcomes" DROP CONSTRAINT "fk_case_outcomes_case_id"`);
    await queryRunner.query(`ALTER TABLE "consumer_links" DROP CONSTRAINT "fk_consumer_links_session_id"`);
    await queryRunner.query(`ALTER TABLE "consumer_links" DROP CONSTRAINT "chk_consumer_links_purpose"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "chk_cases_outcome"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "chk_cases_concluded"`);
    await queryRunner.query(`DROP INDEX "public"."idx_consumer_links_case_purpose"`);
    await queryRunner.query(`ALTER TABLE "consumer_links" ALTER COLUMN "session_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "consumer_links" ADD CONSTRAINT "fk_consumer_links_session_id" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consumer_links" DROP COLUMN "document_id"`);
    await queryRunner.query(`ALTER TABLE "consumer_links" DROP COLUMN "purpose"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "settled_amount_fen"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "concluded_at"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "outcome"`);
    await queryRunner.query(`DROP INDEX "public"."idx_follow_up_surveys_center_answered"`);
    await queryRunner.query(`DROP INDEX "public"."idx_follow_up_surveys_mediator"`);
    await queryRunner.query(`DROP TABLE "follow_up_surveys"`);
    await queryRunner.query(`DROP INDEX "public"."idx_judicial_confirmations_window"`);
    await queryRunner.query(`DROP TABLE "judicial_confirmations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_document_signatures_party"`);
    await queryRunner.query(`DROP TABLE "document_signatures"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_documents_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_documents_live"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_documents_sha256"`);
    await queryRunner.query(`DROP TABLE "case_documents"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_obligations_position"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_obligations_open_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_obligations_institution_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_obligations_center_due"`);
    await queryRunner.query(`DROP TABLE "case_obligations"`);
    await queryRunner.query(`DROP TABLE "case_outcomes"`);
  }
}

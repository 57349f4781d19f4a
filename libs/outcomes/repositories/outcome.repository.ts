import { Injectable } from '@nestjs/common';
import type { OtherRoute, Outcome, TerminationReason } from '@accord/contracts';
import { columns, Database, RowOf } from '@accord/core';
import { CaseOutcomeEntity } from '../entities/outcome.entities';

/** The case's owners, copied onto each row that belongs to it (RLS reads the row like the case). */
export interface CaseOwners {
  id: string;
  centerId: string;
  institutionId: string;
  branchPath: string;
}

const OUTCOME_VIEW = columns(CaseOutcomeEntity, [
  'caseId',
  'outcome',
  'refundFen',
  'feeWaiverFen',
  'instalmentTotalFen',
  'instalmentCount',
  'freeTerms',
  'notSettledReason',
  'otherRoutes',
  'terminationReason',
  'note',
  'recordedByName',
  'recordedAt',
] as const);
export type OutcomeRow = RowOf<typeof OUTCOME_VIEW> & { instalmentFirstDueOn: string | null };

/** What a document is drawn up from: the terms (amounts as numbers) or the reason it failed. */
export interface OutcomeTerms {
  outcome: string;
  refundFen: number;
  feeWaiverFen: number;
  instalmentTotalFen: number | null;
  instalmentCount: number | null;
  instalmentFirstDueOn: string | null;
  freeTerms: string;
  notSettledReason: string | null;
  otherRoutes: OtherRoute[];
  terminationReason: TerminationReason | null;
}

/** The recorded outcome of a case (`case_outcomes`) and what decides whether it may still change. */
@Injectable()
export class OutcomeRepository {
  constructor(private readonly db: Database) {}

  /** `details`: the detail columns, in case_outcomes' order from refund_fen to note. */
  async insert(c: CaseOwners, outcome: Outcome, details: unknown[], recordedBy: string | null, recordedByName: string): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO case_outcomes (case_id, center_id, institution_id, branch_path, outcome, refund_fen, fee_waiver_fen, instalment_total_fen, instalment_count,
                                  instalment_first_due_on, free_terms, not_settled_reason, other_routes, termination_reason, note, recorded_by, recorded_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [c.id, c.centerId, c.institutionId, c.branchPath, outcome, ...details, recordedBy, recordedByName],
    );
  }

  async updateDetails(caseId: string, details: unknown[]): Promise<void> {
    await this.db.manager.query(
      `UPDATE case_outcomes SET refund_fen = $2, fee_waiver_fen = $3, instalment_total_fen = $4, instalment_count = $5, instalment_first_due_on = $6,
              free_terms = $7, not_settled_reason = $8, other_routes = $9, termination_reason = $10, note = $11
       WHERE case_id = $1`,
      [caseId, ...details],
    );
  }

  /** The outcome row locked, with what would forbid correcting it: a signature, a performed obligation. */
  async lockWithProgress(caseId: string): Promise<{ outcome: Outcome; signed: boolean; signing: boolean; performed: boolean } | undefined> {
    const [o] = (await this.db.manager.query(
      `SELECT outcome,
              EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = $1 AND d.status = 'signed') AS signed,
              EXISTS (SELECT 1 FROM document_signatures s JOIN case_documents d ON d.id = s.document_id WHERE d.case_id = $1 AND d.status <> 'superseded') AS "signing",
              EXISTS (SELECT 1 FROM case_obligations b WHERE b.case_id = $1 AND b.status = 'performed') AS performed
       FROM case_outcomes WHERE case_id = $1 FOR UPDATE`,
      [caseId],
    )) as { outcome: Outcome; signed: boolean; signing: boolean; performed: boolean }[];
    return o;
  }

  async view(caseId: string): Promise<OutcomeRow | undefined> {
    const [o] = (await this.db.manager.query(
      `SELECT ${OUTCOME_VIEW.select()}, to_char(instalment_first_due_on, 'YYYY-MM-DD') AS "instalmentFirstDueOn" FROM case_outcomes WHERE case_id = $1`,
      [caseId],
    )) as OutcomeRow[];
    return o;
  }

  async terms(caseId: string): Promise<OutcomeTerms | undefined> {
    const [o] = (await this.db.manager.query(
      `SELECT outcome, refund_fen::float8 AS "refundFen", fee_waiver_fen::float8 AS "feeWaiverFen", instalment_total_fen::float8 AS "instalmentTotalFen",
              instalment_count AS "instalmentCount", to_char(instalment_first_due_on, 'YYYY-MM-DD') AS "instalmentFirstDueOn", free_terms AS "freeTerms",
              not_settled_reason AS "notSettledReason", other_routes AS "otherRoutes", termination_reason AS "terminationReason"
       FROM case_outcomes WHERE case_id = $1`,
      [caseId],
    )) as OutcomeTerms[];
    return o;
  }

  /** Whether anyone signed a document of the case or performed an obligation: the terms are then fixed. */
  async signedOrPerformed(caseId: string): Promise<boolean> {
    const [{ fixed }] = (await this.db.manager.query(
      `SELECT EXISTS (SELECT 1 FROM document_signatures s JOIN case_documents d ON d.id = s.document_id WHERE d.case_id = $1)
              OR EXISTS (SELECT 1 FROM case_obligations b WHERE b.case_id = $1 AND b.status = 'performed') AS fixed`,
      [caseId],
    )) as { fixed: boolean }[];
    return fixed;
  }

  /**
   * Whether everything after the outcome is done: the follow-up answered, every obligation
   * performed and, unless `agreementNeeded` is false, the agreement signed.
   */
  async allDone(caseId: string, agreementNeeded: boolean): Promise<boolean> {
    const [{ done }] = (await this.db.manager.query(
      `SELECT EXISTS (SELECT 1 FROM follow_up_surveys f WHERE f.case_id = $1 AND f.answered_at IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM case_obligations o WHERE o.case_id = $1 AND o.status <> 'performed')
              AND (NOT $2 OR EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = $1 AND d.kind = 'agreement' AND d.status = 'signed')) AS done`,
      [caseId, agreementNeeded],
    )) as { done: boolean }[];
    return done;
  }
}

import { Injectable } from '@nestjs/common';
import type { ObligationParty, ObligationStatus, SettlementTerms } from '@accord/contracts';
import { Database, SqlParams } from '@accord/core';
import type { CaseOwners } from './outcome.repository';

/** An obligation as the outcome view lists it (the evidence's file name comes from the case). */
export interface ObligationRow {
  id: string;
  owedBy: ObligationParty;
  description: string;
  amountFen: number | null;
  dueOn: string;
  status: ObligationStatus;
  performedAt: Date | null;
  evidenceNote: string | null;
  evidenceAttachmentId: string | null;
}

export interface OpenObligationRow {
  id: string;
  caseId: string;
  owedBy: ObligationParty;
  description: string;
  amountFen: number | null;
  dueOn: string;
  status: ObligationStatus;
}

/** The obligations of a settlement (`case_obligations`): what is owed, by when, and its performance. */
@Injectable()
export class ObligationRepository {
  constructor(private readonly db: Database) {}

  /** One statement for every obligation: no per-row round trips. */
  async insertAll(c: CaseOwners, obligations: { owedBy: string; description: string; amountFen: number | null; dueOn: string }[]): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO case_obligations (case_id, center_id, institution_id, branch_path, position, owed_by, description, amount_fen, due_on)
       SELECT $1, $2, $3, $4, o.position, o.owed_by, o.description, o.amount_fen, o.due_on
       FROM unnest($5::int[], $6::text[], $7::text[], $8::bigint[], $9::date[]) AS o(position, owed_by, description, amount_fen, due_on)`,
      [
        c.id,
        c.centerId,
        c.institutionId,
        c.branchPath,
        obligations.map((_, i) => i + 1),
        obligations.map((o) => o.owedBy),
        obligations.map((o) => o.description),
        obligations.map((o) => o.amountFen),
        obligations.map((o) => o.dueOn),
      ],
    );
  }

  async deleteOfCase(caseId: string): Promise<void> {
    await this.db.manager.query(`DELETE FROM case_obligations WHERE case_id = $1`, [caseId]);
  }

  async ofCase(caseId: string): Promise<ObligationRow[]> {
    return (await this.db.manager.query(
      `SELECT id, owed_by AS "owedBy", description, amount_fen::float8 AS "amountFen", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status,
              performed_at AS "performedAt", evidence_note AS "evidenceNote", evidence_attachment_id AS "evidenceAttachmentId"
       FROM case_obligations WHERE case_id = $1 ORDER BY position`,
      [caseId],
    )) as ObligationRow[];
  }

  /**
   * Open obligations of the caller's organisation (a center's, or an institution's — its pinned
   * subtree only), soonest first. RLS holds the same wall; the filters use the (owner, due_on) indexes.
   */
  async openDue(f: { owedBy?: string; dueBy?: string; limit: number; offset: number }): Promise<{ rows: OpenObligationRow[]; hasMore: boolean }> {
    const scope = this.db.scope;
    const p = new SqlParams();
    const where = [`o.status <> 'performed'`];
    if (scope.kind === 'institution') {
      where.push(`o.institution_id = ${p.add(scope.organisationId)}`);
      if (scope.branchPath) where.push(`o.branch_path LIKE ${p.add(scope.branchPath)} || '%'`);
    } else if (scope.kind === 'center') {
      where.push(`o.center_id = ${p.add(scope.organisationId)}`);
    } else {
      return { rows: [], hasMore: false };
    }
    if (f.owedBy) where.push(`o.owed_by = ${p.add(f.owedBy)}`);
    if (f.dueBy) where.push(`o.due_on <= ${p.add(f.dueBy, 'date')}`);
    const rows = (await this.db.manager.query(
      `SELECT o.id, o.case_id AS "caseId", o.owed_by AS "owedBy", o.description, o.amount_fen::float8 AS "amountFen",
              to_char(o.due_on, 'YYYY-MM-DD') AS "dueOn", o.status
       FROM case_obligations o WHERE ${where.join(' AND ')}
       ORDER BY o.due_on, o.id LIMIT ${p.add(f.limit + 1)} OFFSET ${p.add(f.offset)}`,
      p.values,
    )) as OpenObligationRow[];
    return { rows: rows.slice(0, f.limit), hasMore: rows.length > f.limit };
  }

  /** The obligations as a document states them. */
  async termsOfCase(caseId: string): Promise<SettlementTerms['obligations']> {
    return (await this.db.manager.query(
      `SELECT owed_by AS "owedBy", description, amount_fen::float8 AS "amountFen", to_char(due_on, 'YYYY-MM-DD') AS "dueOn"
       FROM case_obligations WHERE case_id = $1 ORDER BY position`,
      [caseId],
    )) as SettlementTerms['obligations'];
  }

  async countOpen(caseId: string): Promise<number> {
    const [{ open }] = (await this.db.manager.query(`SELECT count(*)::int AS open FROM case_obligations WHERE case_id = $1 AND status <> 'performed'`, [caseId])) as {
      open: number;
    }[];
    return open;
  }

  /** Those not yet performed, with their due day, in the order of the terms. */
  async openOfCase(caseId: string): Promise<{ id: string; dueOn: string }[]> {
    return (await this.db.manager.query(
      `SELECT id, to_char(due_on, 'YYYY-MM-DD') AS "dueOn" FROM case_obligations WHERE case_id = $1 AND status <> 'performed' ORDER BY position`,
      [caseId],
    )) as { id: string; dueOn: string }[];
  }

  async lockOfCase(obligationId: string, caseId: string): Promise<{ owedBy: string; status: string } | undefined> {
    const [o] = (await this.db.manager.query(`SELECT owed_by AS "owedBy", status FROM case_obligations WHERE id = $1 AND case_id = $2 FOR UPDATE`, [obligationId, caseId])) as {
      owedBy: string;
      status: string;
    }[];
    return o;
  }

  async lock(obligationId: string): Promise<{ caseId: string; owedBy: string; description: string; dueOn: string; status: string; reminded: boolean } | undefined> {
    const [o] = (await this.db.manager.query(
      `SELECT case_id AS "caseId", owed_by AS "owedBy", description, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status, reminded_at IS NOT NULL AS reminded
       FROM case_obligations WHERE id = $1 FOR UPDATE`,
      [obligationId],
    )) as { caseId: string; owedBy: string; description: string; dueOn: string; status: string; reminded: boolean }[];
    return o;
  }

  /** Every obligation not yet performed, in every center (the system scope): the reminders Redis must hold. */
  async allOpen(): Promise<{ id: string; dueOn: string; status: string; reminded: boolean }[]> {
    return (await this.db.manager.query(
      `SELECT id, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status, reminded_at IS NOT NULL AS reminded FROM case_obligations WHERE status <> 'performed'`,
    )) as { id: string; dueOn: string; status: string; reminded: boolean }[];
  }

  async markPerformed(obligationId: string, performedBy: string | null, evidenceNote: string, evidenceAttachmentId: string | null): Promise<void> {
    await this.db.manager.query(
      `UPDATE case_obligations SET status = 'performed', performed_at = now(), performed_by = $2, evidence_note = $3, evidence_attachment_id = $4 WHERE id = $1`,
      [obligationId, performedBy, evidenceNote, evidenceAttachmentId],
    );
  }

  async markReminded(obligationId: string): Promise<void> {
    await this.db.manager.query(`UPDATE case_obligations SET reminded_at = now() WHERE id = $1`, [obligationId]);
  }

  async markOverdue(obligationId: string): Promise<void> {
    await this.db.manager.query(`UPDATE case_obligations SET status = 'overdue', escalated_at = now() WHERE id = $1`, [obligationId]);
  }
}

import { Injectable } from '@nestjs/common';
import type { JudicialConfirmationView, JudicialResult } from '@accord/contracts';
import { Database } from '@accord/core';
import type { CaseOwners } from './outcome.repository';

export type JudicialRow = Omit<JudicialConfirmationView, 'daysLeft' | 'state'>;

/** Judicial confirmation of a signed agreement (`judicial_confirmations`): its window and the parties' answer. */
@Injectable()
export class JudicialRepository {
  constructor(private readonly db: Database) {}

  /** The window opens once: a second call for the case changes nothing. */
  async open(c: CaseOwners, effectiveOn: string, windowDays: number): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO judicial_confirmations (case_id, center_id, institution_id, branch_path, effective_on, window_ends_on)
       VALUES ($1, $2, $3, $4, $5::date, $5::date + $6::int) ON CONFLICT (case_id) DO NOTHING`,
      [c.id, c.centerId, c.institutionId, c.branchPath, effectiveOn, windowDays],
    );
  }

  async record(
    caseId: string,
    r: { applying: boolean; court: string | null; appliedOn: string | null; result: JudicialResult | null; resultOn: string | null; note: string | null; updatedBy: string | null },
  ): Promise<void> {
    await this.db.manager.query(
      `UPDATE judicial_confirmations SET applying = $2, court = $3, applied_on = $4, result = $5, result_on = $6, note = $7, updated_by = $8, updated_at = now()
       WHERE case_id = $1`,
      [caseId, r.applying, r.court, r.appliedOn, r.result, r.resultOn, r.note, r.updatedBy],
    );
  }

  async view(caseId: string): Promise<JudicialRow | undefined> {
    const [j] = (await this.db.manager.query(
      `SELECT case_id AS "caseId", to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn", to_char(window_ends_on, 'YYYY-MM-DD') AS "windowEndsOn", applying, court,
              to_char(applied_on, 'YYYY-MM-DD') AS "appliedOn", result, to_char(result_on, 'YYYY-MM-DD') AS "resultOn", note
       FROM judicial_confirmations WHERE case_id = $1`,
      [caseId],
    )) as JudicialRow[];
    return j;
  }

  /** The window's last day while the parties have not decided; undefined once they have (or without a window). */
  async undecidedWindowEnd(caseId: string): Promise<string | undefined> {
    const [j] = (await this.db.manager.query(
      `SELECT to_char(window_ends_on, 'YYYY-MM-DD') AS "windowEndsOn" FROM judicial_confirmations WHERE case_id = $1 AND applying IS NULL`,
      [caseId],
    )) as { windowEndsOn: string }[];
    return j?.windowEndsOn;
  }

  /** Every judicial-confirmation window still open and undecided, in every center (the system scope). */
  async undecidedWindows(): Promise<{ caseId: string; windowEndsOn: string }[]> {
    return (await this.db.manager.query(
      `SELECT case_id AS "caseId", to_char(window_ends_on, 'YYYY-MM-DD') AS "windowEndsOn" FROM judicial_confirmations
       WHERE applying IS NULL AND window_ends_on >= (now() AT TIME ZONE 'Asia/Shanghai')::date`,
    )) as { caseId: string; windowEndsOn: string }[];
  }

  async window(caseId: string): Promise<{ applying: boolean | null; windowEndsOn: string } | undefined> {
    const [j] = (await this.db.manager.query(
      `SELECT applying, to_char(window_ends_on, 'YYYY-MM-DD') AS "windowEndsOn" FROM judicial_confirmations WHERE case_id = $1`,
      [caseId],
    )) as { applying: boolean | null; windowEndsOn: string }[];
    return j;
  }
}

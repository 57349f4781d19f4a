import { Injectable } from '@nestjs/common';
import type { CaseExtensionView } from '@accord/contracts';
import { columns, Database, RowOf } from '@accord/core';
import { directorySql } from '@accord/organisations';
import { CaseExtensionEntity } from '../entities/scheduling.entities';

const EXTENSION = columns(CaseExtensionEntity, [
  'id',
  'caseId',
  'centerId',
  'institutionId',
  'branchPath',
  'status',
  'days',
  'reason',
  'createdAt',
  'institutionAgreedAt',
  'institutionAgreedByName',
  'consumerAgreedAt',
  'agreedAt',
  'declinedBy',
  'declinedAt',
  'declineNote',
] as const);

export type ExtensionRow = RowOf<typeof EXTENSION> & { previousDueOn: string; newDueOn: string; proposedByName: string | null };

const SELECT = `${EXTENSION.select('e')}, to_char(e.previous_due_on, 'YYYY-MM-DD') AS "previousDueOn", to_char(e.new_due_on, 'YYYY-MM-DD') AS "newDueOn",
  ${directorySql.userName('e.proposed_by')} AS "proposedByName"`;

export function toExtensionView(r: ExtensionRow): CaseExtensionView {
  return {
    id: r.id,
    caseId: r.caseId,
    status: r.status,
    days: r.days,
    reason: r.reason,
    proposedAt: r.createdAt.toISOString(),
    proposedByName: r.proposedByName,
    previousDueOn: r.previousDueOn,
    newDueOn: r.newDueOn,
    institutionAgreedAt: r.institutionAgreedAt?.toISOString() ?? null,
    institutionAgreedByName: r.institutionAgreedByName,
    consumerAgreedAt: r.consumerAgreedAt?.toISOString() ?? null,
    agreedAt: r.agreedAt?.toISOString() ?? null,
    declinedBy: r.declinedBy,
    declinedAt: r.declinedAt?.toISOString() ?? null,
    declineNote: r.declineNote,
  };
}

/** Proposals to extend a case's mediation clock; RLS reads them like their case. */
@Injectable()
export class ExtensionRepository {
  constructor(private readonly db: Database) {}

  /** A case's proposals, newest first (a case has a handful at most). */
  async forCase(caseId: string): Promise<ExtensionRow[]> {
    return (await this.db.manager.query(`SELECT ${SELECT} FROM case_extensions e WHERE e.case_id = $1 ORDER BY e.created_at DESC, e.id LIMIT 50`, [caseId])) as ExtensionRow[];
  }

  async find(caseId: string, id: string): Promise<ExtensionRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${SELECT} FROM case_extensions e WHERE e.id = $1 AND e.case_id = $2`, [id, caseId])) as ExtensionRow[];
    return row;
  }

  /** The case's live proposal (pending or agreed): the partial unique index allows one. */
  async live(caseId: string): Promise<ExtensionRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${SELECT} FROM case_extensions e WHERE e.case_id = $1 AND e.status IN ('pending', 'agreed')`, [caseId])) as ExtensionRow[];
    return row;
  }

  async insert(e: { caseId: string; centerId: string; institutionId: string; branchPath: string; days: number; reason: string; proposedBy: string | null; previousDueOn: string; newDueOn: string }): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO case_extensions (case_id, center_id, institution_id, branch_path, days, reason, proposed_by, previous_due_on, new_due_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [e.caseId, e.centerId, e.institutionId, e.branchPath, e.days, e.reason, e.proposedBy, e.previousDueOn, e.newDueOn],
    )) as { id: string }[];
    return id;
  }

  /**
   * One party's yes on a pending proposal; the proposal becomes agreed in the same statement when
   * the other has said yes already. Undefined: it was no longer pending (answered meanwhile).
   */
  async agree(id: string, party: 'institution' | 'consumer', by: { userId: string | null }): Promise<ExtensionRow | undefined> {
    const set =
      party === 'institution'
        ? `institution_agreed_at = now(), institution_agreed_by = $2, institution_agreed_by_name = ${directorySql.userName('$2::uuid')},
           status = CASE WHEN consumer_agreed_at IS NOT NULL THEN 'agreed' ELSE status END,
           agreed_at = CASE WHEN consumer_agreed_at IS NOT NULL THEN now() END`
        : `consumer_agreed_at = now(),
           status = CASE WHEN institution_agreed_at IS NOT NULL THEN 'agreed' ELSE status END,
           agreed_at = CASE WHEN institution_agreed_at IS NOT NULL THEN now() END`;
    const column = party === 'institution' ? 'institution_agreed_at' : 'consumer_agreed_at';
    const params = party === 'institution' ? [id, by.userId] : [id];
    const updated = (await this.db.manager.query(
      `UPDATE case_extensions SET ${set}, updated_at = now() WHERE id = $1 AND status = 'pending' AND ${column} IS NULL RETURNING id`,
      params,
    )) as [unknown[], number];
    if (updated[0].length !== 1) return undefined;
    const [row] = (await this.db.manager.query(`SELECT ${SELECT} FROM case_extensions e WHERE e.id = $1`, [id])) as ExtensionRow[];
    return row;
  }

  /** One party's no, or the center's withdrawal: the proposal ends. False: it was no longer pending. */
  async end(id: string, status: 'declined' | 'withdrawn', declinedBy: 'institution' | 'consumer' | null, note: string | null): Promise<boolean> {
    const updated = (await this.db.manager.query(
      `UPDATE case_extensions SET status = $2::text, declined_by = $3, declined_at = CASE WHEN $2::text = 'declined' THEN now() END, decline_note = $4, updated_at = now()
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, status, declinedBy, note],
    )) as [unknown[], number];
    return updated[0].length === 1;
  }
}

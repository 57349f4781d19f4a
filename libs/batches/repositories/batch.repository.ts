import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf } from '@accord/core';
import { CaseBatchEntity } from '../entities/batch.entities';

const BATCH = columns(CaseBatchEntity, ['id', 'centerId', 'institutionId', 'disputeType', 'label', 'leadMediatorId', 'createdAt'] as const);
export type BatchRow = RowOf<typeof BATCH>;

/** case_batches and case_batch_members; every read is narrowed to the caller's center (RLS is the second wall). */
@Injectable()
export class BatchRepository {
  constructor(private readonly db: Database) {}

  /** A new batch with its members; throws the database's unique violation when a case is in a batch already. */
  async insert(b: { centerId: string; institutionId: string; disputeType: string; label: string; leadMediatorId: string; createdBy: string | null }, caseIds: readonly string[]): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO case_batches (center_id, institution_id, dispute_type, label, lead_mediator_id, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [b.centerId, b.institutionId, b.disputeType, b.label, b.leadMediatorId, b.createdBy],
    )) as { id: string }[];
    await this.db.manager.query(`INSERT INTO case_batch_members (case_id, batch_id, center_id) SELECT unnest($1::uuid[]), $2, $3`, [caseIds, id, b.centerId]);
    return id;
  }

  async page(centerId: string, page: number, pageSize: number): Promise<{ rows: BatchRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.db.manager.query(`SELECT ${BATCH.select('b')} FROM case_batches b WHERE b.center_id = $1 ORDER BY b.created_at DESC, b.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, [
        centerId,
      ]) as Promise<BatchRow[]>,
      this.db.manager.query(`SELECT count(*)::int AS total FROM case_batches b WHERE b.center_id = $1`, [centerId]) as Promise<{ total: number }[]>,
    ]);
    return { rows, total };
  }

  async one(centerId: string, id: string): Promise<BatchRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${BATCH.select('b')} FROM case_batches b WHERE b.id = $1 AND b.center_id = $2`, [id, centerId])) as BatchRow[];
    return row;
  }

  /** Batch id → its member case ids, in the order they joined. */
  async members(batchIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(batchIds.map((id) => [id, []]));
    if (!batchIds.length) return out;
    const rows = (await this.db.manager.query(`SELECT batch_id AS "batchId", case_id AS "caseId" FROM case_batch_members WHERE batch_id = ANY($1::uuid[]) ORDER BY added_at, case_id`, [
      batchIds,
    ])) as { batchId: string; caseId: string }[];
    for (const r of rows) out.get(r.batchId)!.push(r.caseId);
    return out;
  }

  /** Case id → the batch it is in, for the ids given that are in one. */
  async batchOf(caseIds: readonly string[]): Promise<Map<string, string>> {
    if (!caseIds.length) return new Map();
    const rows = (await this.db.manager.query(`SELECT case_id AS "caseId", batch_id AS "batchId" FROM case_batch_members WHERE case_id = ANY($1::uuid[])`, [caseIds])) as {
      caseId: string;
      batchId: string;
    }[];
    return new Map(rows.map((r) => [r.caseId, r.batchId]));
  }

  /** Every member case id of the center's batches (for the dashboard's totals; a center has few). */
  async memberIdsOfCenter(centerId: string): Promise<{ batchId: string; caseId: string }[]> {
    return (await this.db.manager.query(`SELECT batch_id AS "batchId", case_id AS "caseId" FROM case_batch_members WHERE center_id = $1`, [centerId])) as { batchId: string; caseId: string }[];
  }
}

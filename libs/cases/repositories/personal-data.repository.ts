import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';

export interface ErasureDue {
  id: string;
  centerId: string;
  caseNumber: string | null;
  closedAt: Date;
  retentionMonths: number;
}

export interface CopyAttachment {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
  erasedAt: Date | null;
}

/**
 * The personal data a case holds about its consumer, for the retention job (erase what expired)
 * and for the consumer's own copy. The case's figures are never touched here.
 */
@Injectable()
export class PersonalDataRepository {
  constructor(private readonly db: Database) {}

  /**
   * Terminal cases (closed, or rejected at intake) whose closing is older than their center's
   * retention, not yet erased; locked and skipped by a concurrent run (two workers erase each once).
   */
  async due(now: Date, limit: number): Promise<ErasureDue[]> {
    return (await this.db.manager.query(
      `SELECT c.id, c.center_id AS "centerId", c.case_number AS "caseNumber", closed.at AS "closedAt",
              coalesce(s.closed_retention_months, 36) AS "retentionMonths"
       FROM cases c
       LEFT JOIN case_settings s ON s.center_id = c.center_id
       CROSS JOIN LATERAL (SELECT max(e.at) AS at FROM case_events e WHERE e.case_id = c.id AND e.to_status = c.status) closed
       WHERE c.status IN ('closed', 'rejected') AND c.consumer_erased_at IS NULL
         AND closed.at < $1::timestamptz - make_interval(months => coalesce(s.closed_retention_months, 36))
       ORDER BY closed.at LIMIT $2
       FOR UPDATE OF c SKIP LOCKED`,
      [now, limit],
    )) as ErasureDue[];
  }

  /** The storage keys of the case's evidence files still held. */
  async heldFiles(caseId: string): Promise<string[]> {
    const rows = (await this.db.manager.query(`SELECT storage_key AS key FROM case_attachments WHERE case_id = $1 AND erased_at IS NULL`, [caseId])) as { key: string }[];
    return rows.map((r) => r.key);
  }

  /**
   * Clears the sealed identity and every masked or hashed copy (the repeat-referral search can
   * no longer find the person), and marks the evidence rows erased, their names cleared.
   * Returns whether the case was still held (false: erased before, nothing done).
   */
  async erase(caseId: string): Promise<boolean> {
    // An UPDATE answers [rows, count] (SqlExecutor).
    const [, count] = (await this.db.manager.query(
      `UPDATE cases SET consumer_sealed = NULL, consumer_name_masked = '', consumer_phone_masked = '', consumer_id_masked = '',
                        consumer_phone_hash = NULL, consumer_id_hash = NULL, consumer_erased_at = now()
       WHERE id = $1 AND consumer_erased_at IS NULL`,
      [caseId],
    )) as [unknown[], number];
    await this.db.manager.query(`UPDATE case_attachments SET erased_at = now(), file_name = '' WHERE case_id = $1 AND erased_at IS NULL`, [caseId]);
    return count > 0;
  }

  async attachments(caseId: string): Promise<CopyAttachment[]> {
    return (await this.db.manager.query(
      `SELECT file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", created_at AS "createdAt", erased_at AS "erasedAt"
       FROM case_attachments WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    )) as CopyAttachment[];
  }
}

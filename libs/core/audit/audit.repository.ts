import { Injectable } from '@nestjs/common';
import { columns, RowOf } from '../database/columns';
import { Database } from '../database/database.service';
import { AuditEventEntity } from './audit-event.entity';

const WRITTEN = columns(AuditEventEntity, [
  'organisationId',
  'actorUserId',
  'actorApiKeyId',
  'action',
  'subjectType',
  'subjectId',
  'detail',
  'ip',
  'requestId',
] as const);
const LISTED = columns(AuditEventEntity, ['id', 'at', 'action', 'subjectType', 'subjectId', 'detail', 'actorUserId'] as const);
export type AuditEventRow = RowOf<typeof LISTED>;

/** The queries of the audit trail (audit_events): appended to, read a page at a time. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(row: RowOf<typeof WRITTEN>): Promise<void> {
    await this.db.manager.query(`INSERT INTO audit_events (${WRITTEN.names()}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      row.organisationId,
      row.actorUserId,
      row.actorApiKeyId,
      row.action,
      row.subjectType,
      row.subjectId,
      JSON.stringify(row.detail),
      row.ip,
      row.requestId,
    ]);
  }

  /** An organisation's entries, newest first, with the total; the actor as an id (its name belongs to organisations). */
  async page(organisationId: string | null, limit: number, offset: number): Promise<{ rows: AuditEventRow[]; total: number }> {
    const rows = (await this.db.manager.query(
      `SELECT ${LISTED.select('e')}, count(*) OVER () AS total
       FROM audit_events e
       WHERE e.organisation_id = $1 ORDER BY e.organisation_id, e.at DESC LIMIT $2 OFFSET $3`,
      [organisationId, limit, offset],
    )) as (AuditEventRow & { total: string })[];
    return { rows: rows.map(({ total: _t, ...e }) => e), total: Number(rows[0]?.total ?? 0) };
  }
}

import { Injectable } from '@nestjs/common';
import { columns, RowOf } from '../database/columns';
import { Database } from '../database/database.service';
import { SqlParams } from '../database/sql-params';
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
  'userAgent',
  'requestId',
] as const);
const LISTED = columns(AuditEventEntity, [
  'id',
  'at',
  'action',
  'subjectType',
  'subjectId',
  'detail',
  'actorUserId',
  'actorApiKeyId',
  'ip',
  'userAgent',
  'requestId',
  'chainSeq',
  'hash',
] as const);
export type AuditEventRow = RowOf<typeof LISTED>;

/** Which entries of an organisation's trail: by actor, action (a prefix: `case.` is every case action), subject, period. */
export interface AuditFilter {
  actorUserId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** Instants, inclusive from, exclusive to. */
  from?: Date;
  to?: Date;
}

/** The queries of the audit trail (audit_events): appended to, read a page or a batch at a time, archived. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(row: RowOf<typeof WRITTEN>): Promise<void> {
    await this.db.manager.query(`INSERT INTO audit_events (${WRITTEN.names()}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
      row.organisationId,
      row.actorUserId,
      row.actorApiKeyId,
      row.action,
      row.subjectType,
      row.subjectId,
      JSON.stringify(row.detail),
      row.ip,
      row.userAgent,
      row.requestId,
    ]);
  }

  private where(p: SqlParams, organisationId: string | null, f: AuditFilter): string {
    const and = [`e.organisation_id = ${p.add(organisationId)}`];
    if (f.actorUserId) and.push(`e.actor_user_id = ${p.add(f.actorUserId)}`);
    // A prefix: LIKE's own wildcards in the text are matched literally.
    if (f.action) and.push(`e.action LIKE ${p.add(f.action.replace(/[\\%_]/g, (c) => `\\${c}`) + '%')}`);
    if (f.subjectType) and.push(`e.subject_type = ${p.add(f.subjectType)}`);
    if (f.subjectId) and.push(`e.subject_id = ${p.add(f.subjectId)}`);
    if (f.from) and.push(`e.at >= ${p.add(f.from)}`);
    if (f.to) and.push(`e.at < ${p.add(f.to)}`);
    return and.join(' AND ');
  }

  /** An organisation's entries, newest first, with the total; the actor as an id (its name belongs to organisations). */
  async page(organisationId: string | null, filter: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditEventRow[]; total: number }> {
    const p = new SqlParams();
    const rows = (await this.db.manager.query(
      `SELECT ${LISTED.select('e')}, count(*) OVER () AS total
       FROM audit_events e
       WHERE ${this.where(p, organisationId, filter)} ORDER BY e.organisation_id, e.at DESC, e.id DESC LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    )) as (AuditEventRow & { total: string })[];
    return { rows: rows.map(({ total: _t, ...e }) => e), total: Number(rows[0]?.total ?? 0) };
  }

  /** The next batch for an export, newest first, after the entry `before` (keyset: stable while entries are appended). */
  async batch(organisationId: string | null, filter: AuditFilter, before: string | null, limit: number): Promise<AuditEventRow[]> {
    const p = new SqlParams();
    return (await this.db.manager.query(
      `SELECT ${LISTED.select('e')} FROM audit_events e
       WHERE ${this.where(p, organisationId, filter)}${before ? ` AND e.id < ${p.add(before)}` : ''}
       ORDER BY e.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    )) as AuditEventRow[];
  }

  /** Who appears in an organisation's trail (ids; their names belong to organisations), for the actor filter. */
  async actors(organisationId: string | null): Promise<string[]> {
    const rows = (await this.db.manager.query(
      `SELECT DISTINCT actor_user_id AS id FROM audit_events WHERE organisation_id = $1 AND actor_user_id IS NOT NULL LIMIT 1000`,
      [organisationId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Moves one batch of entries older than `cutoff` to the archive (audit_archive(), which refuses anything younger than 180 days). */
  async archiveBatch(cutoff: Date, batch: number): Promise<number> {
    const rows = (await this.db.manager.query(`SELECT audit_archive($1, $2) AS moved`, [cutoff, batch])) as { moved: string }[];
    return Number(rows[0].moved);
  }
}

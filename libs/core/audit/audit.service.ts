import { Injectable } from '@nestjs/common';
import type { Page } from '@accord/contracts';
import { currentContext } from '../access/request-context';

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectId?: string;
  detail?: Record<string, unknown>;
  /** Defaults to the caller's organisation. */
  organisationId?: string | null;
}

/** Appends to the audit trail inside the caller's transaction: no change without its entry. */
@Injectable()
export class AuditService {
  async record(entry: AuditEntry): Promise<void> {
    const { manager, scope, ip, requestId } = currentContext();
    await manager.query(
      `INSERT INTO audit_events (organisation_id, actor_user_id, actor_api_key_id, action, subject_type, subject_id, detail, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.organisationId === undefined ? scope.organisationId : entry.organisationId,
        scope.userId,
        scope.apiKeyId ?? null,
        entry.action,
        entry.subjectType ?? null,
        entry.subjectId ?? null,
        JSON.stringify(entry.detail ?? {}),
        ip ?? null,
        requestId ?? null,
      ],
    );
  }

  /** Newest first; the actor's name is read in the same query (no N+1). */
  async list(page: number, pageSize: number): Promise<Page<AuditEventView>> {
    const { manager, scope } = currentContext();
    const rows = (await manager.query(
      `SELECT e.id, e.at, e.action, e.subject_type AS "subjectType", e.subject_id AS "subjectId", e.detail,
              u.display_name AS "actorName", count(*) OVER () AS total
       FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
       WHERE e.organisation_id = $1 ORDER BY e.organisation_id, e.at DESC LIMIT $2 OFFSET $3`,
      [scope.organisationId, pageSize, (page - 1) * pageSize],
    )) as (AuditEventView & { total: string })[];
    return { items: rows.map(({ total: _t, ...e }) => e), total: Number(rows[0]?.total ?? 0), page, pageSize };
  }
}

export interface AuditEventView {
  id: string;
  at: Date;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  actorName: string | null;
}

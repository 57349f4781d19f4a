import type { AccessScope } from '../access';
import type { SqlParams } from '../database/sql-params';

/**
 * The audit entry as the body of a CTE, for a write that must stay one statement (the filing):
 * `INSERT INTO audit_events … SELECT … FROM <from>`. AuditService.record is the usual door;
 * `subjectId` and `detail` are SQL over `from`'s columns, and `detail` must hold facts only (see
 * audit-detail.ts). The hash chain is the trigger's, whichever door an entry comes through.
 */
export function auditInsertSelect(
  p: SqlParams,
  scope: AccessScope,
  e: { action: string; subjectType: string; subjectId: string; detail: string; ip: string | null; userAgent?: string | null; requestId: string | null },
  from: string,
): string {
  return `INSERT INTO audit_events (organisation_id, actor_user_id, actor_api_key_id, action, subject_type, subject_id, detail, ip, user_agent, request_id)
          SELECT ${p.add(scope.organisationId)}, ${p.add(scope.userId)}, ${p.add(scope.apiKeyId ?? null)}, ${p.add(e.action)},
                 ${p.add(e.subjectType)}, ${e.subjectId}, ${e.detail}, ${p.add(e.ip)}, ${p.add(e.userAgent ?? null)}, ${p.add(e.requestId)}
          FROM ${from}`;
}

import type { SqlParams } from '../database/sql-params';

/**
 * The outbox row as the body of a CTE, for a write that must stay one statement (filing a
 * referral, the hottest write): `INSERT INTO outbox … SELECT … FROM <from>`. The outbox is
 * core's table; a domain lib composes this instead of naming it (OutboxService.add is the
 * usual door). `payload` and `where` are SQL over `from`'s columns.
 */
export function outboxInsertSelect(
  p: SqlParams,
  m: { organisationId: string | null; type: string; rooms: string[]; payload: string; job: string | null; requestId: string | null },
  from: string,
  where?: string,
): string {
  return `INSERT INTO outbox (organisation_id, type, rooms, payload, job_name, request_id)
          SELECT ${p.add(m.organisationId)}, ${p.add(m.type)}, ${p.add(m.rooms)}, ${m.payload}, ${p.add(m.job)}, ${p.add(m.requestId)}
          FROM ${from}${where ? ` WHERE ${where}` : ''}`;
}

import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf } from '@accord/core';
import { SessionCallEntity } from '../entities/session-console.entities';
import type { Owners } from './session-room.repository';

const CALL = columns(SessionCallEntity, ['id', 'party', 'source', 'status', 'provider', 'phoneMasked', 'startedAt', 'answeredAt', 'endedAt', 'durationSeconds', 'note'] as const);
export type CallRow = RowOf<typeof CALL> & { hasRecording: boolean };
const CALL_STATE = columns(SessionCallEntity, ['id', 'status', 'providerRef', 'recordingKey', 'recordingType'] as const);
export type CallState = RowOf<typeof CALL_STATE>;

/** The calls made in a session: through the phone bridge or logged by hand, with their recordings. */
@Injectable()
export class SessionCallRepository {
  constructor(private readonly db: Database) {}

  async list(sessionId: string): Promise<CallRow[]> {
    return (await this.db.manager.query(`SELECT ${CALL.select()}, recording_key IS NOT NULL AS "hasRecording" FROM session_calls WHERE session_id = $1 ORDER BY started_at`, [
      sessionId,
    ])) as CallRow[];
  }

  async find(id: string, sessionId: string): Promise<CallState | undefined> {
    const [call] = (await this.db.manager.query(`SELECT ${CALL_STATE.select()} FROM session_calls WHERE id = $1 AND session_id = $2`, [id, sessionId])) as CallState[];
    return call;
  }

  /** A bridged call being dialled. */
  async dialing(s: Owners, party: string, provider: string, phoneMasked: string, by: string | null): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO session_calls (session_id, center_id, institution_id, branch_path, party, source, status, provider, phone_masked, started_at, created_by)
       VALUES ($1, $2, $3, $4, $5, 'bridge', 'dialing', $6, $7, now(), $8) RETURNING id`,
      [s.id, s.centerId, s.institutionId, s.branchPath, party, provider, phoneMasked, by],
    )) as { id: string }[];
    return id;
  }

  /** The provider took the call: its reference, and whether the party already answered. */
  async bridged(id: string, providerRef: string, answered: boolean): Promise<void> {
    await this.db.manager.query(
      `UPDATE session_calls SET provider_ref = $2, status = $3::text, answered_at = CASE WHEN $3::text = 'connected' THEN now() END WHERE id = $1`,
      [id, providerRef, answered ? 'connected' : 'dialing'],
    );
  }

  /** Hung up: completed with its length if answered, else not answered. */
  async end(id: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE session_calls SET ended_at = now(), status = CASE WHEN answered_at IS NULL THEN 'no_answer' ELSE 'completed' END,
         duration_seconds = CASE WHEN answered_at IS NULL THEN 0 ELSE extract(epoch FROM now() - answered_at)::int END WHERE id = $1`,
      [id],
    );
  }

  /** A call made outside the bridge, logged by hand (answered when completed). */
  async log(
    s: Owners,
    call: { party: string; status: string; phoneMasked: string; startedAt: string; endedAt: string; durationSeconds: number; note: string | null },
    by: string | null,
  ): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO session_calls (session_id, center_id, institution_id, branch_path, party, source, status, phone_masked, started_at, answered_at, ended_at,
         duration_seconds, note, created_by)
       VALUES ($1, $2, $3, $4, $5, 'manual', $6::text, $7, $8::timestamptz, CASE WHEN $6::text = 'completed' THEN $8::timestamptz END, $9, $10, $11, $12)`,
      [s.id, s.centerId, s.institutionId, s.branchPath, call.party, call.status, call.phoneMasked, call.startedAt, call.endedAt, call.durationSeconds, call.note, by],
    );
  }

  async attachRecording(id: string, key: string, contentType: string): Promise<void> {
    await this.db.manager.query(`UPDATE session_calls SET recording_key = $2, recording_type = $3 WHERE id = $1`, [id, key, contentType]);
  }
}

import { Injectable } from '@nestjs/common';
import { AuditService, Database, SYSTEM_SCOPE } from '@accord/core';
import type { RoomSeat, VideoIdentity } from './video-access.service';

/**
 * Recording consents in PostgreSQL: each participant's own answer, under their own scope (RLS
 * lets the center's staff write only theirs, the bank's only theirs); the consumer's through
 * the system scope, narrowed to the seat their link gave them. Every answer is audited.
 */
@Injectable()
export class VideoConsentService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async record(identity: VideoIdentity, seat: RoomSeat, recording: boolean): Promise<void> {
    const scope = identity.kind === 'staff' ? identity.scope : SYSTEM_SCOPE;
    await this.db.run(scope, async () => {
      await this.db.manager.query(
        `INSERT INTO video_consents (session_id, center_id, institution_id, branch_path, party, participant_key, actor_name, recording)
         SELECT s.id, s.center_id, s.institution_id, s.branch_path, $2, $3, $4, $5 FROM mediation_sessions s WHERE s.id = $1
         ON CONFLICT (session_id, participant_key) DO UPDATE SET recording = EXCLUDED.recording, actor_name = EXCLUDED.actor_name, at = now()`,
        [seat.sessionId, seat.role, seat.key, seat.name, recording],
      );
      await this.audit.record({
        action: recording ? 'session.recording-consent-given' : 'session.recording-consent-refused',
        subjectType: 'session',
        subjectId: seat.sessionId,
        organisationId: identity.kind === 'staff' ? undefined : seat.centerId,
        detail: { party: seat.role, name: seat.name },
      });
    });
  }

  /** participant key → their answer; read under the caller's scope. */
  async answers(identity: VideoIdentity, sessionId: string): Promise<Map<string, boolean>> {
    const scope = identity.kind === 'staff' ? identity.scope : SYSTEM_SCOPE;
    const rows = await this.db.run(scope, async () =>
      (await this.db.manager.query(`SELECT participant_key AS key, recording FROM video_consents WHERE session_id = $1`, [sessionId])) as { key: string; recording: boolean }[],
    );
    return new Map(rows.map((r) => [r.key, r.recording]));
  }

}

import { Injectable } from '@nestjs/common';
import { AuditService, Database, SYSTEM_SCOPE } from '@accord/core';
import { SessionRecords } from '@accord/scheduling';
import { VideoConsentRepository } from '../repositories/video-consent.repository';
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
    private readonly consents: VideoConsentRepository,
    private readonly sessions: SessionRecords,
    private readonly audit: AuditService,
  ) {}

  async record(identity: VideoIdentity, seat: RoomSeat, recording: boolean): Promise<void> {
    const scope = identity.kind === 'staff' ? identity.scope : SYSTEM_SCOPE;
    await this.db.run(scope, async () => {
      // Read under the answering scope: a session it may not read (RLS) takes no answer from it.
      const session = await this.sessions.find(seat.sessionId);
      if (session) await this.consents.answer(session, { party: seat.role, participantKey: seat.key, actorName: seat.name, recording });
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
    const rows = await this.db.run(scope, () => this.consents.answers(sessionId));
    return new Map(rows.map((r) => [r.key, r.recording]));
  }
}

import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';
import type { VideoRole } from '@accord/contracts';

/** The case's owners a session's rows carry, so RLS reads them like the case. */
export interface Owners {
  id: string;
  centerId: string;
  institutionId: string;
  branchPath: string;
}

/** Each participant's answer to being recorded; a later answer replaces theirs. */
@Injectable()
export class VideoConsentRepository {
  constructor(private readonly db: Database) {}

  async answer(session: Owners, answer: { party: VideoRole; participantKey: string; actorName: string; recording: boolean }): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO video_consents (session_id, center_id, institution_id, branch_path, party, participant_key, actor_name, recording)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (session_id, participant_key) DO UPDATE SET recording = EXCLUDED.recording, actor_name = EXCLUDED.actor_name, at = now()`,
      [session.id, session.centerId, session.institutionId, session.branchPath, answer.party, answer.participantKey, answer.actorName, answer.recording],
    );
  }

  async answers(sessionId: string): Promise<{ key: string; recording: boolean }[]> {
    return (await this.db.manager.query(`SELECT participant_key AS key, recording FROM video_consents WHERE session_id = $1`, [sessionId])) as { key: string; recording: boolean }[];
  }
}

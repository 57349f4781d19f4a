import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf } from '@accord/core';
import { VideoRecordingEntity } from '../entities/video-recording.entity';
import type { Owners } from './video-consent.repository';

const RECORDING = columns(VideoRecordingEntity, ['id', 'startedAt', 'endedAt', 'endReason', 'startedByName', 'consentedParticipants', 'contentType', 'chunkCount'] as const);
/** The byte count is a bigint, read as a number. */
const COLUMNS = `${RECORDING.select()}, size_bytes::float8 AS "sizeBytes"`;
export type VideoRecordingView = RowOf<typeof RECORDING> & { sizeBytes: number };

/** A video session's recordings: who started them, with whose consent, and how many chunks are stored. */
@Injectable()
export class VideoRecordingRepository {
  constructor(private readonly db: Database) {}

  async start(session: Owners, startedBy: string | null, startedByName: string, participants: { role: string; name: string }[]): Promise<{ id: string; startedAt: Date }> {
    const [row] = (await this.db.manager.query(
      `INSERT INTO video_recordings (session_id, center_id, institution_id, branch_path, started_by, started_by_name, consented_participants)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, started_at AS "startedAt"`,
      [session.id, session.centerId, session.institutionId, session.branchPath, startedBy, startedByName, JSON.stringify(participants)],
    )) as { id: string; startedAt: Date }[];
    return row;
  }

  /** Ends a running recording; undefined when it had already ended. */
  async stop(id: string, why: string): Promise<{ sessionId: string; centerId: string } | undefined> {
    const [row] = (await this.db.manager.query(
      `UPDATE video_recordings SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL RETURNING session_id AS "sessionId", center_id AS "centerId"`,
      [id, why],
    )) as { sessionId: string; centerId: string }[];
    return row;
  }

  async list(sessionId: string): Promise<VideoRecordingView[]> {
    return (await this.db.manager.query(`SELECT ${COLUMNS} FROM video_recordings WHERE session_id = $1 ORDER BY started_at`, [sessionId])) as VideoRecordingView[];
  }

  async find(id: string, sessionId: string): Promise<VideoRecordingView | undefined> {
    const [rec] = (await this.db.manager.query(`SELECT ${COLUMNS} FROM video_recordings WHERE id = $1 AND session_id = $2`, [id, sessionId])) as VideoRecordingView[];
    return rec;
  }

  /** The recording and who started it, locked until the chunk is counted. */
  async forChunk(id: string, sessionId: string): Promise<(VideoRecordingView & { startedBy: string }) | undefined> {
    const [rec] = (await this.db.manager.query(`SELECT ${COLUMNS}, started_by AS "startedBy" FROM video_recordings WHERE id = $1 AND session_id = $2 FOR UPDATE`, [
      id,
      sessionId,
    ])) as (VideoRecordingView & { startedBy: string })[];
    return rec;
  }

  async chunkAdded(id: string, bytes: number, contentType: string): Promise<void> {
    await this.db.manager.query(`UPDATE video_recordings SET chunk_count = chunk_count + 1, size_bytes = size_bytes + $2, content_type = $3 WHERE id = $1`, [
      id,
      bytes,
      contentType,
    ]);
  }
}

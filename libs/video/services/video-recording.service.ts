import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, AuditService, ConflictError, Database, FieldError, FileStorage, SYSTEM_SCOPE, ValidationFailedError } from '@accord/core';
import type { AccessScope } from '@accord/core';
import { SessionRecords } from '@accord/scheduling';
import { VideoRecordingRepository, VideoRecordingView } from '../repositories/video-recording.repository';
import { VideoRecordingNotFound, VideoRoomNotFound } from '../video.errors';
import { VideoAccessService } from './video-access.service';

export type { VideoRecordingView };

/** Chunks still arriving after the stop (the browser's last slice is uploaded then). */
const LATE_CHUNKS_MS = 2 * 60_000;

const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/**
 * Recordings of a video session (only with every admitted party's consent: the gateway checks
 * it before start). The mediator's browser records the mixed streams and uploads numbered
 * chunks; each is checked (order, the recording still running or just stopped, a WebM or MP4
 * start) and stored by our key; a download joins them back into one file.
 */
@Injectable()
export class VideoRecordingService {
  constructor(
    private readonly db: Database,
    private readonly recordings: VideoRecordingRepository,
    private readonly sessions: SessionRecords,
    private readonly audit: AuditService,
    private readonly access: VideoAccessService,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Under the mediator's own scope (RLS: the center's staff start only their own). */
  async start(scope: AccessScope, sessionId: string, name: string, participants: { role: string; name: string }[]): Promise<{ id: string; startedAt: Date }> {
    return this.db.run(scope, async () => {
      const session = await this.sessions.find(sessionId);
      if (!session) throw VideoRoomNotFound();
      const row = await this.recordings.start(session, scope.userId, name, participants);
      await this.audit.record({ action: 'session.recording-started', subjectType: 'session', subjectId: sessionId, detail: { recordingId: row.id, participants } });
      return row;
    });
  }

  /** The server's act (a consent went away, the mediator left), so through the system scope, by id. */
  async stop(recordingId: string, why: string): Promise<void> {
    await this.db.run(SYSTEM_SCOPE, async () => {
      const row = await this.recordings.stop(recordingId, why);
      if (row) await this.audit.record({ action: 'session.recording-stopped', subjectType: 'session', subjectId: row.sessionId, organisationId: row.centerId, detail: { recordingId, why } });
    });
  }

  async list(scope: AccessScope, sessionId: string): Promise<{ items: VideoRecordingView[] }> {
    await this.access.seat({ kind: 'staff', scope }, sessionId, { forJoin: false });
    return { items: await this.recordings.list(sessionId) };
  }

  /** The next chunk of a running (or just stopped) recording, from the mediator who started it. */
  async addChunk(scope: AccessScope, sessionId: string, recordingId: string, seq: number, body: Buffer | undefined): Promise<VideoRecordingView> {
    const seat = await this.access.seat({ kind: 'staff', scope }, sessionId, { forJoin: false });
    const rec = await this.recordings.forChunk(recordingId, sessionId);
    if (!rec || !seat.lead || rec.startedBy !== scope.userId) throw VideoRecordingNotFound();
    if (rec.endedAt && rec.endedAt.getTime() < Date.now() - LATE_CHUNKS_MS) throw new ConflictError('RECORDING_ENDED', 'The recording has ended');
    if (!Number.isInteger(seq) || seq !== rec.chunkCount) throw new ConflictError('CHUNK_OUT_OF_ORDER', 'Chunks are uploaded in order', { expectedSeq: rec.chunkCount });
    if (!body) throw new ValidationFailedError([new FieldError('file', `at most ${this.config.UPLOAD_MAX_BYTES} bytes per chunk`)]);
    if (body.length === 0) throw new ValidationFailedError([new FieldError('file', 'empty chunk')]);
    let contentType = rec.contentType;
    if (seq === 0) {
      if (body.subarray(0, 4).equals(EBML)) contentType = 'video/webm';
      else if (body.subarray(4, 8).toString('latin1') === 'ftyp') contentType = 'video/mp4';
      else throw new ValidationFailedError([new FieldError('file', 'a recording starts as WebM or MP4')]);
    }
    await this.recordings.chunkAdded(recordingId, body.length, contentType);
    // The row first, the bytes last: if storing fails the transaction rolls the count back.
    await this.storage.put(this.key(sessionId, recordingId, seq), body, contentType);
    return { ...rec, contentType, chunkCount: rec.chunkCount + 1, sizeBytes: Number(rec.sizeBytes) + body.length };
  }

  async content(scope: AccessScope, sessionId: string, recordingId: string): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    await this.access.seat({ kind: 'staff', scope }, sessionId, { forJoin: false });
    const rec = await this.recordings.find(recordingId, sessionId);
    if (!rec || rec.chunkCount === 0) throw VideoRecordingNotFound();
    await this.audit.record({ action: 'session.recording-downloaded', subjectType: 'session', subjectId: sessionId, detail: { recordingId } });
    const parts: Buffer[] = [];
    for (let i = 0; i < rec.chunkCount; i += 1) parts.push(await this.storage.get(this.key(sessionId, recordingId, i)));
    const stamp = rec.startedAt.toISOString().slice(0, 19).replace(/[-:T]/g, '');
    return { fileName: `recording-${stamp}.${rec.contentType === 'video/mp4' ? 'mp4' : 'webm'}`, contentType: rec.contentType, body: Buffer.concat(parts) };
  }

  private key(sessionId: string, recordingId: string, seq: number): string {
    return `video/${sessionId}/${recordingId}/${String(seq).padStart(6, '0')}`;
  }
}

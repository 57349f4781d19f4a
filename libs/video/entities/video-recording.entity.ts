import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseOwned } from '@accord/core/database/case-owned';

/**
 * One recording period of a video session: started by the case's mediator once every admitted
 * participant had consented (who they were is kept), ended when the mediator stopped it or a
 * consent went away. The mediator's browser records the mixed streams and uploads them in
 * numbered chunks while recording; the bytes are in file storage under our own keys.
 */
@Entity('video_recordings')
@Check('chk_video_recordings_counts', `chunk_count >= 0 AND size_bytes >= 0`)
@Check('chk_video_recordings_span', `ended_at IS NULL OR ended_at >= started_at`)
@Index('idx_video_recordings_session', ['sessionId', 'startedAt'])
export class VideoRecordingEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column('uuid')
  startedBy: string;

  @Column({ type: 'varchar', length: 100 })
  startedByName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Why it ended: stopped, consent-withdrawn, participant-without-consent-admitted, mediator-left. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  endReason: string | null;

  /** Who was in the room and had consented when it started. */
  @Column({ type: 'jsonb' })
  consentedParticipants: { role: string; name: string }[];

  @Column({ type: 'varchar', length: 60, default: 'video/webm' })
  contentType: string;

  @Column({ type: 'int', default: 0 })
  chunkCount: number;

  @Column({ type: 'bigint', default: 0 })
  sizeBytes: string;

  @ManyToOne('MediationSessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  sessionRef?: unknown;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CaseOwned } from '@accord/core/database/case-owned';

/**
 * A participant's recorded answer on recording a video session (DOMAIN.md "Session": recording
 * only with every party's consent). One row per person and session; changing one's mind
 * updates it. The owner columns are the session's, so the center (and the respondent bank,
 * its subtree) read it like the session; the consumer's answer is written through the system.
 */
@Entity('video_consents')
@Check('chk_video_consents_party', `party IN ('mediator', 'bank', 'consumer')`)
@Index('uq_video_consents_session_participant', ['sessionId', 'participantKey'], { unique: true })
export class VideoConsentEntity extends CaseOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column({ type: 'varchar', length: 12 })
  party: 'mediator' | 'bank' | 'consumer';

  /** Who answered: `user:<id>` for a portal user, `link:<id>` for the consumer's link. */
  @Column({ type: 'varchar', length: 60 })
  participantKey: string;

  @Column({ type: 'varchar', length: 100 })
  actorName: string;

  @Column({ type: 'boolean' })
  recording: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  at: Date;

  @ManyToOne('MediationSessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  sessionRef?: unknown;
}

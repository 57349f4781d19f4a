import { Injectable } from '@nestjs/common';
import { Confirmation, RunStatus, SessionRecord, SessionRepository } from '../repositories/session.repository';
import type { TimelineMessage } from '@accord/contracts';

export type { Confirmation, RunStatus, SessionRecord };

/**
 * What the session console and the video room read and change of a booked session: the one
 * door into `mediation_sessions` and `session_confirmations` from outside libs/scheduling.
 * Scheduling keeps the session's row (its time, its status from booked to concluded); the
 * console runs it through the statuses after booking, and keeps its own records beside it
 * (check-ins, caucuses, notes, calls). Reads and writes run in the caller's transaction and
 * RLS, so they answer and change only what the caller's scope may.
 */
@Injectable()
export class SessionRecords {
  constructor(private readonly sessions: SessionRepository) {}

  find(id: string): Promise<SessionRecord | undefined> {
    return this.sessions.find(id);
  }

  /** The parties' answers for the session's current time. */
  confirmations(id: string, forStartsAt: Date): Promise<Confirmation[]> {
    return this.sessions.confirmations(id, forStartsAt);
  }

  /**
   * Opens, begins, adjourns or concludes a session, from the status it was read in: false
   * when it changed meanwhile. Adjourning and concluding keep `reason` as the session's.
   * Which step is allowed when is the console's rule; this only keeps two at once from both winning.
   */
  advance(id: string, from: string, to: RunStatus, reason?: string | null, message?: TimelineMessage): Promise<boolean> {
    return this.sessions.advance(id, from, to, reason, message ?? null);
  }

  /** An adjourned session points at the one booked for the next date. */
  linkNext(id: string, nextSessionId: string): Promise<void> {
    return this.sessions.linkNext(id, nextSessionId);
  }
}

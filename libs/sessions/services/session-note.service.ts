import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';
import { SavedNote, SessionNoteRepository } from '../repositories/session-note.repository';
import { NoteConflict } from '../sessions.errors';
import { SessionAccess } from './session-access.service';

/** The mediator's private notes of a session, kept as typed; nobody else reads them. */
@Injectable()
export class SessionNoteService {
  constructor(
    private readonly db: Database,
    private readonly notes: SessionNoteRepository,
    private readonly access: SessionAccess,
  ) {}

  /**
   * Saves the author's notes as typed. Each save names the version it started from; a save
   * from an older version (another tab, a replay after a dropped connection) is refused with
   * the current text, never written over it.
   */
  async saveNote(sessionId: string, body: string, baseVersion: number): Promise<SavedNote> {
    const s = await this.access.runnable(sessionId);
    const saved = await this.notes.save(sessionId, s.centerId, this.db.scope.userId, body, baseVersion);
    if (saved) return saved;
    const current = await this.notes.find(sessionId, this.db.scope.userId);
    throw NoteConflict(current ? { body: current.body, version: current.version } : { body: '', version: 0 });
  }
}

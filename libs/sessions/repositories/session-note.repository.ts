import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';

export interface SavedNote {
  version: number;
  updatedAt: Date;
}

/** The mediator's private notes of a session: one text per author, versioned. RLS keeps notes to their author. */
@Injectable()
export class SessionNoteRepository {
  constructor(private readonly db: Database) {}

  async find(sessionId: string, authorId: string | null): Promise<{ body: string; version: number; updatedAt: Date } | undefined> {
    const [note] = (await this.db.manager.query(`SELECT body, version, updated_at AS "updatedAt" FROM session_notes WHERE session_id = $1 AND author_id = $2`, [
      sessionId,
      authorId,
    ])) as { body: string; version: number; updatedAt: Date }[];
    return note;
  }

  /** Saves over `baseVersion` (0: the first save); undefined when the note is no longer at that version. */
  async save(sessionId: string, centerId: string, authorId: string | null, body: string, baseVersion: number): Promise<SavedNote | undefined> {
    const rows = (await this.db.manager.query(
      baseVersion === 0
        ? `INSERT INTO session_notes (session_id, center_id, author_id, body) SELECT $1, $2, $3, $4 WHERE $5::int = 0
           ON CONFLICT (session_id, author_id) DO NOTHING RETURNING version, updated_at AS "updatedAt"`
        : `UPDATE session_notes SET body = $4, version = version + 1, updated_at = now()
           WHERE session_id = $1 AND center_id = $2 AND author_id = $3 AND version = $5 RETURNING version, updated_at AS "updatedAt"`,
      [sessionId, centerId, authorId, body, baseVersion],
    )) as SavedNote[] | [SavedNote[], number];
    // The driver answers an INSERT … RETURNING with its rows, an UPDATE … RETURNING with [rows, count].
    const saved = (Array.isArray(rows[0]) ? rows[0] : rows) as SavedNote[];
    return saved[0];
  }
}

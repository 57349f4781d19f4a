import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf } from '@accord/core';
import { SessionCaucusEntity, SessionCheckInEntity } from '../entities/session-console.entities';

const CHECK_IN = columns(SessionCheckInEntity, ['id', 'role', 'name', 'via', 'checkedInAt'] as const);
export type CheckInRow = RowOf<typeof CHECK_IN>;
const CAUCUS = columns(SessionCaucusEntity, ['id', 'withParty', 'startedAt', 'endedAt'] as const);
export type CaucusRow = RowOf<typeof CAUCUS> & { seconds: number };

/** The case's owners a session's rows carry, so RLS reads them like the case. */
export interface Owners {
  id: string;
  centerId: string;
  institutionId: string;
  branchPath: string;
}

/** Who is in the session's room: the parties checked in, and the private talks (背靠背) with one side. */
@Injectable()
export class SessionRoomRepository {
  constructor(private readonly db: Database) {}

  async checkIns(sessionId: string): Promise<CheckInRow[]> {
    return (await this.db.manager.query(`SELECT ${CHECK_IN.select()} FROM session_check_ins WHERE session_id = $1 ORDER BY checked_in_at`, [sessionId])) as CheckInRow[];
  }

  /** Once per role and name: checking in twice changes nothing. */
  async checkIn(s: Owners, party: { role: string; name: string; via: string }, by: string | null): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO session_check_ins (session_id, center_id, institution_id, branch_path, role, name, via, checked_in_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (session_id, role, name) DO NOTHING`,
      [s.id, s.centerId, s.institutionId, s.branchPath, party.role, party.name, party.via, by],
    );
  }

  /** Each caucus with how long it has lasted (so far, for the open one). */
  async caucuses(sessionId: string): Promise<CaucusRow[]> {
    return (await this.db.manager.query(
      `SELECT ${CAUCUS.select()}, extract(epoch FROM coalesce(ended_at, now()) - started_at)::int AS seconds
       FROM session_caucuses WHERE session_id = $1 ORDER BY started_at`,
      [sessionId],
    )) as CaucusRow[];
  }

  /** The side the open caucus is with, if one is open. */
  async openCaucus(sessionId: string): Promise<string | undefined> {
    const [open] = (await this.db.manager.query(`SELECT with_party AS "withParty" FROM session_caucuses WHERE session_id = $1 AND ended_at IS NULL`, [sessionId])) as {
      withParty: string;
    }[];
    return open?.withParty;
  }

  /** Throws the unique violation when another caucus opened meanwhile (a partial unique index lets one be open). */
  async startCaucus(s: Owners, withParty: string, by: string | null): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO session_caucuses (session_id, center_id, institution_id, branch_path, with_party, started_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.id, s.centerId, s.institutionId, s.branchPath, withParty, by],
    );
  }

  /** Ends the open caucus; false when none was open. */
  async endCaucus(sessionId: string): Promise<boolean> {
    const [, n] = (await this.db.manager.query(`UPDATE session_caucuses SET ended_at = now() WHERE session_id = $1 AND ended_at IS NULL`, [sessionId])) as [unknown, number];
    return n === 1;
  }
}

import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf, SqlParams } from '@accord/core';
import { MediationSessionEntity, SessionConfirmationEntity } from '../entities/scheduling.entities';

const SESSION = columns(MediationSessionEntity, [
  'id',
  'caseId',
  'centerId',
  'institutionId',
  'branchPath',
  'mediatorId',
  'roomId',
  'channel',
  'status',
  'startsAt',
  'endsAt',
  'participants',
  'statusReason',
  'statusReasonMessage',
  'openedAt',
  'beganAt',
  'endedAt',
  'nextSessionId',
  'version',
] as const);
/** A session as its table keeps it (no case or room names). */
export type SessionRecord = RowOf<typeof SESSION>;

const CONFIRMATION = columns(SessionConfirmationEntity, ['party', 'answer', 'note', 'actorName', 'at'] as const);
/** A party's answer to the session's time. */
export type Confirmation = RowOf<typeof CONFIRMATION>;

/** A session with its room's name and the answers given for its current time (a reschedule asks again). */
export type BookedRow = SessionRecord & { roomName: string | null; confirmations: Confirmation[] };

const BOOKED_COLUMNS = `${SESSION.select('s')}, r.name AS "roomName",
    (SELECT coalesce(json_agg(json_build_object('party', f.party, 'answer', f.answer, 'note', f.note, 'actorName', f.actor_name, 'at', f.at) ORDER BY f.party), '[]')
       FROM session_confirmations f WHERE f.session_id = s.id AND f.for_starts_at = s.starts_at) AS confirmations`;
const BOOKED_FROM = `FROM mediation_sessions s LEFT JOIN mediation_rooms r ON r.id = s.room_id`;
const BOOKED = `SELECT ${BOOKED_COLUMNS} ${BOOKED_FROM}`;

export type ConsumerSessionRow = Pick<SessionRecord, 'caseId' | 'centerId' | 'channel' | 'status' | 'startsAt' | 'endsAt'> & {
  roomName: string | null;
  roomAddress: string | null;
  yourAnswer: string | null;
};

/** Whose calendar: a center's (or one mediator's in it), or a bank's (a pinned user's subtree, when `branchPath` is set). */
export type CalendarOf = { centerId: string | null; mediatorId?: string | null } | { institutionId: string | null; branchPath: string };

/** The status a session runs through once open, with the times each one stamps. */
export type RunStatus = 'waiting' | 'in_progress' | 'adjourned' | 'concluded';
const STAMPS: Record<RunStatus, string> = {
  waiting: 'opened_at = now()',
  in_progress: 'began_at = now(), opened_at = coalesce(opened_at, now())',
  adjourned: 'ended_at = now(), status_reason = $4, status_reason_message = $5',
  concluded: 'ended_at = now(), status_reason = $4, status_reason_message = $5',
};

function calendarWhere(from: string, to: string, of: CalendarOf, p: SqlParams): string[] {
  const where = [`s.starts_at < ${p.add(to)}`, `s.ends_at > ${p.add(from)}`];
  if ('centerId' in of) {
    where.push(`s.center_id = ${p.add(of.centerId)}`);
    if (of.mediatorId !== undefined) where.push(`s.mediator_id = ${p.add(of.mediatorId)}`);
  } else {
    where.push(`s.institution_id = ${p.add(of.institutionId)}`);
    if (of.branchPath) where.push(`s.branch_path LIKE ${p.add(of.branchPath)} || '%'`);
  }
  return where;
}

/** Booked sessions and the parties' answers to their times. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: Database) {}

  /**
   * Booked sessions still ahead whose reminders may have been lost with Redis: their id and
   * start, and when they got that start (booked, or last changed, which a move is; a reminder due
   * before then was never planned, and one due before a later change is skipped rather than sent
   * wrongly). System scope.
   */
  async upcomingForReminders(): Promise<{ id: string; startsAt: Date; plannedAt: Date }[]> {
    return (await this.db.manager.query(
      `SELECT s.id, s.starts_at AS "startsAt", greatest(s.created_at, s.updated_at) AS "plannedAt"
         FROM mediation_sessions s
        WHERE s.status IN ('booked', 'waiting') AND s.starts_at > now()`,
    )) as { id: string; startsAt: Date; plannedAt: Date }[];
  }

  async find(id: string): Promise<SessionRecord | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${SESSION.select()} FROM mediation_sessions WHERE id = $1`, [id])) as SessionRecord[];
    return row;
  }

  async booked(id: string): Promise<BookedRow | undefined> {
    const [row] = (await this.db.manager.query(`${BOOKED} WHERE s.id = $1`, [id])) as BookedRow[];
    return row;
  }

  async forCase(caseId: string): Promise<BookedRow[]> {
    return (await this.db.manager.query(`${BOOKED} WHERE s.case_id = $1 ORDER BY s.starts_at`, [caseId])) as BookedRow[];
  }

  /** Sessions overlapping [from, to), at most 500, by start. */
  async inCalendar(from: string, to: string, of: CalendarOf): Promise<BookedRow[]> {
    const p = new SqlParams();
    const where = calendarWhere(from, to, of, p);
    return (await this.db.manager.query(`${BOOKED} WHERE ${where.join(' AND ')} ORDER BY s.starts_at, s.id LIMIT 500`, p.values)) as BookedRow[];
  }

  /** How many sessions the calendar holds, counted up to `limit` + 1 (an export's cap). */
  async countInCalendar(from: string, to: string, of: CalendarOf, limit: number): Promise<number> {
    const p = new SqlParams();
    const where = calendarWhere(from, to, of, p);
    const [{ n }] = (await this.db.manager.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM mediation_sessions s WHERE ${where.join(' AND ')} LIMIT ${p.add(limit + 1)}) x`,
      p.values,
    )) as { n: number }[];
    return n;
  }

  /** One batch of the calendar in its order, after the session `after` names (keyset, for an export past 500). */
  async calendarBatch(from: string, to: string, of: CalendarOf, after: { at: string; id: string } | null, limit: number): Promise<(BookedRow & { cursorAt: string })[]> {
    const p = new SqlParams();
    const where = calendarWhere(from, to, of, p);
    if (after) where.push(`(s.starts_at, s.id) > (${p.add(after.at, 'timestamptz')}, ${p.add(after.id, 'uuid')})`);
    return (await this.db.manager.query(
      `SELECT ${BOOKED_COLUMNS}, s.starts_at::text AS "cursorAt" ${BOOKED_FROM} WHERE ${where.join(' AND ')}
       ORDER BY s.starts_at, s.id LIMIT ${p.add(limit)}`,
      p.values,
    )) as (BookedRow & { cursorAt: string })[];
  }

  /** Throws the database's exclusion violation when the mediator or the room is taken. */
  async insert(b: {
    caseId: string;
    centerId: string;
    institutionId: string;
    branchPath: string;
    mediatorId: string;
    roomId: string | null;
    channel: string;
    start: Date;
    end: Date;
    participants: { role: string; name: string }[];
    createdBy: string | null;
    jointId?: string | null;
  }): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO mediation_sessions (case_id, center_id, institution_id, branch_path, mediator_id, room_id, channel, during, starts_at, ends_at, participants, created_by, joint_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, tstzrange($8, $9, '[)'), $8, $9, $10, $11, $12) RETURNING id`,
      [b.caseId, b.centerId, b.institutionId, b.branchPath, b.mediatorId, b.roomId, b.channel, b.start, b.end, JSON.stringify(b.participants), b.createdBy, b.jointId ?? null],
    )) as { id: string }[];
    return id;
  }

  /** Throws the database's exclusion violation when the new time is taken. */
  async move(id: string, start: Date, end: Date, reason: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE mediation_sessions SET during = tstzrange($2, $3, '[)'), starts_at = $2, ends_at = $3, status_reason = $4, status_reason_message = NULL, version = version + 1,
              updated_at = now()
       WHERE id = $1`,
      [id, start, end, reason],
    );
  }

  async close(id: string, status: 'cancelled' | 'no_show', reason: string, message: object | null = null): Promise<void> {
    await this.db.manager.query(
      `UPDATE mediation_sessions SET status = $2, status_reason = $3, status_reason_message = $4, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, status, reason, message],
    );
  }

  /**
   * Moves a running session on from the status it was read in; false when it changed meanwhile
   * (two tabs changing it at once cannot both win). Adjourned and concluded keep `reason`.
   */
  async advance(id: string, from: string, to: RunStatus, reason: string | null = null, message: object | null = null): Promise<boolean> {
    const ends = to === 'adjourned' || to === 'concluded';
    const [, n] = (await this.db.manager.query(
      `UPDATE mediation_sessions SET status = $2, ${STAMPS[to]}, version = version + 1, updated_at = now() WHERE id = $1 AND status = $3`,
      ends ? [id, to, from, reason, message] : [id, to, from],
    )) as [unknown, number];
    return n === 1;
  }

  async linkNext(id: string, nextSessionId: string): Promise<void> {
    await this.db.manager.query(`UPDATE mediation_sessions SET next_session_id = $2 WHERE id = $1`, [id, nextSessionId]);
  }

  /** Sessions of the case still to happen or going on. */
  async liveCount(caseId: string): Promise<number> {
    const [{ live }] = (await this.db.manager.query(
      `SELECT count(*)::int AS live FROM mediation_sessions WHERE case_id = $1 AND status IN ('booked', 'waiting', 'in_progress', 'adjourned')`,
      [caseId],
    )) as { live: number }[];
    return live;
  }

  async version(id: string): Promise<number> {
    const [{ version }] = (await this.db.manager.query(`SELECT version FROM mediation_sessions WHERE id = $1`, [id])) as { version: number }[];
    return version;
  }

  /** The answers given for the time the session now has. */
  async confirmations(sessionId: string, forStartsAt: Date): Promise<Confirmation[]> {
    return (await this.db.manager.query(
      `SELECT ${CONFIRMATION.select()} FROM session_confirmations WHERE session_id = $1 AND for_starts_at = $2 ORDER BY party`,
      [sessionId, forStartsAt],
    )) as Confirmation[];
  }

  /**
   * A party's answer for the session's current time; a later answer replaces it. The bank's
   * answer names who gave it; the consumer's keeps the name it was first given with.
   */
  async confirm(
    sessionId: string,
    party: 'bank' | 'consumer',
    answer: 'confirmed' | 'other_time_requested',
    note: string | null,
    actor: { userId: string | null; name: string | null },
  ): Promise<void> {
    const actorChanges = party === 'bank' ? `, actor_user_id = EXCLUDED.actor_user_id, actor_name = EXCLUDED.actor_name` : '';
    await this.db.manager.query(
      `INSERT INTO session_confirmations (session_id, center_id, institution_id, branch_path, party, answer, for_starts_at, note, actor_user_id, actor_name)
       SELECT s.id, s.center_id, s.institution_id, s.branch_path, $2, $3, s.starts_at, $4, $5::uuid, $6
       FROM mediation_sessions s WHERE s.id = $1
       ON CONFLICT (session_id, party) DO UPDATE SET answer = EXCLUDED.answer, for_starts_at = EXCLUDED.for_starts_at, note = EXCLUDED.note${actorChanges}, at = now()`,
      [sessionId, party, answer, note, actor.userId, actor.name],
    );
  }

  /** What the consumer's page shows of their session: the time, the room, their own answer to it. */
  async forConsumer(id: string): Promise<ConsumerSessionRow | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT s.case_id AS "caseId", s.center_id AS "centerId", s.channel, s.status, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
              r.name AS "roomName", r.address AS "roomAddress",
              (SELECT f.answer FROM session_confirmations f WHERE f.session_id = s.id AND f.party = 'consumer' AND f.for_starts_at = s.starts_at) AS "yourAnswer"
       FROM mediation_sessions s LEFT JOIN mediation_rooms r ON r.id = s.room_id WHERE s.id = $1`,
      [id],
    )) as ConsumerSessionRow[];
    return row;
  }

  /** The session with its room, as an invitation describes it. */
  async withRoom(id: string): Promise<(SessionRecord & { roomName: string | null; roomAddress: string | null }) | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT ${SESSION.select('s')}, r.name AS "roomName", r.address AS "roomAddress" FROM mediation_sessions s LEFT JOIN mediation_rooms r ON r.id = s.room_id WHERE s.id = $1`,
      [id],
    )) as (SessionRecord & { roomName: string | null; roomAddress: string | null })[];
    return row;
  }
}

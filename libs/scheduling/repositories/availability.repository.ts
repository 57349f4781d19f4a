import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';
import type { Span, WeeklyHours } from '../services/slots';

export interface AbsenceRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/** A mediator's weekly hours and absences, and what keeps them busy. */
@Injectable()
export class AvailabilityRepository {
  constructor(private readonly db: Database) {}

  async workingHours(mediatorId: string): Promise<WeeklyHours[]> {
    return (await this.db.manager.query(
      `SELECT weekday, to_char(starts_at, 'HH24:MI') AS "startsAt", to_char(ends_at, 'HH24:MI') AS "endsAt"
       FROM mediator_working_hours WHERE mediator_id = $1 ORDER BY weekday, starts_at`,
      [mediatorId],
    )) as WeeklyHours[];
  }

  /** The week's spans, all replaced at once. */
  async replaceWorkingHours(centerId: string, mediatorId: string, hours: WeeklyHours[]): Promise<void> {
    await this.db.manager.query(
      `WITH gone AS (DELETE FROM mediator_working_hours WHERE mediator_id = $1)
       INSERT INTO mediator_working_hours (center_id, mediator_id, weekday, starts_at, ends_at)
       SELECT $2, $1, h.weekday, h.starts_at, h.ends_at FROM unnest($3::smallint[], $4::time[], $5::time[]) AS h(weekday, starts_at, ends_at)`,
      [mediatorId, centerId, hours.map((h) => h.weekday), hours.map((h) => h.startsAt), hours.map((h) => h.endsAt)],
    );
  }

  /** Absences that have not long ended. */
  async absences(mediatorId: string): Promise<AbsenceRow[]> {
    return (await this.db.manager.query(
      `SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", reason FROM mediator_absences
       WHERE mediator_id = $1 AND ends_at > now() - interval '30 days' ORDER BY starts_at LIMIT 200`,
      [mediatorId],
    )) as AbsenceRow[];
  }

  async addAbsence(centerId: string, mediatorId: string, absence: { startsAt: string; endsAt: string; reason: string }): Promise<AbsenceRow> {
    const [row] = (await this.db.manager.query(
      `INSERT INTO mediator_absences (center_id, mediator_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, starts_at AS "startsAt", ends_at AS "endsAt", reason`,
      [centerId, mediatorId, absence.startsAt, absence.endsAt, absence.reason],
    )) as AbsenceRow[];
    return row;
  }

  async removeAbsence(mediatorId: string, absenceId: string): Promise<boolean> {
    const [, n] = (await this.db.manager.query(`DELETE FROM mediator_absences WHERE id = $1 AND mediator_id = $2`, [absenceId, mediatorId])) as [unknown, number];
    return n === 1;
  }

  /** The first absence overlapping [start, end). */
  async absenceDuring(mediatorId: string, start: Date, end: Date): Promise<Omit<AbsenceRow, 'id'> | undefined> {
    const [absence] = (await this.db.manager.query(
      `SELECT starts_at AS "startsAt", ends_at AS "endsAt", reason FROM mediator_absences WHERE mediator_id = $1 AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at LIMIT 1`,
      [mediatorId, start, end],
    )) as Omit<AbsenceRow, 'id'>[];
    return absence;
  }

  /** The mediator's sessions (or the room's) and absences around the days asked for. */
  async busy(mediatorId: string, roomId: string | null, fromDay: string, toDay: string): Promise<Span[]> {
    return (await this.db.manager.query(
      `SELECT starts_at AS start, ends_at AS "end" FROM mediation_sessions
         WHERE (mediator_id = $1 OR room_id = $2) AND status <> 'cancelled' AND starts_at < $4::date + 1 AND ends_at > $3::date - 1
       UNION ALL
       SELECT starts_at, ends_at FROM mediator_absences WHERE mediator_id = $1 AND starts_at < $4::date + 1 AND ends_at > $3::date - 1`,
      [mediatorId, roomId, fromDay, toDay],
    )) as Span[];
  }
}

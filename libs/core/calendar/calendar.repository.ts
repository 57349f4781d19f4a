import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import type { CalendarException } from './national-calendar';

/** The years a center covers and its exception days in a window: `[day, isWorking]` pairs. */
export interface CalendarWindowRow {
  years: number[];
  days: [string, boolean][];
}

/** The queries of the centers' calendars (calendar_years, calendar_days). */
@Injectable()
export class CalendarRepository {
  constructor(private readonly db: Database) {}

  /** The covered years and the exceptions of the next few months after `from` (room for `n` working days). */
  async windowAfter(centerId: string, from: string, n: number): Promise<CalendarWindowRow> {
    const [row] = (await this.db.manager.query(
      `SELECT (SELECT coalesce(array_agg(year), '{}') FROM calendar_years WHERE center_id = $1) AS years,
              (SELECT coalesce(json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), is_working)), '[]')
                 FROM calendar_days WHERE center_id = $1 AND day > $2::date AND day <= $2::date + ($3::int * 3 + 30)) AS days`,
      [centerId, from, n],
    )) as CalendarWindowRow[];
    return row;
  }

  async windowBetween(centerId: string, from: string, to: string): Promise<CalendarWindowRow> {
    const [row] = (await this.db.manager.query(
      `SELECT (SELECT coalesce(array_agg(year), '{}') FROM calendar_years WHERE center_id = $1) AS years,
              (SELECT coalesce(json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), is_working)), '[]')
                 FROM calendar_days WHERE center_id = $1 AND day BETWEEN $2::date AND $3::date) AS days`,
      [centerId, from, to],
    )) as CalendarWindowRow[];
    return row;
  }

  async years(centerId: string): Promise<{ year: number; source: string }[]> {
    return (await this.db.manager.query(`SELECT year, source FROM calendar_years WHERE center_id = $1 ORDER BY year`, [centerId])) as {
      year: number;
      source: string;
    }[];
  }

  /** A year's source (null when not covered) and its exception days in day order. */
  async year(centerId: string, year: number): Promise<{ source: string | null; days: CalendarException[] }> {
    const [row] = (await this.db.manager.query(
      `SELECT (SELECT source FROM calendar_years WHERE center_id = $1 AND year = $2) AS source,
              (SELECT coalesce(json_agg(json_build_object('day', to_char(day, 'YYYY-MM-DD'), 'isWorking', is_working, 'name', name) ORDER BY day), '[]')
                 FROM calendar_days WHERE center_id = $1 AND day >= make_date($2, 1, 1) AND day < make_date($2 + 1, 1, 1)) AS days`,
      [centerId, year],
    )) as { source: string | null; days: CalendarException[] }[];
    return row;
  }

  /** The year's exceptions replaced and the year marked covered, in one statement. */
  async replaceYear(centerId: string, year: number, days: CalendarException[], source: string): Promise<void> {
    await this.db.manager.query(
      `WITH gone AS (DELETE FROM calendar_days WHERE center_id = $1 AND day >= make_date($2, 1, 1) AND day < make_date($2 + 1, 1, 1)),
            covered AS (INSERT INTO calendar_years (center_id, year, source) VALUES ($1, $2, $6)
                        ON CONFLICT (center_id, year) DO UPDATE SET source = EXCLUDED.source)
       INSERT INTO calendar_days (center_id, day, is_working, name)
       SELECT $1, d.day, d.is_working, d.name FROM unnest($3::date[], $4::boolean[], $5::text[]) AS d(day, is_working, name)`,
      [centerId, year, days.map((d) => d.day), days.map((d) => d.isWorking), days.map((d) => d.name), source],
    );
  }
}

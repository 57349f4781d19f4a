import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Database } from '../database/database.service';
import { ValidationFailedError, FieldError } from '../errors/domain-error';
import { CalendarException, nationalCalendarYears } from './national-calendar';
import { addWorkingDays, WorkingCalendar } from './working-days';

export interface CalendarYearView {
  year: number;
  covered: boolean;
  source: string | null;
  days: CalendarException[];
}

/** A center's working-day calendar: data its admin edits, read by every clock. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /**
   * The n-th working day after `from` in the center's calendar. One round trip loads the
   * exceptions of the next few months and the covered years; throws CALENDAR_YEAR_MISSING
   * when the count runs into a year nobody has entered.
   */
  async addWorkingDays(centerId: string, from: string, n: number): Promise<string> {
    const [row] = (await this.db.manager.query(
      `SELECT (SELECT coalesce(array_agg(year), '{}') FROM calendar_years WHERE center_id = $1) AS years,
              (SELECT coalesce(json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), is_working)), '[]')
                 FROM calendar_days WHERE center_id = $1 AND day > $2::date AND day <= $2::date + ($3::int * 3 + 30)) AS days`,
      [centerId, from, n],
    )) as { years: number[]; days: [string, boolean][] }[];
    const calendar: WorkingCalendar = { coveredYears: new Set(row.years), exceptions: new Map(row.days) };
    return addWorkingDays(from, n, calendar);
  }

  /** The center's calendar between two days, for per-day questions (free slots). */
  async between(centerId: string, from: string, to: string): Promise<WorkingCalendar> {
    const [row] = (await this.db.manager.query(
      `SELECT (SELECT coalesce(array_agg(year), '{}') FROM calendar_years WHERE center_id = $1) AS years,
              (SELECT coalesce(json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), is_working)), '[]')
                 FROM calendar_days WHERE center_id = $1 AND day BETWEEN $2::date AND $3::date) AS days`,
      [centerId, from, to],
    )) as { years: number[]; days: [string, boolean][] }[];
    return { coveredYears: new Set(row.years), exceptions: new Map(row.days) };
  }

  /** A new center starts with the national calendar for every year the data covers. */
  async seedCenter(centerId: string): Promise<void> {
    for (const { year, days } of nationalCalendarYears()) {
      await this.replaceYear(centerId, year, days, 'chinese-days');
    }
  }

  async listYears(): Promise<{ year: number; source: string }[]> {
    return (await this.db.manager.query(
      `SELECT year, source FROM calendar_years WHERE center_id = $1 ORDER BY year`,
      [this.centerOf()],
    )) as { year: number; source: string }[];
  }

  async year(year: number): Promise<CalendarYearView> {
    const centerId = this.centerOf();
    const [row] = (await this.db.manager.query(
      `SELECT (SELECT source FROM calendar_years WHERE center_id = $1 AND year = $2) AS source,
              (SELECT coalesce(json_agg(json_build_object('day', to_char(day, 'YYYY-MM-DD'), 'isWorking', is_working, 'name', name) ORDER BY day), '[]')
                 FROM calendar_days WHERE center_id = $1 AND day >= make_date($2, 1, 1) AND day < make_date($2 + 1, 1, 1)) AS days`,
      [centerId, year],
    )) as { source: string | null; days: CalendarException[] }[];
    return { year, covered: row.source !== null, source: row.source, days: row.days };
  }

  /** A center admin enters (or corrects) a year: its holidays and make-up working days. */
  async saveYear(year: number, days: CalendarException[]): Promise<CalendarYearView> {
    const errors = days.flatMap((d, i) =>
      d.day.slice(0, 4) === String(year) ? [] : [new FieldError(`days[${i}].day`, `must fall in ${year}`)],
    );
    if (new Set(days.map((d) => d.day)).size !== days.length) errors.push(new FieldError('days', 'a day appears twice'));
    if (errors.length) throw new ValidationFailedError(errors);
    await this.replaceYear(this.centerOf(), year, days, 'manual');
    await this.audit.record({ action: 'calendar.year-saved', subjectType: 'calendar', detail: { year, exceptions: days.length } });
    return this.year(year);
  }

  private async replaceYear(centerId: string, year: number, days: CalendarException[], source: string): Promise<void> {
    await this.db.manager.query(
      `WITH gone AS (DELETE FROM calendar_days WHERE center_id = $1 AND day >= make_date($2, 1, 1) AND day < make_date($2 + 1, 1, 1)),
            covered AS (INSERT INTO calendar_years (center_id, year, source) VALUES ($1, $2, $6)
                        ON CONFLICT (center_id, year) DO UPDATE SET source = EXCLUDED.source)
       INSERT INTO calendar_days (center_id, day, is_working, name)
       SELECT $1, d.day, d.is_working, d.name FROM unnest($3::date[], $4::boolean[], $5::text[]) AS d(day, is_working, name)`,
      [centerId, year, days.map((d) => d.day), days.map((d) => d.isWorking), days.map((d) => d.name), source],
    );
  }

  private centerOf(): string {
    return this.db.scope.organisationId!;
  }
}

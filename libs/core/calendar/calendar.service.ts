import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Database } from '../database/database.service';
import { ValidationFailedError, FieldError } from '../errors/domain-error';
import { CalendarRepository } from './calendar.repository';
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
    private readonly calendars: CalendarRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The n-th working day after `from` in the center's calendar. One round trip loads the
   * exceptions of the next few months and the covered years; throws CALENDAR_YEAR_MISSING
   * when the count runs into a year nobody has entered.
   */
  async addWorkingDays(centerId: string, from: string, n: number): Promise<string> {
    const row = await this.calendars.windowAfter(centerId, from, n);
    const calendar: WorkingCalendar = { coveredYears: new Set(row.years), exceptions: new Map(row.days) };
    return addWorkingDays(from, n, calendar);
  }

  /** The center's calendar between two days, for per-day questions (free slots). */
  async between(centerId: string, from: string, to: string): Promise<WorkingCalendar> {
    const row = await this.calendars.windowBetween(centerId, from, to);
    return { coveredYears: new Set(row.years), exceptions: new Map(row.days) };
  }

  /** A new center starts with the national calendar for every year the data covers. */
  async seedCenter(centerId: string): Promise<void> {
    for (const { year, days } of nationalCalendarYears()) {
      await this.calendars.replaceYear(centerId, year, days, 'chinese-days');
    }
  }

  async listYears(): Promise<{ year: number; source: string }[]> {
    return this.calendars.years(this.centerOf());
  }

  async year(year: number): Promise<CalendarYearView> {
    const row = await this.calendars.year(this.centerOf(), year);
    return { year, covered: row.source !== null, source: row.source, days: row.days };
  }

  /** A center admin enters (or corrects) a year: its holidays and make-up working days. */
  async saveYear(year: number, days: CalendarException[]): Promise<CalendarYearView> {
    const errors = days.flatMap((d, i) =>
      d.day.slice(0, 4) === String(year) ? [] : [new FieldError(`days[${i}].day`, `must fall in ${year}`)],
    );
    if (new Set(days.map((d) => d.day)).size !== days.length) errors.push(new FieldError('days', 'a day appears twice'));
    if (errors.length) throw new ValidationFailedError(errors);
    await this.calendars.replaceYear(this.centerOf(), year, days, 'manual');
    await this.audit.record({ action: 'calendar.year-saved', subjectType: 'calendar', detail: { year, exceptions: days.length } });
    return this.year(year);
  }

  private centerOf(): string {
    return this.db.scope.organisationId!;
  }
}

import { DomainError } from '../errors/domain-error';

/** A clock reached a year the center's calendar does not cover: fail loudly, never guess. */
export class CalendarYearMissingError extends DomainError {
  constructor(readonly year: number) {
    super('CALENDAR_YEAR_MISSING', 422, `The working-day calendar has no data for ${year}; a center admin must add that year`, { year });
  }
}

export interface WorkingCalendar {
  /** Exceptions to Monday–Friday: day → is it a working day. */
  exceptions: Map<string, boolean>;
  coveredYears: Set<number>;
}

/** The calendar day in Asia/Shanghai (UTC+8, no daylight saving) as YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  const year = Number(day.slice(0, 4));
  if (!calendar.coveredYears.has(year)) throw new CalendarYearMissingError(year);
  const exception = calendar.exceptions.get(day);
  if (exception !== undefined) return exception;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day after `from` (the day of the event itself does not count): a referral
 * submitted on a Friday with a 5-working-day intake limit is due the next Friday, later when
 * a holiday falls between, earlier when a weekend day is made a working day.
 */
export function addWorkingDays(from: string, n: number, calendar: WorkingCalendar): string {
  let day = from;
  let left = n;
  while (left > 0) {
    day = nextDay(day);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}

/** Calendar days (the bank's complaint clock counts these, not working days). */
export function addDays(from: string, n: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

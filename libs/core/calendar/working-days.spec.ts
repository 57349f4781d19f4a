import { nationalCalendarYears } from './national-calendar';
import { addWorkingDays, CalendarYearMissingError, WorkingCalendar } from './working-days';

function national(): WorkingCalendar {
  const calendar: WorkingCalendar = { exceptions: new Map(), coveredYears: new Set() };
  for (const { year, days } of nationalCalendarYears()) {
    calendar.coveredYears.add(year);
    for (const d of days) calendar.exceptions.set(d.day, d.isWorking);
  }
  return calendar;
}

describe('working days of the center calendar', () => {
  const calendar = national();

  it('skips a weekend: Friday + 5 working days is the next Friday', () => {
    expect(addWorkingDays('2026-03-06', 5, calendar)).toBe('2026-03-13');
  });

  it('skips the National Day holiday and counts the make-up Saturday (2026-10-10)', () => {
    // Submitted Tue 29 Sep: Wed 30 Sep (1), 1–7 Oct off, Thu 8 (2), Fri 9 (3), Sat 10 调休 (4), Mon 12 (5).
    expect(addWorkingDays('2026-09-29', 5, calendar)).toBe('2026-10-12');
  });

  it('counts the make-up Sunday before National Day (2026-09-20)', () => {
    // Fri 18 Sep + 1 working day is Sun 20 Sep, a working day that year.
    expect(addWorkingDays('2026-09-18', 1, calendar)).toBe('2026-09-20');
  });

  it('fails loudly when the clock reaches a year the calendar does not cover', () => {
    expect(() => addWorkingDays('2026-12-28', 5, calendar)).toThrow(CalendarYearMissingError);
  });

  it('seeds only what the holiday data holds', () => {
    const years = nationalCalendarYears().map((y) => y.year);
    expect(years).toContain(2026);
    expect(years).not.toContain(2027);
  });
});

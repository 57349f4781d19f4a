import { nationalCalendarYears, WorkingCalendar } from '@accord/core';
import { freeSlots, shanghaiInstant } from './slots';

const calendar: WorkingCalendar = { coveredYears: new Set(), exceptions: new Map() };
for (const { year, days } of nationalCalendarYears()) {
  calendar.coveredYears.add(year);
  for (const d of days) calendar.exceptions.set(d.day, d.isWorking);
}
const weekdays = [1, 2, 3, 4, 5, 6, 7].map((weekday) => [
  { weekday, startsAt: '09:00', endsAt: '12:00' },
  { weekday, startsAt: '13:30', endsAt: '17:30' },
]).flat().filter((h) => h.weekday <= 6); // Monday–Saturday hours: the calendar decides which Saturdays work
const at = (day: string, time: string) => shanghaiInstant(day, time).toISOString();

describe('free slots', () => {
  const base = { minutes: 60, hours: weekdays, calendar, busy: [], now: new Date('2026-01-01T00:00:00Z') };

  it('offers hourly sessions inside working hours, in Shanghai time', () => {
    const slots = freeSlots({ ...base, fromDay: '2026-03-09', days: 1 });
    expect(slots[0].start.toISOString()).toBe(at('2026-03-09', '09:00'));
    expect(slots.at(-1)!.start.toISOString()).toBe(at('2026-03-09', '16:30'));
    // 09:00–11:00 in the morning (5 starts on the half hour), 13:30–16:30 in the afternoon (7).
    expect(slots).toHaveLength(5 + 7);
    expect(at('2026-03-09', '09:00')).toBe('2026-03-09T01:00:00.000Z');
  });

  it('skips National Day (1–7 Oct 2026) and an ordinary Saturday, but opens the make-up Saturday 10 Oct', () => {
    const days = new Set(freeSlots({ ...base, fromDay: '2026-09-30', days: 12 }).map((s) => new Date(s.start.getTime() + 8 * 3600_000).toISOString().slice(0, 10)));
    expect(days.has('2026-09-30')).toBe(true);
    for (let d = 1; d <= 7; d++) expect(days.has(`2026-10-0${d}`)).toBe(false);
    expect(days.has('2026-10-10')).toBe(true); // 调休 Saturday
    expect(days.has('2026-10-11')).toBe(false); // Sunday
  });

  it('leaves out what overlaps a busy span (another session, the room, leave) and the past', () => {
    const busy = [{ start: shanghaiInstant('2026-03-09', '10:00'), end: shanghaiInstant('2026-03-09', '11:00') }];
    const slots = freeSlots({ ...base, fromDay: '2026-03-09', days: 1, busy, now: shanghaiInstant('2026-03-09', '09:10') });
    const starts = slots.map((s) => s.start.toISOString());
    expect(starts).not.toContain(at('2026-03-09', '09:00')); // past
    expect(starts).not.toContain(at('2026-03-09', '09:30')); // would run into 10:00
    expect(starts).not.toContain(at('2026-03-09', '10:30'));
    expect(starts).toContain(at('2026-03-09', '11:00'));
  });

  it('fails loudly beyond the calendar', () => {
    expect(() => freeSlots({ ...base, fromDay: '2026-12-30', days: 5 })).toThrow(/2027/);
  });
});

import { isWorkingDay, WorkingCalendar } from '@accord/core';

export interface WeeklyHours {
  /** ISO weekday, 1 Monday … 7 Sunday. */
  weekday: number;
  /** 'HH:MM' or 'HH:MM:SS', Asia/Shanghai wall-clock. */
  startsAt: string;
  endsAt: string;
}

export interface Span {
  start: Date;
  end: Date;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** A Shanghai wall-clock time on a Shanghai calendar day, as an instant. */
export function shanghaiInstant(day: string, time: string): Date {
  return new Date(Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}Z`) - SHANGHAI_OFFSET_MS);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
}

function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * Free start times for a session of `minutes`: inside the mediator's weekly hours, on working
 * days of the center's calendar, not overlapping anything busy (their sessions, the room's,
 * their absences), not in the past; on a `stepMinutes` grid. A day the calendar does not cover
 * throws CALENDAR_YEAR_MISSING rather than guessing.
 */
export function freeSlots(input: {
  fromDay: string;
  days: number;
  minutes: number;
  stepMinutes?: number;
  hours: WeeklyHours[];
  calendar: WorkingCalendar;
  busy: Span[];
  now: Date;
}): Span[] {
  const step = (input.stepMinutes ?? 30) * 60_000;
  const length = input.minutes * 60_000;
  const slots: Span[] = [];
  for (let i = 0; i < input.days; i++) {
    const day = addDays(input.fromDay, i);
    if (!isWorkingDay(day, input.calendar)) continue;
    for (const h of input.hours.filter((x) => x.weekday === isoWeekday(day))) {
      const open = shanghaiInstant(day, h.startsAt).getTime();
      const close = shanghaiInstant(day, h.endsAt).getTime();
      for (let t = open; t + length <= close; t += step) {
        if (t < input.now.getTime()) continue;
        const start = new Date(t);
        const end = new Date(t + length);
        if (input.busy.some((b) => b.start < end && start < b.end)) continue;
        slots.push({ start, end });
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

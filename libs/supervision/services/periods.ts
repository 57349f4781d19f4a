import type { WarningPeriodKind } from '@accord/contracts';

/** Calendar arithmetic on Asia/Shanghai days as 'YYYY-MM-DD' (UTC dates stand in for them). */
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Today in Asia/Shanghai (UTC+8 all year). */
export function shanghaiToday(now = new Date()): string {
  return iso(new Date(now.getTime() + 8 * 3600_000));
}

/** The first day of the period holding `d`: its Monday, or the 1st of its month. */
export function periodStartOf(kind: WarningPeriodKind, d: string): string {
  const x = day(d);
  if (kind === 'month') return `${d.slice(0, 7)}-01`;
  x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7));
  return iso(x);
}

/** The start of the period `n` periods after the one starting at `start` (n may be negative). */
export function shiftPeriod(kind: WarningPeriodKind, start: string, n: number): string {
  const x = day(start);
  if (kind === 'week') x.setUTCDate(x.getUTCDate() + 7 * n);
  else x.setUTCMonth(x.getUTCMonth() + n);
  return iso(x);
}

/**
 * The latest complete period before `today` and the `prior` ones before it: their starts,
 * oldest first, and the day after the last one.
 */
export function window(kind: WarningPeriodKind, today: string, prior: number): { starts: string[]; end: string } {
  const current = periodStartOf(kind, today);
  const starts = Array.from({ length: prior + 1 }, (_, i) => shiftPeriod(kind, current, i - prior - 1));
  return { starts, end: current };
}

/** The last day of the period starting at `start`. */
export function periodEnd(kind: WarningPeriodKind, start: string): string {
  const x = day(shiftPeriod(kind, start, 1));
  x.setUTCDate(x.getUTCDate() - 1);
  return iso(x);
}

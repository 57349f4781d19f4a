
/**
 * A center's calendar as scalar subqueries, for a read that must stay one round trip (the
 * filing's context): the years it covers, and its exception days in a window after `from`.
 * The answers feed `addWorkingDays(…, { coveredYears, exceptions })`.
 */
export const calendarSql = {
  coveredYears: (centerId: string) => `(SELECT coalesce(array_agg(year), '{}') FROM calendar_years WHERE center_id = ${centerId})`,
  exceptionDays: (centerId: string, from: string, days: number) =>
    `(SELECT coalesce(json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), is_working)), '[]')
        FROM calendar_days WHERE center_id = ${centerId} AND day > ${from}::date AND day <= ${from}::date + ${days})`,
} satisfies Record<string, (...args: never[]) => string>;


/**
 * Mainland China's statutory holidays and make-up working days (调休), from the chinese-days
 * package's data, grouped by year: the seed of every center's calendar. Years the data does
 * not cover are not invented — an admin adds them when the State Council publishes them.
 */
export interface CalendarException {
  day: string;
  isWorking: boolean;
  name: string;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export function nationalCalendarYears(fromYear = 2020): { year: number; days: CalendarException[] }[] {
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const byYear = new Map<number, CalendarException[]>();
  const add = (day: string, isWorking: boolean, label: string) => {
    const year = Number(day.slice(0, 4));
    if (year < fromYear) return;
    // Labels look like "National Day,国庆节,3": keep the Chinese name.
    const name = label.split(',')[1] ?? label;
    (byYear.get(year) ?? byYear.set(year, []).get(year)!).push({ day, isWorking, name });
  };
  for (const [day, label] of Object.entries(data.holidays)) add(day, false, label);
  for (const [day, label] of Object.entries(data.workdays)) add(day, true, label);
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({ year, days: days.sort((a, b) => a.day.localeCompare(b.day)) }));
}

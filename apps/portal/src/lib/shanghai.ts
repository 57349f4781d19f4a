/**
 * Beijing time (Asia/Shanghai, UTC+8 all year, no daylight saving) whatever the browser's zone:
 * the calendars, slots and pickers all speak it.
 */
const OFFSET = 8 * 3600_000;
const DAY = 86400_000;

export interface ShanghaiParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** minutes since midnight */
  minutes: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
}

export function shanghaiParts(iso: string | Date): ShanghaiParts {
  const d = new Date((typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + OFFSET);
  const s = d.toISOString();
  const day = d.getUTCDay();
  return {
    date: s.slice(0, 10),
    time: s.slice(11, 16),
    minutes: d.getUTCHours() * 60 + d.getUTCMinutes(),
    weekday: day === 0 ? 7 : day,
  };
}

/** The instant of a Beijing wall-clock date and time, as an ISO string (UTC). */
export function shanghaiIso(date: string, time = '00:00'): string {
  return new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();
}

/** A calendar date plus n days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week holding the date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** 周一 … 周日 / Mon … Sun */
export function weekdayLabel(weekday: number, locale: string): string {
  const zh = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
  const en = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return (locale === 'en' ? en : zh)[weekday - 1] ?? '';
}

/** "6月3日 周二" / "Tue 3 Jun" */
export function dayLabel(date: string, locale: string): string {
  const [, mm, dd] = date.split('-').map(Number);
  const wd = weekdayLabel(weekdayOf(date), locale);
  if (locale === 'en') {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    return `${wd} ${dd} ${months[mm - 1]}`;
  }
  return `${mm}月${dd}日 ${wd}`;
}

/** "2025-06-03 09:00–10:00" in Beijing time. */
export function spanLabel(startsAt: string, endsAt: string): string {
  const a = shanghaiParts(startsAt);
  const b = shanghaiParts(endsAt);
  return a.date === b.date ? `${a.date} ${a.time}–${b.time}` : `${a.date} ${a.time} – ${b.date} ${b.time}`;
}

/** "2027年3月3日 周三 14:00–15:00" / "Wed 3 Mar 2027, 14:00–15:00" in Beijing time: for people outside the portal. */
export function longSpanLabel(startsAt: string, endsAt: string, locale: string): string {
  const a = shanghaiParts(startsAt);
  const b = shanghaiParts(endsAt);
  const [yyyy, mm, dd] = a.date.split('-').map(Number);
  const wd = weekdayLabel(a.weekday, locale);
  const end = a.date === b.date ? b.time : `${dayLabel(b.date, locale)} ${b.time}`;
  if (locale === 'en') {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    return `${wd} ${dd} ${months[mm - 1]} ${yyyy}, ${a.time}–${end}`;
  }
  return `${yyyy}年${mm}月${dd}日 ${wd} ${a.time}–${end}`;
}

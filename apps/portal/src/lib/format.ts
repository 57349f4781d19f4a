import { shanghaiParts } from './shanghai';

/**
 * One date format in both languages: ISO-style 2026-12-07 and 24-hour 13:05, in Beijing time
 * (Asia/Shanghai) whatever the browser's zone. Never 07/12/2026 — day/month and month/day read
 * alike — and no locale's own style, so a Chinese and an English reader compare the same text.
 * Every date and time the portal shows goes through here. The locale parameters stay so a
 * language-specific form can come back without touching every caller.
 */

/** 2026-12-07 13:05 */
export function formatDateTime(iso: string | Date | null | undefined, _locale?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = shanghaiParts(d);
  return `${p.date} ${p.time}`;
}

/** 2026-12-07 13:05:09 — where the second matters (the audit log's order of events). */
export function formatDateTimeSeconds(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${formatDateTime(d)}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
}

/** 2026-12-07; a bare calendar date (YYYY-MM-DD) stays as it is. */
export function formatDate(value: string | Date | null | undefined, _locale?: string): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return shanghaiParts(d).date;
}

/** 13:05 — today's times; with the date when the instant is not today in Beijing. */
export function formatTime(iso: string | Date | null | undefined, _locale?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = shanghaiParts(d);
  return p.date === todayInShanghai() ? p.time : `${p.date} ${p.time}`;
}

/** Today's calendar date in Beijing time, as YYYY-MM-DD. */
export function todayInShanghai(): string {
  return shanghaiParts(new Date()).date;
}

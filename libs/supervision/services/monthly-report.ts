import type { Rankings, StatisticsDashboard, WarningDetail } from '@accord/contracts';
import { FieldError, ValidationFailedError } from '@accord/core';

/**
 * The regulator's monthly supervisory report (监管月报), pure parts: what it holds, which months
 * may be asked for, and the words its tables and timeline use. The service gathers the figures
 * from the statistics lib (the screen's own services) and the warnings; the renderers only lay
 * them out, so the PDF and the XLSX show the same numbers as the console.
 */

/** A withheld (or empty) cell, as on screen: "<5" in an amount column would read as under ¥5. */
export const DASH = '—';
export const monthZh = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How far back a report may go: the roll-ups hold more, but a monthly report is about the recent past. */
export const REPORT_YEARS_BACK = 3;
/** Months of referral trend drawn up to the report's month. */
export const TREND_MONTHS = 12;
/** Institutions drawn beside the jurisdiction's total on the trend chart (a chart of 30 lines is unreadable). */
export const TREND_INSTITUTIONS = 5;

/** Months as integers (year × 12 + month − 1), so that ranges are arithmetic. */
export const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
export const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The month's first day and the next month's first day (Asia/Shanghai calendar days), and its last day. */
export function monthBounds(month: string): { first: string; last: string; next: string } {
  const i = monthIndex(month);
  const next = `${monthOf(i + 1)}-01`;
  const last = new Date(Date.UTC(Math.floor((i + 1) / 12), (i + 1) % 12, 0)).toISOString().slice(0, 10);
  return { first: `${month}-01`, last, next };
}

/** A real YYYY-MM, not after `current` (the Asia/Shanghai month now) and at most REPORT_YEARS_BACK years before it; else 400 on `month`. */
export function validateReportMonth(month: string, current: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ValidationFailedError([new FieldError('month', 'month must be a month YYYY-MM')]);
  if (month > current) throw new ValidationFailedError([new FieldError('month', 'month must not be in the future')]);
  if (monthIndex(month) < monthIndex(current) - REPORT_YEARS_BACK * 12) {
    throw new ValidationFailedError([new FieldError('month', `month may be at most ${REPORT_YEARS_BACK} years back`)]);
  }
  return month;
}

/** A warning of the month as the report lists it: the warning, its acknowledgement and its whole timeline; never the cases behind it. */
export type ReportWarning = Omit<WarningDetail, 'cases'>;

export interface ReportTrend {
  months: string[];
  /** The jurisdiction's referrals per month (the dashboard's total); null when withheld. */
  total: (number | null)[];
  /** The institutions with the most referrals over the months, as the console's trend shows them. */
  lines: { id: string; name: string; referrals: (number | null)[] }[];
}

export interface MonthlyReport {
  month: string;
  /** The regulator's name. */
  jurisdiction: string;
  /** The one center asked for, or null for the whole jurisdiction. */
  center: { id: string; name: string } | null;
  generatedAt: Date;
  /** The regulator's dashboard for the month: totals and the institution table, small cells withheld. */
  dashboard: StatisticsDashboard;
  rankings: Rankings;
  trend: ReportTrend;
  warnings: ReportWarning[];
}

/** The timeline's steps in words. A kind without a label is shown as its code, so a new kind reads at once and needs only its label here. */
export const WARNING_EVENT_ZH: Record<string, string> = {
  raised: '系统预警',
  acknowledged: '监管确认',
  notice_sent: '发送监管提示',
  notice_answered: '机构答复',
};
export const eventLabel = (kind: string) => WARNING_EVENT_ZH[kind] ?? kind;

export const WARNING_STATUS_ZH: Record<string, string> = { open: '待确认', acknowledged: '已确认' };
export const NOTICE_STATE_ZH: Record<string, string> = { none: '', awaiting_answer: '监管提示待答复', answered: '监管提示已答复' };
/** The regulator's disposition and, beside it, where the supervisory notice stands. */
export const warningStatusLabel = (w: { status: string; noticeState: string }) =>
  [WARNING_STATUS_ZH[w.status] ?? w.status, NOTICE_STATE_ZH[w.noticeState] ?? w.noticeState].filter(Boolean).join('；');
export const PERIOD_KIND_ZH: Record<string, string> = { week: '周', month: '月' };
export const METRIC_ZH: Record<string, string> = { referrals: '调解申请', breaches: '超时限率' };
export const metricLabel = (metric: string) => METRIC_ZH[metric] ?? metric;
/** A breach warning's breaches of concluded and its rate ("8/12（66.7%）"); a referral warning's count. */
export const observedText = (w: { metric: string; observed: number; concluded: number | null }) =>
  w.metric === 'breaches' && w.concluded ? `${w.observed}/${w.concluded}（${Math.round((w.observed / w.concluded) * 1000) / 10}%）` : String(w.observed);

/** 口径 of the parts of the report the statistics definitions do not cover. */
export const REPORT_DEFINITIONS: { key: string; zh: string; en: string }[] = [
  {
    key: 'report',
    zh: '本报告的数据与监管驾驶舱、统计看板和红黑榜页面在同一月份下显示的数据一致：全部来自统计汇总表，不读取个案；不含任何消费者身份信息。',
    en: 'The figures are those the console, the statistics dashboard and the rankings page show for the same month: all from the statistics roll-ups, no case is read; no consumer identity appears.',
  },
  {
    key: 'trend',
    zh: `趋势图：截至本月的最近 ${TREND_MONTHS} 个月，辖区合计（统计看板合计行）及调解申请最多的 ${TREND_INSTITUTIONS} 家机构的每月调解申请数；不予显示的月份断开。`,
    en: `Trend: the last ${TREND_MONTHS} months up to the report's month, the jurisdiction's total (the dashboard's total row) and the ${TREND_INSTITUTIONS} institutions with the most referrals; withheld months are gaps.`,
  },
  {
    key: 'successChart',
    zh: '成功率图：本月各机构的调解成功率（口径同统计看板）；不予显示或无办结的机构标“—”。',
    en: "Success-rate chart: each institution's success rate in the month (as the dashboard); withheld or nothing concluded: “—”.",
  },
  {
    key: 'warnings',
    zh: '本月预警：统计周期在本月开始的预警（月度预警及本月开始的周预警），含状态、确认情况及全部处理记录。',
    en: "The month's warnings: those whose period starts in the month (the month's and the weeks starting in it), with their status, acknowledgement and whole timeline.",
  },
];

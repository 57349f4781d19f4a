import type { BusinessLine } from './cases';

/** The regulator's trend lines and heat map (监管驾驶舱), per month of Asia/Shanghai calendar time. */
export type TrendGrouping = 'institution' | 'businessLine';

/** One month of one line. Counts from 1 to `suppressBelow` − 1 are withheld (null), and a rate over fewer than `suppressBelow` cases. */
export interface TrendPoint {
  /** YYYY-MM. */
  month: string;
  referrals: number | null;
  concluded: number | null;
  /** settled ÷ (settled + not settled + terminated), 0–1; null when the denominator is 0 or withheld. */
  successRate: number | null;
  /** Relative change against the month before (0.25 = +25 %); null when either month is withheld or the earlier is 0. */
  referralsMoM: number | null;
  /** Relative change against the same month a year before. */
  referralsYoY: number | null;
  concludedMoM: number | null;
  concludedYoY: number | null;
  /** Change of the success rate in percentage points ÷ 100 (0.05 = +5 points); null when either rate is. */
  successRateMoM: number | null;
  successRateYoY: number | null;
}

export interface TrendLine {
  /** The institution's id, or the business line. */
  id: string;
  name: string;
  points: TrendPoint[];
}

/** GET /statistics/trends: one line per institution or business line over the months asked for. */
export interface TrendSeries {
  /** YYYY-MM, both included. */
  from: string;
  to: string;
  by: TrendGrouping;
  months: string[];
  lines: TrendLine[];
  suppressBelow: number;
}

export interface HeatMapCell {
  institutionId: string;
  businessLine: BusinessLine;
  referrals: number | null;
  successRate: number | null;
}

/** GET /statistics/heat-map: business line × institution over a period of whole months. */
export interface TrendHeatMap {
  from: string;
  to: string;
  institutions: { id: string; name: string }[];
  businessLines: BusinessLine[];
  /** Only cells with referrals or concluded cases; the rest are 0. */
  cells: HeatMapCell[];
  suppressBelow: number;
}

/** 口径 of the console's trend lines and heat map, on the page. */
export const TREND_DEFINITIONS: { key: string; zh: string; en: string }[] = [
  { key: 'months', zh: '按北京时间（Asia/Shanghai）自然月统计；默认最近 12 个完整月份加本月，最长 24 个月。', en: 'Asia/Shanghai calendar months; by default the last 12 complete months and the current one, at most 24.' },
  { key: 'referrals', zh: '调解申请：当月提交的申请数（以提交时间计）。', en: 'Referrals: cases submitted in the month (by submission time).' },
  { key: 'concluded', zh: '办结：当月得出调解结果的案件数（以办结时间计）。', en: 'Concluded: cases whose outcome was reached in the month (by conclusion time).' },
  { key: 'successRate', zh: '调解成功率 = 调解成功 ÷（调解成功 + 未成功 + 终止），以办结月份计，撤回不计入分母。', en: 'Success rate = settled ÷ (settled + not settled + terminated), by month of conclusion; withdrawn cases are not in the denominator.' },
  { key: 'change', zh: '环比：与上月相比的变化率；同比：与上年同月相比的变化率；成功率的环比、同比为百分点之差。任一月份不予显示或为 0 时不计算。', en: 'MoM: change against the month before; YoY: against the same month a year before; for the success rate the difference in percentage points. Not computed when either month is withheld or zero.' },
  { key: 'heatMap', zh: '热力图：所选期间内各机构各业务类别的调解申请数与调解成功率；颜色按调解申请数。', en: 'Heat map: referrals and success rate per institution and business line over the period; the colour follows referrals.' },
  { key: 'scope', zh: '范围：本监管机构辖区内各调解中心的案件，可按调解中心、业务类别、争议类型筛选。', en: "Scope: the cases of the centers in the regulator's jurisdiction, filterable by center, business line and dispute type." },
  {
    key: 'privacy',
    zh: '小数保护：1–4 件的计数不予显示（“—”），少于 5 件案件计算的成功率亦不显示；热力图中一行或一列仅有一个格不予显示时，另一最小格一并不予显示，以免由合计相减得出。',
    en: 'Small cells: counts of 1–4 are withheld (“—”), and so is a success rate over fewer than 5 cases; where a heat-map row or column would have one withheld cell only, its next smallest cell is withheld too, so that no total minus the rest recovers it.',
  },
];

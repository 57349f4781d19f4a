import type { BusinessLine, DisputeType } from './cases';

/** The statistics dashboard (DOMAIN.md "Statistics"); every figure's 口径 is in STATISTICS_DEFINITIONS. */
export type StatisticsGrouping = 'institution' | 'branch';

export interface StatisticsFigures {
  referrals: number | null;
  accepted: number | null;
  concluded: number | null;
  settled: number | null;
  notSettled: number | null;
  withdrawn: number | null;
  terminated: number | null;
  /** settled ÷ (settled + notSettled + terminated), 0–1; null when the denominator is 0 (or suppressed). */
  successRate: number | null;
  /** Fen, as a decimal string (bigint). */
  disputedFen: string | null;
  settledFen: string | null;
  medianDaysToAccept: number | null;
  medianDaysToConclude: number | null;
  satisfactionAverage: number | null;
  satisfactionCount: number | null;
  /** Cases concluded in the period that missed a time limit (STATISTICS_DEFINITIONS `breached`). */
  breached: number | null;
  /** breached ÷ concluded, 0–1; null when nothing concluded (or suppressed). */
  breachRate: number | null;
  /** Judicial confirmations the court confirmed in the period. */
  judicialConfirmed: number | null;
  /** Obligations due in the period not performed by their due day. */
  obligationsOverdue: number | null;
  /**
   * Regulators: the figures of this row withheld to protect privacy (null above) — built from
   * fewer than `suppressBelow` cases, or withheld beside one so that it is no total minus the rest
   * (its column's total row, its row's concluded, what its shown success rate implies). Absent
   * where nothing is withheld by rule (centers, institutions).
   */
  withheld?: StatisticsFigureKey[];
}

/** The name of one figure of a row (every field of StatisticsFigures but `withheld`). */
export type StatisticsFigureKey =
  | 'referrals'
  | 'accepted'
  | 'concluded'
  | 'settled'
  | 'notSettled'
  | 'withdrawn'
  | 'terminated'
  | 'successRate'
  | 'disputedFen'
  | 'settledFen'
  | 'medianDaysToAccept'
  | 'medianDaysToConclude'
  | 'satisfactionAverage'
  | 'satisfactionCount'
  | 'breached'
  | 'breachRate'
  | 'judicialConfirmed'
  | 'obligationsOverdue';

export interface StatisticsRow extends StatisticsFigures {
  /** The institution's or branch's id; for the viewer's root branch's own cases, the root's id. */
  id: string;
  name: string;
  /** True for the row of cases filed at the root branch itself (the branch whose children are the rows). */
  own?: boolean;
  /** Branch rows below the root: the branch has branches below it, so the dashboard can be opened at it (`branchId`). */
  hasChildren?: boolean;
}

export interface StatisticsDashboard {
  from: string;
  to: string;
  grouping: StatisticsGrouping;
  /** The branch whose children are the rows (institution users): the viewer's root, or the branch asked for below it. */
  root: { id: string; name: string } | null;
  /** Institution users: the branches from the viewer's root down to `root`, both included (a breadcrumb); empty otherwise. */
  trail: { id: string; name: string }[];
  rows: StatisticsRow[];
  total: StatisticsFigures;
  /**
   * Regulators: a count from 1 to this minus one is withheld (null), and so is a rate, median,
   * average or amount built from that few cases; `withheld` on each row names them.
   */
  suppressBelow: number | null;
  /** The filters applied (centers and regulators); null where none. */
  filter: StatisticsDashboardFilter;
  /**
   * The figures this answer holds; the others are null because they do not exist under the
   * filter (with a business line or dispute type: the counts and the success rate only, from the
   * monthly business-line roll-ups). Not a privacy rule: `withheld` names those.
   */
  figuresAvailable: StatisticsFigureKey[];
}

export interface StatisticsDashboardFilter {
  centerId: string | null;
  businessLine: BusinessLine | null;
  disputeType: DisputeType | null;
}

/** What the business-line roll-ups hold: the figures served under a business line or dispute type filter. */
export const LINE_FIGURES: StatisticsFigureKey[] = ['referrals', 'accepted', 'concluded', 'settled', 'notSettled', 'withdrawn', 'terminated', 'successRate'];

/** 口径: how each figure is counted, shown on the page and written into the export. */
export const STATISTICS_DEFINITIONS: { key: string; zh: string; en: string }[] = [
  { key: 'period', zh: '统计期间按北京时间（Asia/Shanghai）自然日计算，起止日期均含当日。', en: 'The period is counted in Asia/Shanghai calendar days, both ends included.' },
  { key: 'referrals', zh: '调解申请：期间内提交的申请数（以提交时间计）。', en: 'Referrals: cases submitted in the period (by submission time).' },
  { key: 'accepted', zh: '受理：期间内受理的案件数（以受理时间计）。', en: 'Accepted: cases accepted in the period (by acceptance time).' },
  { key: 'concluded', zh: '办结：期间内得出调解结果的案件数（调解成功、未成功、撤回（含受理前撤回）、终止，以办结时间计；结案后仍按原结果统计；不予受理的申请不计入）。', en: 'Concluded: cases whose outcome (settled, not settled, withdrawn — also before acceptance —, terminated) was reached in the period, by conclusion time; a closed case keeps its outcome; rejected referrals are not concluded.' },
  { key: 'successRate', zh: '调解成功率 = 调解成功 ÷（调解成功 + 未成功 + 终止），撤回不计入分母、单独列示；分母为 0 时显示“—”。', en: 'Success rate = settled ÷ (settled + not settled + terminated); withdrawn cases are reported apart; “—” when the denominator is 0.' },
  { key: 'disputed', zh: '涉及金额：期间内提交的申请的争议金额合计（元）。', en: 'Amount in dispute: the sum over the referrals submitted in the period (yuan).' },
  {
    key: 'settledAmount',
    zh: '调解金额：期间内调解成功案件的退款与减免金额合计（元）；分期还款计划是消费者仍须归还的款项，不计入。',
    en: 'Amount settled: refund plus fee waiver of the cases settled in the period (yuan); an instalment plan is still owed by the consumer and is not counted.',
  },
  { key: 'medianAccept', zh: '受理用时中位数：期间内受理的案件，从提交日到受理日的自然日数（北京时间）的中位数；偶数个时取中间两数的平均。', en: 'Median days to acceptance: over cases accepted in the period, Asia/Shanghai calendar days from submission to acceptance; the mean of the middle two when even.' },
  { key: 'medianConclude', zh: '办结用时中位数：期间内办结且曾受理的案件，从受理日到办结日的自然日数（北京时间）的中位数。', en: 'Median days to conclusion: over cases concluded in the period that had been accepted, Asia/Shanghai calendar days from acceptance to conclusion.' },
  { key: 'satisfaction', zh: '满意度：期间内提交的回访答卷的满意度（1–5 分）平均值及答卷数。', en: 'Satisfaction: the average (1–5) and count of follow-up answers given in the period.' },
  { key: 'grouping', zh: '调解中心按会员机构列示；监管机构按辖区内各调解中心的机构合并列示；机构用户按其根网点（总行，或所属网点）的下一级网点列示，可逐级下钻至根网点以下任一网点，按该网点的下一级网点列示；所选网点自身的案件单列一行，下级网点一行含其以下全部网点的案件，并包含该机构在所有调解中心的案件；合计行为全部行之和（中位数按全部案件重新计算）。', en: "Centers: one row per member institution; regulators: one row per institution across the jurisdiction's centers; institution users: one row per branch one level below the viewer's root (the head office, or the branch they are pinned to) or below any branch under it they drill down to, that branch's own cases in a row of their own and each row below counting its whole subtree, over every center the institution deals with; the total row counts every case (medians recomputed over all)." },
  {
    key: 'breached',
    zh: '超时限：期间内办结的案件中，至少错过一项时限的件数（以办结时间计）：受理日晚于受理期限；首次调解（最早一场未取消的调解，北京时间日期）晚于首次调解期限；或办结日晚于调解期限（首次调解之日起 30 日，遇节假日顺延至下一工作日；经双方同意延长的，按延长后的期限；首次调解早于系统记录调解期限的案件，按首次调解后 60 日计）。超时限率 = 超时限 ÷ 办结；无办结时显示“—”。',
    en: 'Time-limit breaches: cases concluded in the period (by conclusion time) that missed at least one clock: accepted after the intake due day; first session (the earliest session not cancelled, Asia/Shanghai day) after the first-session due day; or concluded after the mediation due day (30 days from the first session, moved to the next working day; with an extension both parties agreed to, the extended day; cases whose first session predates the recorded clock count 60 days from the first session). Breach rate = breaches ÷ concluded; “—” when nothing concluded.',
  },
  { key: 'judicialConfirmed', zh: '司法确认：期间内法院裁定确认调解协议有效的件数（以裁定日期计；驳回与审查中不计）。', en: 'Judicial confirmations: agreements a court confirmed as valid in the period (by the ruling date; refused or pending ones are not counted).' },
  {
    key: 'obligationsOverdue',
    zh: '逾期履行：期间内到期（以约定履行期限计）而未在期限内履行完毕的调解协议义务项数（已标记逾期，或履行日晚于期限）。',
    en: 'Obligations overdue: obligations of settlement agreements due in the period (by due day) not performed by their due day (flagged overdue, or performed after it).',
  },
  {
    key: 'lineFilter',
    zh: '按业务类别或争议类型筛选时，按月汇总，统计期间须为整月；只提供各项计数与调解成功率，金额、用时中位数、超时限、司法确认、逾期履行和满意度在此筛选下没有数据（显示“不适用”）。',
    en: 'Filtered by business line or dispute type, the figures are monthly and the period whole months; only the counts and the success rate exist — amounts, medians, breaches, judicial confirmations, overdue obligations and satisfaction are not available under such a filter (“n/a”).',
  },
  {
    key: 'privacy',
    zh: '监管机构视图：为保护个人信息，1–4 件的计数不予显示（“—”）；比率、中位数、平均值和金额在其所依据的案件少于 5 件时不予显示（成功率依据调解成功 + 未成功 + 终止，超时限率依据办结）；某格单独不予显示、可由合计减去其余各项推算时（同列与合计行；同行各调解结果与办结；显示的成功率与其分子、分母），另一最小格亦不予显示。',
    en: 'Regulator view: to protect privacy, counts of 1–4 are withheld (“—”); a rate, median, average or amount is withheld when built from fewer than 5 cases (the success rate from settled + not settled + terminated, the breach rate from concluded); where a lone withheld cell could be worked out as a total minus the rest (a column and its total row; the outcomes of a row and its concluded; a shown success rate and the counts it divides), the next-smallest shown cell is withheld too.',
  },
];

/** One case of the export's case list (案件明细): the cases behind the concluded figures. */
export interface ConcludedCaseLine {
  caseNumber: string;
  institutionName: string;
  branchName: string;
  businessLine: string | null;
  disputeType: string | null;
  submittedOn: string | null;
  acceptedOn: string | null;
  concludedOn: string;
  outcome: string;
  amountFen: string;
  settledFen: string;
  daysToAccept: number | null;
  daysToConclude: number | null;
  mediatorName: string | null;
  /** The follow-up answer, for the center only. */
  satisfaction: number | null;
}

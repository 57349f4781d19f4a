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
  | 'satisfactionCount';

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
}

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
    key: 'privacy',
    zh: '监管机构视图：为保护个人信息，1–4 件的计数不予显示（“—”）；比率、中位数、平均值和金额在其所依据的案件少于 5 件时不予显示（成功率依据调解成功 + 未成功 + 终止）；某格单独不予显示、可由合计减去其余各项推算时（同列与合计行；同行各调解结果与办结；显示的成功率与其分子、分母），另一最小格亦不予显示。',
    en: 'Regulator view: to protect privacy, counts of 1–4 are withheld (“—”); a rate, median, average or amount is withheld when built from fewer than 5 cases (the success rate from settled + not settled + terminated); where a lone withheld cell could be worked out as a total minus the rest (a column and its total row; the outcomes of a row and its concluded; a shown success rate and the counts it divides), the next-smallest shown cell is withheld too.',
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

/** 红黑榜: institutions (centers, regulators) or branches at one level (institutions) ranked by a stated composite. */
export type RankingLevel = 'branch' | 'sub_branch' | 'outlet';

export interface RankingEntry {
  id: string;
  name: string;
  /** Competition ranking: equal scores share a rank (1, 2, 2, 4). */
  rank: number;
  /** 0–100, one decimal: 100 × (0.5 × success rate + 0.3 × speed + 0.2 × (1 − breach rate)). */
  score: number;
  /** settled ÷ (settled + not settled + terminated), 0–1. */
  successRate: number;
  /** 0–1: 1 − median days ÷ the largest median among the ranked units. */
  speed: number;
  medianDaysToConclude: number | null;
  /** Time-limit breaches ÷ every case concluded in the period (withdrawn included), 0–1; lower is better. */
  breachRate: number;
  /** Cases concluded in the period with an outcome that counts for the rate (settled, not settled, terminated). */
  concluded: number;
  /** The unit's rank in the previous period of the same length; null when it was not ranked then. */
  previousRank: number | null;
  /** previousRank − rank: positive moved up; null when not ranked then. */
  change: number | null;
}

export interface RankingUnranked {
  id: string;
  name: string;
  /** As `RankingEntry.concluded`; null when withheld from a regulator (1 to suppressBelow − 1). */
  concluded: number | null;
}

export interface Rankings {
  from: string;
  to: string;
  /** The period of the same length just before, for the rank change. */
  previousFrom: string;
  previousTo: string;
  unit: 'institution' | 'branch';
  /** Institution users: the level of branch ranked. */
  level: RankingLevel | null;
  /** Institution users: the branch whose subtree is ranked (the viewer's root, or the one asked for). */
  root: { id: string; name: string } | null;
  /** Regulators: the one center asked for; null for the whole jurisdiction (or a center's own). */
  centerId: string | null;
  minConcluded: number;
  top: number;
  rankedCount: number;
  /** Best first. */
  red: RankingEntry[];
  /** Worst first; never a unit of the red list. */
  black: RankingEntry[];
  /** Units below the minimum number of concluded cases: not ranked. */
  unranked: RankingUnranked[];
  /** Regulators: counts from 1 to this minus one are withheld. */
  suppressBelow: number | null;
  weights: { successRate: number; speed: number; timeliness: number };
}

/** 口径 of the ranking, shown on the page. */
export const RANKING_DEFINITIONS: { key: string; zh: string; en: string }[] = [
  {
    key: 'score',
    zh: '综合得分 = 100 ×（0.5 × 调解成功率 + 0.3 × 办结速度 + 0.2 ×（1 − 超时限率））；办结速度 = 1 − 本单位办结用时中位数 ÷ 参与排名单位中最大的办结用时中位数（最大值为 0 时均为 1）；超时限率越低越好。得分保留一位小数，得分相同名次相同（如 1、2、2、4），同分按名称排序。',
    en: 'Score = 100 × (0.5 × success rate + 0.3 × speed + 0.2 × (1 − breach rate)); speed = 1 − the unit’s median days to conclusion ÷ the largest median among the ranked units (1 for all when that is 0); the lower the breach rate the better. One decimal; equal scores share a rank (1, 2, 2, 4), listed by name.',
  },
  {
    key: 'successRate',
    zh: '调解成功率 = 调解成功 ÷（调解成功 + 未成功 + 终止），以办结时间计入统计期间；撤回不计入。',
    en: 'Success rate = settled ÷ (settled + not settled + terminated), by conclusion time in the period; withdrawn cases are left out.',
  },
  {
    key: 'median',
    zh: '办结用时中位数：期间内办结且曾受理的案件，从受理日到办结日的自然日数（北京时间）的中位数。',
    en: 'Median days to conclusion: over cases concluded in the period that had been accepted, Asia/Shanghai calendar days from acceptance to conclusion.',
  },
  {
    key: 'minimum',
    zh: '参与排名：期间内办结（调解成功、未成功、终止）不少于设定件数（默认 10 件）的单位；不足的单位单列为“案件不足”，不排名。',
    en: 'Ranked: units with at least the set number of cases concluded (settled, not settled, terminated) in the period (default 10); the others are listed apart as “not enough cases”.',
  },
  {
    key: 'lists',
    zh: '红榜为排名前 N 位，黑榜为排名后 N 位（由差到好）；参与排名单位少于 2N 个时前一半入红榜、后一半入黑榜，两榜不重复。',
    en: 'The red list is the top N, the black list the bottom N (worst first); with fewer than 2N ranked units the upper half is red and the lower half black, never both.',
  },
  {
    key: 'change',
    zh: '名次变化：与紧邻的上一个等长期间（整月期间按同样月数）的名次相比，↑ 为上升；上期未参与排名显示“新”。',
    en: 'Change: against the rank in the period of the same length just before (whole months: as many months); ↑ moved up; “new” when not ranked then.',
  },
  {
    key: 'breaches',
    zh: '超时限率 = 期间内办结的案件（含撤回）中错过时限的件数 ÷ 办结件数；错过时限指受理晚于受理期限、首次调解晚于首次调解期限，或办结晚于首次调解后 60 日（口径同统计报表“超时限”）。',
    en: 'Breach rate = cases concluded in the period (withdrawn included) that missed a time limit ÷ cases concluded; missing a limit means accepted after the intake due day, a first session after its due day, or concluded more than 60 days after the first session (as the statistics’ “time-limit breaches”).',
  },
  {
    key: 'units',
    zh: '调解中心对其会员机构排名；监管机构对辖区内（或所选调解中心）的机构排名；机构用户对其根网点（总行或所属网点）以下所选层级的网点排名，每个网点含其以下全部网点的案件。',
    en: 'Centers rank their member institutions; regulators the institutions of their jurisdiction (or one of its centers); institution users the branches of the chosen level below their root (the head office, or the branch they are pinned to), each counting its whole subtree.',
  },
  { key: 'privacy', zh: '监管机构视图：少于 5 件的计数不予显示（“<5”）。', en: 'Regulator view: counts below 5 are withheld (“<5”).' },
];

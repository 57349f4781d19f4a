import type { Outcome } from './outcomes';

/**
 * Quality review (质量评查, the 2025 joint opinion): the center samples concluded cases by a rule
 * of its own, a reviewer who was not the case's mediator scores each on the center's checklist.
 */

/** Why a concluded case entered the review queue (one case may have several reasons). */
export const REVIEW_REASONS = ['not_settled', 'terminated', 'settled_sample', 'breached'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const REVIEW_STATUSES = ['pending', 'reviewed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** One line of the center's checklist: a stable key, its text, and the most points it gives. */
export interface ChecklistItem {
  key: string;
  label: string;
  maxScore: number;
}

/** A new center's checklist (the admin edits it): 100 points over the four things the opinion names. */
export const DEFAULT_CHECKLIST: ChecklistItem[] = [
  { key: 'method', label: '调解方法步骤完整规范', maxScore: 25 },
  { key: 'time_limits', label: '遵守受理、调解时限', maxScore: 25 },
  { key: 'agreement', label: '协议条款合法、明确、可履行', maxScore: 25 },
  { key: 'fairness', label: '公平对待消费者，告知权利与其他途径', maxScore: 25 },
];

/** The center's sampling rule and checklist (GET/PUT /quality/rule). */
export interface QualityRule {
  /** Every case concluded not settled enters the queue. */
  includeNotSettled: boolean;
  /** Every case terminated enters the queue. */
  includeTerminated: boolean;
  /** Every concluded case that missed a time limit (intake, first session, mediation) enters. */
  includeBreached: boolean;
  /** This share (0–100 %) of the settled cases enters, drawn by `seed`: the same seed draws the same cases. */
  settledPercent: number;
  seed: string;
  checklist: ChecklistItem[];
  updatedAt: string | null;
}

export interface ReviewScore {
  key: string;
  label: string;
  maxScore: number;
  score: number;
}

export interface QualityReviewView {
  id: string;
  caseId: string;
  caseNumber: string | null;
  mediatorId: string | null;
  mediatorName: string | null;
  outcome: Outcome;
  concludedAt: string;
  reasons: ReviewReason[];
  status: ReviewStatus;
  enteredAt: string;
  reviewerId: string | null;
  reviewerName: string | null;
  /** The checklist as it stood when the case was scored, with each score. */
  scores: ReviewScore[];
  totalScore: number | null;
  maxScore: number | null;
  findings: string | null;
  reviewedAt: string | null;
  /** When the reviewer sent the agreement draft back to the mediator for correction, and why. */
  agreementReturnedAt: string | null;
  agreementReturnNote: string | null;
  /** Whether the caller may score it now (a reviewer, not the case's mediator, still pending). */
  mayReview: boolean;
}

/** Review scores per mediator and month beside their success rate (GET /quality/scores). */
export interface QualityScoreRow {
  /** YYYY-MM (Asia/Shanghai) of the review for the scores, of the conclusion for the success rate. */
  month: string;
  mediatorId: string;
  mediatorName: string;
  reviews: number;
  /** Mean of (total ÷ max) × 100 over the month's reviews; null without one. */
  averagePercent: number | null;
  concluded: number;
  settled: number;
  /** settled ÷ (settled + not settled + terminated), as on 统计分析; null when that is 0. */
  successRate: number | null;
}

export const QUALITY_DEFINITIONS: { key: string; zh: string; en: string }[] = [
  {
    key: 'averagePercent',
    zh: '评查平均得分 = 当月（按评查完成日，北京时间）该调解员被评查案件的（得分 ÷ 满分 × 100）的平均值；评查表为评查当时中心的评查项目。',
    en: 'Average review score = the mean of (score ÷ maximum × 100) over the mediator’s cases reviewed in the month (by review day, Beijing time), on the checklist as it stood at the review.',
  },
  {
    key: 'successRate',
    zh: '调解成功率 = 当月（按办结日）该调解员调解成功 ÷（调解成功 + 调解不成 + 终止调解），撤回不计入；分母为 0 时显示“—”。',
    en: 'Success rate = of the mediator’s cases concluded in the month (by conclusion day): settled ÷ (settled + not settled + terminated), withdrawn apart; “—” when the denominator is 0.',
  },
  {
    key: 'sampling',
    zh: '抽样规则：调解不成、终止调解、超时限的案件按中心设置全部进入评查；调解成功的案件按比例抽取，以种子与案件标识（ID）的 SHA-256 决定，同一种子抽出的案件不变。',
    en: 'Sampling: not-settled, terminated and time-limit-breaching cases enter as the center sets; settled cases by a share, drawn by SHA-256 of the seed and the case id, so one seed always draws the same cases.',
  },
];

/** POST /quality/queue/draw: how many concluded cases of the period were considered and how many entered. */
export interface QualityDrawResult {
  added: number;
  considered: number;
}

/** GET /quality/scores: the rows and the 口径 of their figures. */
export interface QualityScores {
  items: QualityScoreRow[];
  definitions: { key: string; zh: string; en: string }[];
}

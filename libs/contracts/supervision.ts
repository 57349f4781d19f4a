import type { CaseStatus } from './cases';

export const WARNING_PERIOD_KINDS = ['week', 'month'] as const;
export type WarningPeriodKind = (typeof WARNING_PERIOD_KINDS)[number];

export const WARNING_STATUSES = ['open', 'acknowledged'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/** An early warning (投诉风险预警) as a list shows it. */
export interface WarningView {
  id: string;
  centerId: string;
  centerName: string | null;
  institutionId: string;
  institutionName: string | null;
  /** null: the institution as a whole; else one of its business lines. */
  businessLine: string | null;
  periodKind: WarningPeriodKind;
  /** First and last Asia/Shanghai day of the period. */
  periodStart: string;
  periodEnd: string;
  /** Referrals submitted in the period. */
  observed: number;
  /** The mean of the prior periods. */
  expected: number;
  /** The 99.9 % Poisson quantile of `expected`: the warning fired because observed > bound. */
  bound: number;
  priorPeriods: number;
  /** The rule in words (its 口径). */
  method: string;
  status: WarningStatus;
  createdAt: string;
}

export interface WarningPage {
  items: WarningView[];
  total: number;
  page: number;
  pageSize: number;
}

/** One step on a warning's timeline. */
export interface WarningEventView {
  kind: 'raised' | 'acknowledged';
  at: string;
  actorName: string | null;
  comment: string | null;
}

/** A referral behind a warning: masked (case number, status, masked consumer name). */
export interface WarningCase {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  consumerNameMasked: string;
  submittedOn: string;
}

export interface WarningDetail extends WarningView {
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  acknowledgeComment: string | null;
  /** The period's referrals of the unit (at most 200, in submission order). */
  cases: WarningCase[];
  events: WarningEventView[];
}

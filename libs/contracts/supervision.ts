import type { CaseStatus } from './cases';

export const WARNING_PERIOD_KINDS = ['week', 'month'] as const;
export type WarningPeriodKind = (typeof WARNING_PERIOD_KINDS)[number];

export const WARNING_STATUSES = ['open', 'acknowledged'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/**
 * Where the supervisory notices (监管提示) on a warning stand, beside its status: none sent; one
 * awaiting the institution's answer; all sent answered. At most one awaits an answer at a time.
 */
export const WARNING_NOTICE_STATES = ['none', 'awaiting_answer', 'answered'] as const;
export type WarningNoticeState = (typeof WARNING_NOTICE_STATES)[number];

/**
 * What a warning measures: a unit's referrals against its own history (Poisson), or its
 * time-limit breaches among the cases it concluded in a month against its own prior breach rate
 * (Binomial; months only).
 */
export const WARNING_METRICS = ['referrals', 'breaches'] as const;
export type WarningMetric = (typeof WARNING_METRICS)[number];

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
  metric: WarningMetric;
  /** Referrals submitted in the period; breaches: the cases concluded in the period that missed a time limit. */
  observed: number;
  /** Breaches only: the cases the unit concluded in the period (the rate is observed ÷ concluded); null for referrals. */
  concluded: number | null;
  /** The mean of the prior periods; breaches: concluded × the prior periods' breach rate. */
  expected: number;
  /** The 99.9 % Poisson (breaches: Binomial) quantile: the warning fired because observed > bound. */
  bound: number;
  priorPeriods: number;
  /** The rule in words (its 口径). */
  method: string;
  status: WarningStatus;
  /** The supervisory notices' state: a bank finds what awaits its answer, a regulator what was answered. */
  noticeState: WarningNoticeState;
  createdAt: string;
}

export interface WarningPage {
  items: WarningView[];
  total: number;
  page: number;
  pageSize: number;
}

/** One step on a warning's timeline. */
export const WARNING_EVENT_KINDS = ['raised', 'acknowledged', 'notice_sent', 'notice_answered'] as const;
export type WarningEventKind = (typeof WARNING_EVENT_KINDS)[number];

export interface WarningEventView {
  kind: WarningEventKind;
  at: string;
  actorName: string | null;
  /** The acknowledgement's comment, the notice's text or the answer. */
  comment: string | null;
  /** The notice a 'notice_sent' or 'notice_answered' step is about. */
  noticeId: string | null;
}

/** A supervisory notice (监管提示) from the regulator to the institution, and its answer. */
export interface WarningNoticeView {
  id: string;
  text: string;
  /** The Asia/Shanghai day the regulator asks an answer by, if it set one. */
  answerBy: string | null;
  sentAt: string;
  sentByName: string;
  /** The regulator that sent it. */
  regulatorName: string;
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
}

/** A case behind a warning: masked (case number, status, masked consumer name). */
export interface WarningCase {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  consumerNameMasked: string;
  submittedOn: string;
  /** The Asia/Shanghai day it was concluded (breach warnings list concluded cases); null while open. */
  concludedOn: string | null;
}

export interface WarningDetail extends WarningView {
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  acknowledgeComment: string | null;
  /**
   * Referrals: the period's referrals of the unit (at most 200, in submission order). Breaches:
   * every case the institution concluded at the center in the month (at most 200, in conclusion
   * order), the breached ones among them — which case missed which clock is not kept per case.
   */
  cases: WarningCase[];
  events: WarningEventView[];
  /** Oldest first. */
  notices: WarningNoticeView[];
}

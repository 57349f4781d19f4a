import { createHash } from 'node:crypto';
import { addDays } from '@accord/core';
import type { ChecklistItem, QualityRule, ReviewReason } from '@accord/contracts';
import type { ReviewFacts } from '@accord/cases';

/**
 * Whether a settled case is drawn at `percent` % under `seed`: the first 32 bits of
 * SHA-256(seed ":" caseId) as a fraction of 2^32, below percent ÷ 100. Deterministic — the same
 * seed draws the same cases whenever, however often and in whatever order the cases are seen —
 * and independent from case to case, so about `percent` % of many cases are drawn.
 */
export function drawnBySeed(seed: string, caseId: string, percent: number): boolean {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  const n = createHash('sha256').update(`${seed}:${caseId}`).digest().readUInt32BE(0);
  return n / 2 ** 32 < percent / 100;
}

/**
 * Whether the case missed a clock (the statistics' 口径): accepted after its intake due day, a
 * first session after its due day, or concluded after the mediation due day — 30 days from the
 * first session plus an agreed extension, on a working day; without one recorded, 60 days.
 */
export function breached(c: ReviewFacts, firstSessionDay: string | undefined): boolean {
  if (c.acceptedOn && c.intakeDueOn && c.acceptedOn > c.intakeDueOn) return true;
  if (firstSessionDay && c.firstSessionDueOn && firstSessionDay > c.firstSessionDueOn) return true;
  const mediationDue = c.mediationDueOn ?? (firstSessionDay ? addDays(firstSessionDay, 60) : null);
  return mediationDue !== null && c.concludedOn > mediationDue;
}

/** Why a concluded case enters the review queue under the rule; none: it does not. */
export function reasonsFor(rule: Pick<QualityRule, 'includeNotSettled' | 'includeTerminated' | 'includeBreached' | 'settledPercent' | 'seed'>, c: ReviewFacts, firstSessionDay: string | undefined): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  if (c.outcome === 'not_settled' && rule.includeNotSettled) reasons.push('not_settled');
  if (c.outcome === 'terminated' && rule.includeTerminated) reasons.push('terminated');
  if (c.outcome === 'settled' && drawnBySeed(rule.seed, c.id, rule.settledPercent)) reasons.push('settled_sample');
  if (rule.includeBreached && breached(c, firstSessionDay)) reasons.push('breached');
  return reasons;
}

/** The checklist's total: the most points a review can give. */
export const maxScoreOf = (checklist: readonly ChecklistItem[]) => checklist.reduce((sum, i) => sum + i.maxScore, 0);

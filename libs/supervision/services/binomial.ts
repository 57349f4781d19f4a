import { CONFIDENCE, MIN_OBSERVED, MIN_PRIOR_PERIODS } from './poisson';

/**
 * The rising-breach rule, pure: of the cases a unit concluded in the period, how many missed a
 * time limit, against the unit's own breach rate over the prior periods. Given n concluded cases
 * and the prior rate p, breaches are Binomial(n, p); the bound is its quantile at CONFIDENCE
 * (exact, from the pmf), so a bank concluding many cases is not flagged for a count that its
 * own volume explains, and one concluding few is not flagged for noise.
 */
export const BREACH_METHOD_TEXT =
  `Binomial upper bound: expected rate p = breaches ÷ concluded over the ${MIN_PRIOR_PERIODS} prior months; ` +
  `bound = the ${CONFIDENCE * 100} % quantile of Binomial(concluded this month, p); warns when breaches > bound and breaches ≥ ${MIN_OBSERVED}`;

/** Prior months need at least this many concluded cases in all for a rate worth comparing against. */
export const MIN_PRIOR_CONCLUDED = 20;

/** BREACH_METHOD_TEXT in Chinese, as the monthly report and its 口径 print it (the stored `method` is BREACH_METHOD_TEXT). */
export const BREACH_METHOD_TEXT_ZH =
  `二项上界：预期超时限率 p = 此前 ${MIN_PRIOR_PERIODS} 个月超时限件数 ÷ 办结件数（合计办结不足 ${MIN_PRIOR_CONCLUDED} 件不判定）；` +
  `上界 = 二项分布 Binomial(本月办结件数, p) 的 ${CONFIDENCE * 100}% 分位数；本月超时限件数超过上界且不少于 ${MIN_OBSERVED} 件时预警`;

/**
 * The smallest k with P(X ≤ k) ≥ q for X ~ Binomial(n, p), summed in log space (the recursion
 * p(k) = p(k−1)·(n−k+1)/k·p/(1−p), scaled by its largest term) so a large n does not underflow.
 */
export function binomialQuantile(n: number, p: number, q = CONFIDENCE): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be in (0, 1), got ${q}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const logs = new Float64Array(n + 1);
  logs[0] = n * Math.log1p(-p);
  const odds = Math.log(p) - Math.log1p(-p);
  for (let k = 1; k <= n; k++) logs[k] = logs[k - 1] + Math.log(n - k + 1) - Math.log(k) + odds;
  let max = -Infinity;
  for (const l of logs) if (l > max) max = l;
  let total = 0;
  for (const l of logs) total += Math.exp(l - max);
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    sum += Math.exp(logs[k] - max);
    if (sum / total >= q) return k;
  }
  return n;
}

export interface BreachVerdict {
  fires: boolean;
  /** Breaches expected at the prior rate for this period's concluded cases; null: not judged. */
  expected: number | null;
  bound: number | null;
}

/**
 * `breached` of `concluded` in the period, against the prior periods' pairs (oldest first). Not
 * judged with fewer than MIN_PRIOR_PERIODS periods of history or fewer than MIN_PRIOR_CONCLUDED
 * concluded cases in them; the last MIN_PRIOR_PERIODS are pooled (a moving window, as for referrals).
 */
export function judgeBreaches(breached: number, concluded: number, prior: readonly { breached: number; concluded: number }[]): BreachVerdict {
  if (prior.length < MIN_PRIOR_PERIODS) return { fires: false, expected: null, bound: null };
  const window = prior.slice(-MIN_PRIOR_PERIODS);
  const priorConcluded = window.reduce((a, w) => a + w.concluded, 0);
  if (priorConcluded < MIN_PRIOR_CONCLUDED) return { fires: false, expected: null, bound: null };
  const rate = window.reduce((a, w) => a + w.breached, 0) / priorConcluded;
  const bound = binomialQuantile(concluded, rate);
  return { fires: breached > bound && breached >= MIN_OBSERVED, expected: concluded * rate, bound };
}

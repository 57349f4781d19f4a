/**
 * The early-warning rule (投诉风险预警), pure: a unit's referrals in a period against its own
 * history. Counts of rare events are Poisson; the expectation is the mean of the prior periods
 * and the bound the Poisson quantile at CONFIDENCE, computed exactly from the pmf.
 */

/** At least this many prior periods of history, or no warning. */
export const MIN_PRIOR_PERIODS = 12;
/** One-sided: under a steady rate a unit crosses the bound about once in 1,000 periods. */
export const CONFIDENCE = 0.999;
/** Fewer referrals than this never warn, whatever the history (a quiet unit's 0 → 3 is noise). */
export const MIN_OBSERVED = 5;

export const METHOD_TEXT =
  `Poisson upper bound: expected λ = mean of the ${MIN_PRIOR_PERIODS} prior periods; ` +
  `bound = the ${CONFIDENCE * 100} % Poisson quantile of λ; warns when observed > bound and observed ≥ ${MIN_OBSERVED}`;

/** METHOD_TEXT in Chinese, as the monthly report and its 口径 print it (the stored `method` is METHOD_TEXT). */
export const METHOD_TEXT_ZH =
  `泊松上界：预期 λ = 此前 ${MIN_PRIOR_PERIODS} 个周期调解申请件数的均值；上界 = 泊松分布 Poisson(λ) 的 ${CONFIDENCE * 100}% 分位数；` +
  `本期件数超过上界且不少于 ${MIN_OBSERVED} 件时预警`;

/**
 * The smallest k with P(X ≤ k) ≥ q for X ~ Poisson(λ). The pmf is summed in log space (the
 * recursion p(k) = p(k−1)·λ/k, scaled by its largest term) so a λ of thousands does not
 * underflow e^−λ; the sum runs far enough past λ that the tail left out is below 1e-15.
 */
export function poissonQuantile(lambda: number, q = CONFIDENCE): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`λ must be a finite number ≥ 0, got ${lambda}`);
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be in (0, 1), got ${q}`);
  if (lambda === 0) return 0;
  const top = Math.ceil(lambda + 15 * Math.sqrt(lambda) + 40);
  const logs = new Float64Array(top + 1);
  logs[0] = -lambda;
  for (let k = 1; k <= top; k++) logs[k] = logs[k - 1] + Math.log(lambda) - Math.log(k);
  let max = -Infinity;
  for (const l of logs) if (l > max) max = l;
  let total = 0;
  for (const l of logs) total += Math.exp(l - max);
  let sum = 0;
  for (let k = 0; k <= top; k++) {
    sum += Math.exp(logs[k] - max);
    if (sum / total >= q) return k;
  }
  return top;
}

export interface Verdict {
  fires: boolean;
  /** Null when the history is too short to judge. */
  expected: number | null;
  bound: number | null;
}

/**
 * The verdict for a period's `observed` count given the counts of the periods before it
 * (oldest first; a period without referrals counts 0). `prior` shorter than MIN_PRIOR_PERIODS:
 * no verdict. Only the last MIN_PRIOR_PERIODS are used (a moving window, so an old regime fades).
 */
export function judge(observed: number, prior: readonly number[]): Verdict {
  if (prior.length < MIN_PRIOR_PERIODS) return { fires: false, expected: null, bound: null };
  const window = prior.slice(-MIN_PRIOR_PERIODS);
  const expected = window.reduce((a, b) => a + b, 0) / window.length;
  const bound = poissonQuantile(expected);
  return { fires: observed > bound && observed >= MIN_OBSERVED, expected, bound };
}

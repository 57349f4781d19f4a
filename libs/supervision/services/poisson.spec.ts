import { judge, MIN_OBSERVED, poissonQuantile } from './poisson';

/** P(X ≤ k) by the plain pmf sum, for small λ where e^−λ is exact enough. */
function cdf(lambda: number, k: number): number {
  let p = Math.exp(-lambda);
  let s = p;
  for (let i = 1; i <= k; i++) s += p *= lambda / i;
  return s;
}

describe('poissonQuantile', () => {
  it('is the smallest k whose cdf reaches q', () => {
    for (const lambda of [0.3, 1, 2.5, 4, 10, 30, 100]) {
      const k = poissonQuantile(lambda, 0.999);
      expect(cdf(lambda, k)).toBeGreaterThanOrEqual(0.999);
      if (k > 0) expect(cdf(lambda, k - 1)).toBeLessThan(0.999);
    }
  });

  it('matches published values', () => {
    // R: qpois(0.999, c(1, 5, 10)) = 5 13 21
    expect(poissonQuantile(1)).toBe(5);
    expect(poissonQuantile(5)).toBe(13);
    expect(poissonQuantile(10)).toBe(21);
    expect(poissonQuantile(0)).toBe(0);
  });

  it('does not underflow for a large λ (a big bank’s month)', () => {
    const k = poissonQuantile(2000);
    // Normal approximation: λ + 3.09·√λ ≈ 2138
    expect(k).toBeGreaterThan(2120);
    expect(k).toBeLessThan(2160);
  });

  it('refuses a negative or non-finite λ', () => {
    expect(() => poissonQuantile(-1)).toThrow(RangeError);
    expect(() => poissonQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe('judge', () => {
  const flat = Array(12).fill(4);

  it('fires on a spike above the bound', () => {
    const v = judge(20, flat);
    expect(v).toEqual({ fires: true, expected: 4, bound: poissonQuantile(4) });
  });

  it('stays silent on a flat series', () => {
    expect(judge(4, flat).fires).toBe(false);
    expect(judge(poissonQuantile(4), flat).fires).toBe(false);
  });

  it('stays silent with fewer than 12 prior periods, however big the spike', () => {
    expect(judge(100, Array(11).fill(1))).toEqual({ fires: false, expected: null, bound: null });
  });

  it(`stays silent under ${MIN_OBSERVED} referrals even above the bound of a silent history`, () => {
    expect(judge(4, Array(12).fill(0)).fires).toBe(false);
    expect(judge(5, Array(12).fill(0)).fires).toBe(true);
  });

  it('uses only the last 12 prior periods', () => {
    const v = judge(10, [...Array(12).fill(100), ...flat]);
    expect(v.expected).toBe(4);
    expect(v.fires).toBe(poissonQuantile(4) < 10);
  });
});

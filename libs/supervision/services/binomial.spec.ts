import { binomialQuantile, judgeBreaches } from './binomial';

describe('binomialQuantile', () => {
  it('matches the exact binomial quantiles (the cumulative pmf summed exactly with integer binomial coefficients)', () => {
    expect(binomialQuantile(20, 0.1, 0.999)).toBe(7);
    expect(binomialQuantile(100, 0.05, 0.999)).toBe(13);
    expect(binomialQuantile(10, 0.5, 0.5)).toBe(5);
    expect(binomialQuantile(1000, 0.2, 0.999)).toBe(240);
  });

  it('handles the edges without dividing by zero or underflowing', () => {
    expect(binomialQuantile(0, 0.3)).toBe(0);
    expect(binomialQuantile(50, 0)).toBe(0);
    expect(binomialQuantile(50, 1)).toBe(50);
    expect(binomialQuantile(100_000, 0.01)).toBeGreaterThan(1000);
    expect(() => binomialQuantile(-1, 0.1)).toThrow(RangeError);
    expect(() => binomialQuantile(10, 1.5)).toThrow(RangeError);
  });
});

describe('judgeBreaches', () => {
  const steady = Array.from({ length: 12 }, () => ({ breached: 1, concluded: 10 }));

  it('fires when this month breaches far above the unit’s own rate', () => {
    const v = judgeBreaches(8, 12, steady);
    expect(v.fires).toBe(true);
    expect(v.expected).toBeCloseTo(1.2);
    expect(v.bound).toBeLessThan(8);
  });

  it('stays silent when the count is explained by volume', () => {
    // 10 % of 60 concluded is 6 expected: 9 breaches is inside the bound.
    expect(judgeBreaches(9, 60, steady).fires).toBe(false);
  });

  it('never fires below 5 breaches, on a short history, or on too few prior cases', () => {
    const none = Array.from({ length: 12 }, () => ({ breached: 0, concluded: 10 }));
    expect(judgeBreaches(4, 10, none).fires).toBe(false);
    expect(judgeBreaches(9, 10, steady.slice(1))).toEqual({ fires: false, expected: null, bound: null });
    const thin = Array.from({ length: 12 }, () => ({ breached: 0, concluded: 1 }));
    expect(judgeBreaches(9, 10, thin)).toEqual({ fires: false, expected: null, bound: null });
  });
});

import { finish, histogramMedian, suppress, EMPTY } from './figures';

describe('statistics figures', () => {
  it('takes the exact median of a day-count histogram', () => {
    expect(histogramMedian([])).toBeNull();
    expect(histogramMedian([0, 0, 1])).toBe(2);
    expect(histogramMedian([1, 0, 0, 1])).toBe(1.5);
    expect(histogramMedian([2, 1, 0, 0, 0, 4])).toBe(5);
    expect(histogramMedian([3, 1, 0, 0, 0, 3])).toBe(1);
  });

  it('leaves withdrawn cases out of the success rate and answers null for an empty denominator', () => {
    expect(finish({ ...EMPTY, settled: 1, notSettled: 1, terminated: 0, withdrawn: 5 }).successRate).toBe(0.5);
    expect(finish({ ...EMPTY, withdrawn: 2 }).successRate).toBeNull();
  });

  it('withholds small counts from regulators with what they feed', () => {
    const f = suppress(finish({ ...EMPTY, referrals: 12, settled: 3, notSettled: 6, settledFen: '100' }), 5);
    expect(f.referrals).toBe(12);
    expect(f.settled).toBeNull();
    expect(f.successRate).toBeNull();
    expect(f.settledFen).toBeNull();
    expect(f.withdrawn).toBe(0);
  });
});

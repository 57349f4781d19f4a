import { EMPTY, finish, histogramMedian } from './figures';

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
});

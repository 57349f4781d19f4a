import { addFigures, complementary, EMPTY, finish, histogramMedian, RawFigures, suppressTable, withheldBySize } from './figures';

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

  describe('the regulator\'s privacy rule', () => {
    it('withholds a small count and what is built from few cases, not the rate of a whole institution', () => {
      // 3 settled of 9: the count 3 identifies, the rate over 9 cases does not.
      const raw: RawFigures = { ...EMPTY, referrals: 12, concluded: 9, settled: 3, notSettled: 6, settledFen: '100', acceptDays: [2, 2], concludeDays: [0, 9] };
      expect(withheldBySize(raw, 5).sort()).toEqual(['medianDaysToAccept', 'settled', 'settledFen']);
      const few: RawFigures = { ...EMPTY, referrals: 5, concluded: 5, settled: 2, notSettled: 1, withdrawn: 1, terminated: 1 };
      expect(withheldBySize(few, 5)).toContain('successRate');
      // Nothing behind a figure is not withheld: it is 0, or null for a rate with nothing to divide by.
      expect(withheldBySize({ ...EMPTY, referrals: 5, withdrawn: 5 }, 5)).toEqual([]);
    });

    it('withholds the next-smallest part of a column with one withheld cell, so the total minus the rest is no answer', () => {
      // 合计 6 − 工商银行 5 = 1 no more: 5 goes too.
      expect(complementary([{ value: 5, withheld: false }, { value: 1, withheld: true }], false)).toEqual({ parts: [true, true], total: false });
      expect(complementary([{ value: 40, withheld: false }, { value: 3, withheld: true }, { value: 9, withheld: false }, { value: 12, withheld: false }], false)).toEqual({
        parts: [false, true, true, false],
        total: false,
      });
    });

    it('adds nothing when two or more cells are withheld, or none', () => {
      const two = [{ value: 20, withheld: false }, { value: 2, withheld: true }, { value: 4, withheld: true }];
      expect(complementary(two, false)).toEqual({ parts: [false, true, true], total: false });
      expect(complementary([{ value: 20, withheld: false }, { value: 0, withheld: false }], false)).toEqual({ parts: [false, false], total: false });
    });

    it('adds nothing when every cell is small: the total is withheld too', () => {
      expect(complementary([{ value: 1, withheld: true }, { value: 2, withheld: true }], true)).toEqual({ parts: [true, true], total: true });
      // One small part alone, the rest 0: the part is the total, and both are withheld.
      expect(complementary([{ value: 3, withheld: true }, { value: 0, withheld: false }], true)).toEqual({ parts: [true, false], total: true });
    });

    it('breaks ties by table order, prefers a part above 0, and falls back to a 0 and then the total', () => {
      expect(complementary([{ value: 2, withheld: true }, { value: 7, withheld: false }, { value: 7, withheld: false }], false).parts).toEqual([true, true, false]);
      expect(complementary([{ value: 0, withheld: false }, { value: 2, withheld: true }, { value: 8, withheld: false }], false).parts).toEqual([false, true, true]);
      expect(complementary([{ value: 0, withheld: false }, { value: 2, withheld: true }], false).parts).toEqual([true, true]);
      expect(complementary([{ value: 2, withheld: true }], false)).toEqual({ parts: [true], total: true });
      expect(complementary([{ value: 10n ** 12n, withheld: false }, { value: 30000n, withheld: true }, { value: 999n, withheld: false }], false).parts).toEqual([false, true, true]);
    });

    it('never leaves a withheld cell of a table recoverable as the total minus the shown rows', () => {
      const icbc: RawFigures = { ...EMPTY, referrals: 9, concluded: 7, settled: 5, notSettled: 2, settledFen: '500000', concludeDays: [0, 7] };
      const qdbank: RawFigures = { ...EMPTY, referrals: 1, concluded: 1, settled: 1, settledFen: '1000', concludeDays: [1] };
      const cmb: RawFigures = { ...EMPTY, referrals: 30, concluded: 20, settled: 12, notSettled: 8, settledFen: '9000000', concludeDays: [0, 20] };
      const total = [icbc, qdbank, cmb].reduce(addFigures);
      const table = suppressTable([icbc, qdbank, cmb], total, 5);
      const [i, q, c] = table.rows;
      // The headline rates stay: 5 of 7, 12 of 20, 18 of 28; the bank with one case has none.
      expect([i.successRate, q.successRate, c.successRate, table.total.successRate]).toEqual([5 / 7, null, 0.6, 18 / 28]);
      expect([i.settled, q.settled, c.settled, table.total.settled]).toEqual([null, null, 12, 18]);
      expect(i.withheld).toEqual(expect.arrayContaining(['settled', 'notSettled', 'settledFen']));
      expect(q.withheld).toEqual(expect.arrayContaining(['referrals', 'settled', 'successRate', 'disputedFen', 'medianDaysToConclude']));
      for (const key of ['referrals', 'concluded', 'settled', 'notSettled', 'settledFen'] as const) {
        const hidden = table.rows.filter((r) => r[key] === null).length + (table.total[key] === null ? 1 : 0);
        expect(hidden === 0 || hidden >= 2).toBe(true);
      }
    });
  });
});

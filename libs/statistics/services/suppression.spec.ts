import type { StatisticsFigureKey, StatisticsFigures } from '@accord/contracts';
import { addFigures, EMPTY, RawFigures } from './figures';
import { ADDITIVE, complementary, suppressTable, withheldBySize } from './suppression';

const raw = (f: Partial<RawFigures>): RawFigures => {
  const r = { ...EMPTY, ...f };
  return { ...r, concluded: r.settled + r.notSettled + r.withdrawn + r.terminated };
};

/**
 * What a reader of the table can work out by subtraction, checked apart from the code under test:
 * a withheld cell that is a column's total minus its shown rows, a row's concluded minus its shown
 * outcomes, or what a shown success rate r says of its row (not settled + terminated = settled ×
 * (1 − r) ÷ r; concluded = withdrawn + settled ÷ r).
 */
function recoverable(rows: StatisticsFigures[], total: StatisticsFigures): string[] {
  const found: string[] = [];
  const hidden = (f: StatisticsFigures, k: StatisticsFigureKey) => f[k] === null;
  const one = (what: string, cells: [StatisticsFigures, StatisticsFigureKey][]) => {
    if (cells.filter(([f, k]) => hidden(f, k)).length === 1) found.push(what);
  };
  for (const k of ADDITIVE) one(`column ${k}`, [...rows.map((r): [StatisticsFigures, StatisticsFigureKey] => [r, k]), [total, k]]);
  [...rows, total].forEach((r, i) => {
    one(`row ${i}`, (['concluded', 'settled', 'notSettled', 'withdrawn', 'terminated'] as const).map((k) => [r, k]));
    if (r.successRate !== null && r.successRate > 0 && r.successRate < 1) {
      one(`rate ${i}`, (['settled', 'notSettled', 'terminated'] as const).map((k) => [r, k]));
      one(`rate base ${i}`, (['concluded', 'settled', 'withdrawn'] as const).map((k) => [r, k]));
    }
    // A shown breach rate is breached ÷ concluded: with one of them withheld it gives it back.
    if (r.breachRate !== null && (hidden(r, 'breached') || hidden(r, 'concluded'))) found.push(`breach rate ${i}`);
  });
  return found;
}

const table = (rows: RawFigures[]) => suppressTable(rows, rows.reduce(addFigures), 5);

describe("the regulator's privacy rule", () => {
  it('withholds small counts of breaches, judicial confirmations and overdue obligations, their complements, and a breach rate beside a withheld count', () => {
    // 乙 breached 2 of 20 concluded: the 2 is withheld, so is its rate (20 × rate would give it back),
    // and 甲's 9 too (合计 11 − 9 would). Judicial 3 and overdue 1 likewise, each with a complement.
    const rows = [
      raw({ referrals: 30, settled: 20, notSettled: 10, breached: 9, judicialConfirmed: 6, obligationsOverdue: 7 }),
      raw({ referrals: 25, settled: 12, notSettled: 8, breached: 2, judicialConfirmed: 3, obligationsOverdue: 1 }),
    ];
    const { rows: shown, total } = table(rows);
    expect(shown[1]).toMatchObject({ breached: null, breachRate: null, judicialConfirmed: null, obligationsOverdue: null });
    expect(shown[0]).toMatchObject({ breached: null, judicialConfirmed: null, obligationsOverdue: null, breachRate: null });
    expect(total).toMatchObject({ breached: 11, breachRate: 11 / 50, judicialConfirmed: 9, obligationsOverdue: 8 });
    expect(recoverable(shown, total)).toEqual([]);
    // Enough on both sides: everything shows, the rate is breached ÷ concluded.
    const big = table([raw({ settled: 20, notSettled: 10, breached: 6 }), raw({ settled: 12, notSettled: 8, breached: 5 })]);
    expect(big.rows.map((r) => [r.breached, r.breachRate])).toEqual([
      [6, 6 / 30],
      [5, 5 / 20],
    ]);
    // A breach rate rests on the concluded cases: fewer than 5 concluded, and it is withheld even at 0.
    expect(withheldBySize(raw({ referrals: 9, settled: 2, notSettled: 2 }), 5)).toContain('breachRate');
  });

  it('withholds a small count and what is built from few cases, not the rate of a whole institution', () => {
    // 3 settled of 9: the count 3 identifies, the rate over 9 cases does not.
    const f = raw({ referrals: 12, settled: 3, notSettled: 6, settledFen: '100', acceptDays: [2, 2], concludeDays: [0, 9] });
    expect(withheldBySize(f, 5).sort()).toEqual(['medianDaysToAccept', 'settled', 'settledFen']);
    expect(withheldBySize(raw({ referrals: 5, settled: 2, notSettled: 1, withdrawn: 1, terminated: 1 }), 5)).toEqual(
      expect.arrayContaining(['settled', 'notSettled', 'withdrawn', 'terminated', 'successRate']),
    );
    // Nothing behind a figure is not withheld: it is 0, or null for a rate with nothing to divide by.
    expect(withheldBySize(raw({ referrals: 5, withdrawn: 5 }), 5)).toEqual([]);
  });

  describe('complementary suppression of one column', () => {
    it('withholds the next-smallest part beside one small cell', () => {
      // 合计 6 − 工商银行 5 = 1 no more: 5 goes too.
      expect(complementary([{ value: 5, withheld: false }, { value: 1, withheld: true }], false)).toEqual({ parts: [true, true], total: false });
      expect(
        complementary(
          [
            { value: 40, withheld: false },
            { value: 3, withheld: true },
            { value: 9, withheld: false },
            { value: 12, withheld: false },
          ],
          false,
        ),
      ).toEqual({ parts: [false, true, true, false], total: false });
    });

    it('adds nothing beside two small cells, or none', () => {
      const two = [
        { value: 20, withheld: false },
        { value: 2, withheld: true },
        { value: 4, withheld: true },
      ];
      expect(complementary(two, false)).toEqual({ parts: [false, true, true], total: false });
      expect(complementary([{ value: 20, withheld: false }, { value: 0, withheld: false }], false)).toEqual({ parts: [false, false], total: false });
    });

    it('adds nothing when all are small: the total is withheld too', () => {
      expect(complementary([{ value: 1, withheld: true }, { value: 2, withheld: true }], true)).toEqual({ parts: [true, true], total: true });
      // One small part alone, the rest 0: the part is the total, and both are withheld.
      expect(complementary([{ value: 3, withheld: true }, { value: 0, withheld: false }], true)).toEqual({ parts: [true, false], total: true });
    });

    it('breaks ties by table order, takes a part above 0 before a 0, and the total last', () => {
      expect(complementary([{ value: 2, withheld: true }, { value: 7, withheld: false }, { value: 7, withheld: false }], false).parts).toEqual([true, true, false]);
      expect(complementary([{ value: 0, withheld: false }, { value: 2, withheld: true }, { value: 8, withheld: false }], false).parts).toEqual([false, true, true]);
      expect(complementary([{ value: 0, withheld: false }, { value: 2, withheld: true }], false).parts).toEqual([true, true]);
      expect(complementary([{ value: 2, withheld: true }], false)).toEqual({ parts: [true], total: true });
      // Amounts are fen as bigint, compared exactly.
      expect(complementary([{ value: 10n ** 15n, withheld: false }, { value: 30000n, withheld: true }, { value: 999n, withheld: false }], false).parts).toEqual([false, true, true]);
    });
  });

  describe('a whole table', () => {
    it('keeps the headline rates and closes the subtraction attack (合计 6 − 工商银行 5 = 1)', () => {
      const icbc = raw({ referrals: 9, settled: 5, notSettled: 2, settledFen: '500000', concludeDays: [0, 7] });
      const qdbank = raw({ referrals: 1, settled: 1, settledFen: '1000', concludeDays: [1] });
      const cmb = raw({ referrals: 30, settled: 12, notSettled: 8, settledFen: '9000000', concludeDays: [0, 20] });
      const { rows, total } = table([icbc, qdbank, cmb]);
      const [i, q, c] = rows;
      // The rates of the institutions with 5 cases or more behind them, and the jurisdiction's.
      expect([i.successRate, q.successRate, c.successRate, total.successRate]).toEqual([5 / 7, null, 0.6, 18 / 28]);
      expect(q.settled).toBeNull();
      expect(i.settled).toBeNull();
      expect(total.settled).toBe(18);
      expect(q.withheld).toEqual(expect.arrayContaining(['referrals', 'settled', 'successRate', 'disputedFen', 'settledFen', 'medianDaysToConclude']));
      expect(i.withheld).toEqual(expect.arrayContaining(['settled', 'notSettled', 'settledFen']));
      expect(recoverable(rows, total)).toEqual([]);
    });

    it('withholds nothing more where nothing is small', () => {
      const { rows, total } = table([raw({ referrals: 20, settled: 10, notSettled: 5 }), raw({ referrals: 30, settled: 15, notSettled: 6, terminated: 5 })]);
      expect([...rows, total].every((r) => r.withheld!.length === 0)).toBe(true);
      expect(rows[0]).toMatchObject({ referrals: 20, settled: 10, successRate: 10 / 15 });
    });

    it('withholds everything small when every institution is small, and the total where it is small too', () => {
      const { rows, total } = table([raw({ referrals: 2, settled: 1 }), raw({ referrals: 1, withdrawn: 1 })]);
      expect(rows.map((r) => r.referrals)).toEqual([null, null]);
      expect(total.referrals).toBeNull();
      expect(total.concluded).toBeNull();
      expect(recoverable(rows, total)).toEqual([]);
    });

    it('takes the next-smallest of tied rows by table order', () => {
      const { rows } = table([raw({ referrals: 8 }), raw({ referrals: 8 }), raw({ referrals: 2 })]);
      expect(rows.map((r) => r.referrals)).toEqual([null, 8, null]);
    });

    it('leaves no withheld cell recoverable by one subtraction in tables of many sizes', () => {
      // A deterministic spread of institutions, small and large, with small outcome counts everywhere.
      for (let n = 2; n <= 40; n += 3) {
        const institutions = Array.from({ length: n }, (_, i) => {
          const size = (i * 37 + n * 11) % 60;
          return raw({ referrals: size + (i % 4), settled: Math.round(size * 0.6), notSettled: (i * 7) % 5, withdrawn: (i * 3) % 4, terminated: (i + n) % 3, disputedFen: String(size * 12345), settledFen: String(size * 999), satisfactionCount: i % 6 });
        });
        const { rows, total } = table(institutions);
        expect(recoverable(rows, total)).toEqual([]);
        // The jurisdiction's rate stays whenever it has 5 cases behind it.
        expect(total.successRate).not.toBeNull();
      }
    });
  });
});

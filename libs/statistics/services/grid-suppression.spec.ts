import { count, rate, withheldCells } from './suppression';

describe('small cells', () => {
  it('withholds counts of 1–4 and rates over fewer than 5 cases, never 0', () => {
    expect([0, 1, 4, 5, 12].map((v) => count(v))).toEqual([0, null, null, 5, 12]);
    expect(rate(2, 4)).toBeNull();
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 5)).toBeCloseTo(0.6);
  });

  it('withholds a second cell where a row or column would have one withheld cell only', () => {
    // Row 0 has one small cell (3): its row total minus 20 and 7 would give it back.
    const hidden = withheldCells([
      [20, 7, 3],
      [30, 0, 0],
    ]);
    expect(hidden[0]).toEqual([false, true, true]);
    // The columns' other cells are 0: nothing left to withhold beside them (their totals are themselves small or withheld).
    expect(hidden[1]).toEqual([false, false, false]);
  });

  it('leaves a table whose lines have no or several withheld cells as it is', () => {
    expect(
      withheldCells([
        [2, 3, 10],
        [2, 3, 10],
      ]),
    ).toEqual([
      [true, true, false],
      [true, true, false],
    ]);
  });

  it('keeps going until no line has a single withheld cell', () => {
    const cells = [
      [1, 9, 50],
      [8, 6, 40],
    ];
    const hidden = withheldCells(cells);
    for (const line of [...hidden, ...hidden[0].map((_, c) => hidden.map((row) => row[c]))]) {
      expect(line.filter(Boolean).length).not.toBe(1);
    }
  });
});

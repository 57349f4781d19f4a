import { longerThanMonths, periodEdge, previousPeriod, RankingInput, rankUnits, splitLists, withChange } from './ranking';

/** A unit with `settled` of `n` rated cases, all concluded `days` days after acceptance, `breached` of them late. */
const unit = (name: string, settled: number, n: number, days: number, terminated = 0, breached = 0): RankingInput => ({
  id: name,
  name,
  settled,
  notSettled: n - settled - terminated,
  terminated,
  withdrawn: 0,
  breached,
  concludeDays: Object.assign(new Array<number>(days + 1).fill(0), { [days]: n }),
});

describe('ranking rules (红黑榜)', () => {
  it('scores 0.5 × success rate + 0.3 × speed against the slowest median + 0.2 × (1 − breach rate)', () => {
    const { ranked } = rankUnits([unit('甲', 10, 10, 10), unit('乙', 5, 10, 20), unit('丙', 10, 10, 20)], 10);
    expect(ranked.map((r) => [r.name, r.rank, r.score, r.speed])).toEqual([
      ['甲', 1, 85, 0.5],
      ['丙', 2, 70, 0],
      ['乙', 3, 45, 0],
    ]);
    expect(ranked[0]).toMatchObject({ successRate: 1, medianDaysToConclude: 10, concluded: 10, breachRate: 0 });
  });

  it('lets the breach rate decide between units equal on success and speed; withdrawn cases count in its denominator', () => {
    // Same success rate and median: 乙 missed a limit in 4 of 10, 甲 in 1 of 10 (and 5 withdrawn: 1 of 15).
    const late = unit('乙', 8, 10, 5, 0, 4);
    const onTime = { ...unit('甲', 8, 10, 5, 0, 1), withdrawn: 5 };
    const { ranked } = rankUnits([late, onTime], 10);
    expect(ranked.map((r) => [r.name, r.rank, r.breachRate])).toEqual([
      ['甲', 1, 1 / 15],
      ['乙', 2, 0.4],
    ]);
    // 100 × (0.5 × 0.8 + 0.3 × speed + 0.2 × (1 − breach rate)), speed 0 for both (both at the slowest median).
    expect(ranked.map((r) => r.score)).toEqual([Math.round(1000 * (0.4 + 0.2 * (14 / 15))) / 10, Math.round(1000 * (0.4 + 0.2 * 0.6)) / 10]);
  });

  it('gives equal scores the same rank (1, 2, 2, 4), listed by name', () => {
    const { ranked } = rankUnits([unit('D', 2, 10, 10), unit('C', 8, 10, 10), unit('B', 8, 10, 10), unit('A', 10, 10, 10)], 10);
    expect(ranked.map((r) => `${r.rank}${r.name}`)).toEqual(['1A', '2B', '2C', '4D']);
  });

  it('ranks only units with at least the minimum of rated conclusions; the rest apart, withdrawn not counted', () => {
    const few = { ...unit('少', 9, 9, 3), withdrawn: 5 };
    const { ranked, unranked } = rankUnits([unit('多', 5, 10, 3), few, unit('无', 0, 0, 0)], 10);
    expect(ranked.map((r) => r.name)).toEqual(['多']);
    expect(unranked).toEqual([
      { id: '无', name: '无', concluded: 0 },
      { id: '少', name: '少', concluded: 9 },
    ].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')));
    // The slowest is among the ranked only: alone, its speed is 0.
    expect(ranked[0].speed).toBe(0);
    expect(rankUnits([unit('多', 5, 10, 3)], 11).ranked).toEqual([]);
  });

  it('gives every unit full speed when all conclude the day they were accepted', () => {
    const { ranked } = rankUnits([unit('A', 10, 10, 0), unit('B', 0, 10, 0)], 10);
    expect(ranked.map((r) => [r.score, r.speed])).toEqual([
      [100, 1],
      [50, 1],
    ]);
  });

  it('splits red and black lists without overlap when there are few units', () => {
    const seven = ['1', '2', '3', '4', '5', '6', '7'];
    expect(splitLists(seven, 3)).toEqual({ red: ['1', '2', '3'], black: ['7', '6', '5'] });
    expect(splitLists(seven, 5)).toEqual({ red: ['1', '2', '3', '4'], black: ['7', '6', '5'] });
    expect(splitLists(['1', '2'], 5)).toEqual({ red: ['1'], black: ['2'] });
    expect(splitLists(['1'], 5)).toEqual({ red: ['1'], black: [] });
    expect(splitLists([], 5)).toEqual({ red: [], black: [] });
    expect(splitLists(seven, 1)).toEqual({ red: ['1'], black: ['7'] });
  });

  it('states each unit’s rank change against the previous period, null when it was not ranked then', () => {
    const now = rankUnits([unit('A', 10, 10, 5), unit('B', 6, 10, 5), unit('C', 2, 10, 5)], 10).ranked;
    const then = rankUnits([unit('A', 2, 10, 5), unit('B', 10, 10, 5), unit('C', 1, 3, 5)], 10).ranked;
    expect(withChange(now, then).map((e) => [e.name, e.rank, e.previousRank, e.change])).toEqual([
      ['A', 1, 2, 1],
      ['B', 2, 1, -1],
      ['C', 3, null, null],
    ]);
  });

  it('takes the previous period of the same length: whole months by months, else by days', () => {
    expect(previousPeriod('2026-01-01', '2026-03-31')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2025-01-01', '2026-12-31')).toEqual({ from: '2023-01-01', to: '2024-12-31' });
    expect(previousPeriod('2026-03-05', '2026-03-14')).toEqual({ from: '2026-02-23', to: '2026-03-04' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('reads months as their first and last day, and limits a period to 24 months', () => {
    expect(periodEdge('2026-02', 'from')).toBe('2026-02-01');
    expect(periodEdge('2024-02', 'to')).toBe('2024-02-29');
    expect(periodEdge('2026-02-10', 'to')).toBe('2026-02-10');
    expect(periodEdge('2026-13', 'to')).toBe('2026-13-00');
    expect(longerThanMonths('2025-01-01', '2026-12-31', 24)).toBe(false);
    expect(longerThanMonths('2025-01-01', '2027-01-01', 24)).toBe(true);
  });
});

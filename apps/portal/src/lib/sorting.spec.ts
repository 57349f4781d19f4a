import type { StatisticsRow } from '@accord/contracts';
import { bestAndWorst, nullsLast } from './sorting';

const row = (id: string, successRate: number | null, settled: number | null, notSettled: number | null, terminated = 0): StatisticsRow =>
  ({ id, name: id, successRate, settled, notSettled, terminated }) as StatisticsRow;

describe('nullsLast', () => {
  const values = [3, null, 1, 2];
  const sorted = (order: 'ascend' | 'descend') => {
    const by = nullsLast<number | null>((v) => v);
    // antd negates the comparator for descending: do as it does.
    return [...values].sort((a, b) => (order === 'descend' ? -by(a, b, order) : by(a, b, order)));
  };

  it('puts missing figures last in both directions', () => {
    expect(sorted('ascend')).toEqual([1, 2, 3, null]);
    expect(sorted('descend')).toEqual([3, 2, 1, null]);
  });
});

describe('bestAndWorst', () => {
  it('marks the highest and lowest success rate among rows with at least 5 rated cases, ties sharing the mark', () => {
    const marks = bestAndWorst([row('a', 0.9, 9, 1), row('b', 0.5, 5, 5), row('c', 0.9, 9, 1), row('tiny', 1, 2, 0), row('none', null, 0, 0)]);
    expect([...marks.best].sort()).toEqual(['a', 'c']);
    expect([...marks.worst]).toEqual(['b']);
  });

  it('marks nothing with fewer than two rated rows or when all are equal', () => {
    expect(bestAndWorst([row('a', 0.9, 9, 1), row('tiny', 0.1, 1, 3)]).best.size).toBe(0);
    expect(bestAndWorst([row('a', 0.5, 5, 5), row('b', 0.5, 3, 3)]).worst.size).toBe(0);
  });

  it('trusts a regulator\'s shown rate when a count behind it is withheld', () => {
    const marks = bestAndWorst([row('a', 0.8, null, 1), row('b', 0.2, 1, null)]);
    expect([...marks.best, ...marks.worst]).toEqual(['a', 'b']);
  });
});

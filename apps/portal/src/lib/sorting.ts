import type { StatisticsRow } from '@accord/contracts';

/**
 * An antd column sorter over a figure that may be missing (withheld, not available, nothing to
 * divide): missing values sort last whichever way the column is sorted (antd negates the result
 * for descending, so the null side is flipped with it).
 */
export function nullsLast<T>(value: (row: T) => number | null | undefined) {
  return (a: T, b: T, order?: 'ascend' | 'descend' | null): number => {
    const x = value(a);
    const y = value(b);
    const xMissing = x === null || x === undefined;
    const yMissing = y === null || y === undefined;
    if (xMissing && yMissing) return 0;
    if (xMissing) return order === 'descend' ? -1 : 1;
    if (yMissing) return order === 'descend' ? 1 : -1;
    return x - y;
  };
}

/** A row is marked best or worst only when its success rate rests on at least this many cases. */
export const MARK_MIN_CASES = 5;

/**
 * The rows with the highest and the lowest success rate, among those whose rate is shown and
 * rests on at least MARK_MIN_CASES cases (settled + not settled + terminated); ties share the
 * mark. Fewer than two such rows, or all equal: no marks (nothing to tell apart).
 */
export function bestAndWorst(rows: readonly StatisticsRow[]): { best: Set<string>; worst: Set<string> } {
  // A regulator's rate is shown only on at least 5 cases, while a count of 1–4 behind it is withheld.
  const enough = (r: StatisticsRow) => {
    const counts = [r.settled, r.notSettled, r.terminated];
    return counts.some((c) => c === null) || counts.reduce<number>((a, c) => a + (c ?? 0), 0) >= MARK_MIN_CASES;
  };
  const rated = rows.filter((r) => r.successRate !== null && enough(r));
  if (rated.length < 2) return { best: new Set(), worst: new Set() };
  const rates = rated.map((r) => r.successRate!);
  const top = Math.max(...rates);
  const bottom = Math.min(...rates);
  if (top === bottom) return { best: new Set(), worst: new Set() };
  return { best: new Set(rated.filter((r) => r.successRate === top).map((r) => r.id)), worst: new Set(rated.filter((r) => r.successRate === bottom).map((r) => r.id)) };
}

/**
 * The regulator's small-cell rule for the trend lines and heat map: a count from 1 to below − 1
 * is withheld, and so is a rate over fewer than `below` cases (its denominator). Kept apart from
 * figures.ts's `suppress` (the dashboard's rule, being rewritten); one rule for both once merged.
 */
export const SMALL_CELL_BELOW = 5;

export const count = (v: number, below = SMALL_CELL_BELOW): number | null => (v > 0 && v < below ? null : v);

export const rate = (settled: number, denominator: number, below = SMALL_CELL_BELOW): number | null => (denominator === 0 || denominator < below ? null : settled / denominator);

/**
 * Complementary suppression over a table whose row and column totals are published elsewhere
 * (the dashboard's institution totals, the business-line trend): where a row or column has
 * exactly one withheld cell, its total minus the rest would give it back, so the smallest other
 * non-zero cell of that row or column is withheld too; repeated until no line has a single one.
 * `cells[r][c]` is the true count; answers which cells to withhold.
 */
export function withheldCells(cells: number[][], below = SMALL_CELL_BELOW): boolean[][] {
  const hidden = cells.map((row) => row.map((v) => v > 0 && v < below));
  const lines: [number, number][][] = [
    ...cells.map((row, r) => row.map((_, c): [number, number] => [r, c])),
    ...(cells[0] ?? []).map((_, c) => cells.map((_, r): [number, number] => [r, c])),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([r, c]) => hidden[r][c]).length !== 1) continue;
      const open = line.filter(([r, c]) => !hidden[r][c] && cells[r][c] > 0).sort(([r1, c1], [r2, c2]) => cells[r1][c1] - cells[r2][c2]);
      if (!open.length) continue;
      const [r, c] = open[0];
      hidden[r][c] = true;
      changed = true;
    }
  }
  return hidden;
}

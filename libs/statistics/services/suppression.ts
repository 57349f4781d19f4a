import type { StatisticsFigureKey, StatisticsFigures } from '@accord/contracts';
import { EMPTY, finish, RawFigures } from './figures';

/** The regulator's small-cell rule (ARCHITECTURE.md): fewer cases than this behind a figure, and it is withheld. */
export const SMALL_CELL_BELOW = 5;

/*
 * The regulator's privacy rule (DOMAIN.md "Visibility": regulators see aggregates; issue 15: a
 * cell built from fewer than 5 cases is withheld, and cannot be recovered by subtraction).
 * Primary: what is built from too few cases. Complementary: enough more that no withheld cell is
 * a total minus the shown parts — a column's total row, a row's concluded, or what a shown success
 * rate says of its row.
 */

/** The figures a table adds up: the total row of each is the sum of the rows. */
export const ADDITIVE: readonly StatisticsFigureKey[] = [
  'referrals',
  'accepted',
  'concluded',
  'settled',
  'notSettled',
  'withdrawn',
  'terminated',
  'disputedFen',
  'settledFen',
  'satisfactionCount',
  'breached',
  'judicialConfirmed',
  'obligationsOverdue',
];

/** Within a row, concluded is the sum of the four outcomes (every concluded case has one). */
const OUTCOMES: readonly StatisticsFigureKey[] = ['settled', 'notSettled', 'withdrawn', 'terminated'];

type Cell = { row: number; key: StatisticsFigureKey };

const cases = (h: number[]) => h.reduce((s, v) => s + v, 0);

/**
 * How many cases each figure is built from: a count is its own; the success rate is built from
 * its denominator (the breach rate: concluded), an amount from the cases it sums, a median from the cases in its histogram
 * (for days to conclusion: the concluded cases that had been accepted), the average from its answers.
 */
export function casesBehind(raw: RawFigures): Record<StatisticsFigureKey, number> {
  return {
    referrals: raw.referrals,
    accepted: raw.accepted,
    concluded: raw.concluded,
    settled: raw.settled,
    notSettled: raw.notSettled,
    withdrawn: raw.withdrawn,
    terminated: raw.terminated,
    successRate: raw.settled + raw.notSettled + raw.terminated,
    disputedFen: raw.referrals,
    settledFen: raw.settled,
    medianDaysToAccept: cases(raw.acceptDays),
    medianDaysToConclude: cases(raw.concludeDays),
    satisfactionAverage: raw.satisfactionCount,
    satisfactionCount: raw.satisfactionCount,
    breached: raw.breached,
    breachRate: raw.concluded,
    judicialConfirmed: raw.judicialConfirmed,
    obligationsOverdue: raw.obligationsOverdue,
  };
}

/** Every figure of a row, in the order of StatisticsFigures. */
const FIGURE_KEYS = Object.keys(casesBehind(EMPTY)) as StatisticsFigureKey[];

/**
 * Primary suppression: a figure built from 1 to `below` − 1 cases is withheld — a small count, and
 * a rate, median, average or amount over that few cases. The headline rate of a whole institution
 * or jurisdiction stays when enough cases are behind it, whatever its parts.
 */
export function withheldBySize(raw: RawFigures, below: number): StatisticsFigureKey[] {
  const behind = casesBehind(raw);
  return FIGURE_KEYS.filter((k) => behind[k] > 0 && behind[k] < below);
}

/**
 * Complementary suppression of one additive column of a table with a total row. With exactly one
 * unknown among the parts and the total, it is the total minus the rest: then one more part is
 * withheld — the smallest shown part above 0 (ties: the first in table order), else a shown 0,
 * else (no part left) the total. With two or more unknowns only their sum can be computed.
 * Answers which parts, and whether the total, are withheld in the end.
 */
export function complementary(parts: { value: bigint | number; withheld: boolean }[], totalWithheld: boolean): { parts: boolean[]; total: boolean } {
  const out = { parts: parts.map((p) => p.withheld), total: totalWithheld };
  const unknowns = out.parts.filter(Boolean).length + (totalWithheld ? 1 : 0);
  if (unknowns !== 1) return out;
  const pick = smallest(parts.map((p, i) => ({ at: i, value: BigInt(p.value), shown: !p.withheld })));
  if (pick === undefined) out.total = true;
  else out.parts[pick] = true;
  return out;
}

/** The first of the shown candidates with the smallest value, those above 0 before a 0 (a shown 0 hides little). */
function smallest<T>(candidates: { at: T; value: bigint; shown: boolean }[]): T | undefined {
  let best: { at: T; value: bigint } | undefined;
  for (const c of candidates) {
    if (!c.shown) continue;
    if (!best || (c.value > 0n && best.value === 0n) || (c.value > 0n === best.value > 0n && c.value < best.value)) best = c;
  }
  return best?.at;
}

/**
 * A regulator's table (its rows and total row, from their raw sums) with the privacy rule applied:
 * what is built from fewer than `below` cases withheld (`withheldBySize`); then, until nothing
 * changes, one more cell (`complementary`) wherever parts and their total hold a single withheld
 * cell — down every additive column (the rows and the total row), across every row (concluded =
 * settled + not settled + withdrawn + terminated), and within a row whose success rate is shown
 * (settled against not settled + terminated, and concluded against withdrawn + settled); a breach
 * rate beside a withheld breached or concluded is withheld too. A withheld figure is null and named in its row's
 * `withheld`. This rules out recovering one cell from one such sum; it does not solve the whole
 * system of sums, nor bound a cell by counts being whole and non-negative.
 */
export function suppressTable(rows: RawFigures[], total: RawFigures, below: number): { rows: StatisticsFigures[]; total: StatisticsFigures } {
  const raws = [...rows, total];
  const figures = raws.map(finish);
  const hidden = raws.map((raw) => new Set(withheldBySize(raw, below)));
  const totalRow = rows.length;
  const groups: { parts: Cell[]; total: Cell }[] = [
    ...ADDITIVE.map((key) => ({ parts: rows.map((_, row) => ({ row, key })), total: { row: totalRow, key } })),
    ...raws.map((_, row) => ({ parts: OUTCOMES.map((key) => ({ row, key })), total: { row, key: 'concluded' as const } })),
    // A shown success rate r between 0 and 1 ties settled to not settled + terminated (their sum is
    // settled × (1 − r) ÷ r), and so concluded to withdrawn + settled ÷ r.
    ...raws.flatMap((_, row) => {
      const r = hidden[row].has('successRate') ? null : figures[row].successRate;
      if (r === null || r <= 0 || r >= 1) return [];
      const at = (key: StatisticsFigureKey): Cell => ({ row, key });
      return [
        { parts: [at('notSettled'), at('terminated')], total: at('settled') },
        { parts: [at('withdrawn'), at('settled')], total: at('concluded') },
      ];
    }),
  ];
  const isHidden = (c: Cell) => hidden[c.row].has(c.key);
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      const decided = complementary(
        g.parts.map((c) => ({ value: BigInt(figures[c.row][c.key] ?? 0), withheld: isHidden(c) })),
        isHidden(g.total),
      );
      [...g.parts, g.total].forEach((c, i) => {
        if ((i < g.parts.length ? decided.parts[i] : decided.total) && !isHidden(c)) {
          hidden[c.row].add(c.key);
          changed = true;
        }
      });
    }
  }
  // A shown breach rate is breached ÷ concluded: beside either withheld it would give it back.
  hidden.forEach((h) => {
    if (h.has('breached') || h.has('concluded')) h.add('breachRate');
  });
  const shown = figures.map((f, i): StatisticsFigures => {
    const withheld = FIGURE_KEYS.filter((k) => hidden[i].has(k));
    return { ...f, ...Object.fromEntries(withheld.map((k) => [k, null])), withheld };
  });
  return { rows: shown.slice(0, totalRow), total: shown[totalRow] };
}

// The trend lines and the heat map: single cells and a grid rather than a dashboard table.

/** A count from 1 to below − 1 is withheld. */
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

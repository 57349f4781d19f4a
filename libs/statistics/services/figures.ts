import type { StatisticsFigureKey, StatisticsFigures } from '@accord/contracts';

/** One group's raw sums, as the roll-up query returns them. */
export interface RawFigures {
  referrals: number;
  accepted: number;
  concluded: number;
  settled: number;
  notSettled: number;
  withdrawn: number;
  terminated: number;
  disputedFen: string;
  settledFen: string;
  acceptDays: number[];
  concludeDays: number[];
  satisfactionSum: number;
  satisfactionCount: number;
}

export const EMPTY: RawFigures = {
  referrals: 0,
  accepted: 0,
  concluded: 0,
  settled: 0,
  notSettled: 0,
  withdrawn: 0,
  terminated: 0,
  disputedFen: '0',
  settledFen: '0',
  acceptDays: [],
  concludeDays: [],
  satisfactionSum: 0,
  satisfactionCount: 0,
};

const addHistograms = (a: number[], b: number[]) => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));

export function addFigures(a: RawFigures, b: RawFigures): RawFigures {
  return {
    referrals: a.referrals + b.referrals,
    accepted: a.accepted + b.accepted,
    concluded: a.concluded + b.concluded,
    settled: a.settled + b.settled,
    notSettled: a.notSettled + b.notSettled,
    withdrawn: a.withdrawn + b.withdrawn,
    terminated: a.terminated + b.terminated,
    disputedFen: (BigInt(a.disputedFen) + BigInt(b.disputedFen)).toString(),
    settledFen: (BigInt(a.settledFen) + BigInt(b.settledFen)).toString(),
    acceptDays: addHistograms(a.acceptDays, b.acceptDays),
    concludeDays: addHistograms(a.concludeDays, b.concludeDays),
    satisfactionSum: a.satisfactionSum + b.satisfactionSum,
    satisfactionCount: a.satisfactionCount + b.satisfactionCount,
  };
}

/** The exact median of a day-count histogram (h[i] = how many took i days); the mean of the middle two when even. */
export function histogramMedian(h: number[]): number | null {
  const n = h.reduce((s, v) => s + v, 0);
  if (n === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (let days = 0; days < h.length; days++) {
      seen += h[days];
      if (seen > rank) return days;
    }
    return h.length - 1;
  };
  return (at(Math.floor((n - 1) / 2)) + at(Math.floor(n / 2))) / 2;
}

export function finish(raw: RawFigures): StatisticsFigures {
  const denominator = raw.settled + raw.notSettled + raw.terminated;
  return {
    referrals: raw.referrals,
    accepted: raw.accepted,
    concluded: raw.concluded,
    settled: raw.settled,
    notSettled: raw.notSettled,
    withdrawn: raw.withdrawn,
    terminated: raw.terminated,
    successRate: denominator === 0 ? null : raw.settled / denominator,
    disputedFen: raw.disputedFen,
    settledFen: raw.settledFen,
    medianDaysToAccept: histogramMedian(raw.acceptDays),
    medianDaysToConclude: histogramMedian(raw.concludeDays),
    satisfactionAverage: raw.satisfactionCount === 0 ? null : Math.round((raw.satisfactionSum / raw.satisfactionCount) * 100) / 100,
    satisfactionCount: raw.satisfactionCount,
  };
}

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
];

const cases = (h: number[]) => h.reduce((s, v) => s + v, 0);

/**
 * How many cases each figure is built from: a count is its own; the success rate is built from
 * its denominator, an amount from the cases it sums, a median from the cases in its histogram
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
  };
}

/**
 * The regulator's privacy rule, primary part: a figure built from 1 to `below` − 1 cases is
 * withheld — a small count, and a rate, median, average or amount over that few cases. The
 * headline rate of a whole institution or jurisdiction stays when enough cases are behind it.
 */
export function withheldBySize(raw: RawFigures, below: number): StatisticsFigureKey[] {
  const behind = casesBehind(raw);
  return (Object.keys(behind) as StatisticsFigureKey[]).filter((k) => behind[k] > 0 && behind[k] < below);
}

/**
 * Complementary (secondary) suppression of one additive column of a table with a total row.
 * With exactly one unknown among the parts and the total, it is the total minus the rest: then one
 * more part is withheld — the smallest shown part above 0 (ties: the first in table order), else
 * a shown 0, else (no part left to withhold) the total. With two or more unknowns only their sum
 * can be computed. Returns which parts and whether the total are withheld in the end.
 */
export function complementary(parts: { value: bigint | number; withheld: boolean }[], totalWithheld: boolean): { parts: boolean[]; total: boolean } {
  const out = { parts: parts.map((p) => p.withheld), total: totalWithheld };
  const unknowns = out.parts.filter(Boolean).length + (totalWithheld ? 1 : 0);
  if (unknowns !== 1) return out;
  let pick = -1;
  parts.forEach((p, i) => {
    if (p.withheld) return;
    const v = BigInt(p.value);
    if (pick < 0) return void (pick = i);
    const best = BigInt(parts[pick].value);
    // Above 0 before 0 (a shown 0 hides little), then the smaller, then the earlier.
    if ((v > 0n && best === 0n) || ((v > 0n) === (best > 0n) && v < best)) pick = i;
  });
  if (pick >= 0) out.parts[pick] = true;
  else out.total = true;
  return out;
}

const valueOf = (f: StatisticsFigures, k: StatisticsFigureKey): bigint => BigInt(f[k] ?? 0);

/**
 * A regulator's table (its rows and total row, from their raw sums) with the privacy rule applied:
 * the figures built from fewer than `below` cases withheld (`withheldBySize`), then, column by
 * column, enough more (`complementary`) that no withheld cell is the total minus the shown rows.
 * A withheld figure is null and named in its row's `withheld`.
 */
export function suppressTable(rows: RawFigures[], total: RawFigures, below: number): { rows: StatisticsFigures[]; total: StatisticsFigures } {
  const figures = [...rows, total].map(finish);
  const hidden = [...rows, total].map((raw) => new Set(withheldBySize(raw, below)));
  const totalAt = rows.length;
  for (const k of ADDITIVE) {
    const parts = figures.slice(0, totalAt).map((f, i) => ({ value: valueOf(f, k), withheld: hidden[i].has(k) }));
    const decided = complementary(parts, hidden[totalAt].has(k));
    decided.parts.forEach((w, i) => w && hidden[i].add(k));
    if (decided.total) hidden[totalAt].add(k);
  }
  const shown = figures.map((f, i): StatisticsFigures => {
    const withheld = (Object.keys(casesBehind(EMPTY)) as StatisticsFigureKey[]).filter((k) => hidden[i].has(k));
    return { ...f, ...Object.fromEntries(withheld.map((k) => [k, null])), withheld };
  });
  return { rows: shown.slice(0, totalAt), total: shown[totalAt] };
}

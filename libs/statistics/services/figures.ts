import type { StatisticsFigures } from '@accord/contracts';

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

/**
 * The regulator's privacy rule (ARCHITECTURE.md: a cell counting fewer than 5 cases is
 * suppressed): such a count is withheld, and so is every figure computed from it.
 */
export function suppress(f: StatisticsFigures, below: number): StatisticsFigures {
  const small = (v: number | null) => v !== null && v > 0 && v < below;
  const hide = (v: number | null) => (small(v) ? null : v);
  const denominator = (f.settled ?? 0) + (f.notSettled ?? 0) + (f.terminated ?? 0);
  const rateHidden = small(f.settled) || small(f.notSettled) || small(f.terminated) || small(denominator);
  return {
    referrals: hide(f.referrals),
    accepted: hide(f.accepted),
    concluded: hide(f.concluded),
    settled: hide(f.settled),
    notSettled: hide(f.notSettled),
    withdrawn: hide(f.withdrawn),
    terminated: hide(f.terminated),
    successRate: rateHidden ? null : f.successRate,
    disputedFen: small(f.referrals) ? null : f.disputedFen,
    settledFen: small(f.settled) ? null : f.settledFen,
    medianDaysToAccept: small(f.accepted) ? null : f.medianDaysToAccept,
    medianDaysToConclude: small(f.concluded) ? null : f.medianDaysToConclude,
    satisfactionAverage: small(f.satisfactionCount) ? null : f.satisfactionAverage,
    satisfactionCount: hide(f.satisfactionCount),
  };
}

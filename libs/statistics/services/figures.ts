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
  breached: number;
  judicialConfirmed: number;
  obligationsOverdue: number;
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
  breached: 0,
  judicialConfirmed: 0,
  obligationsOverdue: 0,
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
    breached: a.breached + b.breached,
    judicialConfirmed: a.judicialConfirmed + b.judicialConfirmed,
    obligationsOverdue: a.obligationsOverdue + b.obligationsOverdue,
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
    breached: raw.breached,
    breachRate: raw.concluded === 0 ? null : raw.breached / raw.concluded,
    judicialConfirmed: raw.judicialConfirmed,
    obligationsOverdue: raw.obligationsOverdue,
  };
}

import type { RankingEntry } from '@accord/contracts';
import { histogramMedian } from './figures';

/** The composite's weights (RANKING_DEFINITIONS 'score'). */
export const WEIGHTS = { successRate: 0.5, speed: 0.3, timeliness: 0.2 } as const;

/** A unit's figures over one period, as the roll-ups sum them. */
export interface RankingInput {
  id: string;
  name: string;
  settled: number;
  notSettled: number;
  terminated: number;
  /** Withdrawn in the period: not in the success rate, but concluded, so in the breach rate's denominator. */
  withdrawn: number;
  /** Concluded in the period having missed a time limit (STATISTICS_DEFINITIONS 'breached'). */
  breached: number;
  /** Day-count histogram, acceptance → conclusion. */
  concludeDays: number[];
}

export type Ranked = Omit<RankingEntry, 'previousRank' | 'change'>;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

/**
 * Ranks the units with at least `minConcluded` cases concluded with a rated outcome: score
 * desc, equal scores (as shown, one decimal) share a rank (1, 2, 2, 4) and are listed by name.
 * The others come back apart, by name.
 */
export function rankUnits(units: readonly RankingInput[], minConcluded: number): { ranked: Ranked[]; unranked: { id: string; name: string; concluded: number }[] } {
  const measured = units.map((u) => ({ u, concluded: u.settled + u.notSettled + u.terminated, median: histogramMedian(u.concludeDays) }));
  const eligible = measured.filter((m) => m.concluded >= minConcluded && m.concluded > 0);
  const unranked = measured
    .filter((m) => !eligible.includes(m))
    .map((m) => ({ id: m.u.id, name: m.u.name, concluded: m.concluded }))
    .sort(byName);
  const slowest = Math.max(0, ...eligible.map((m) => m.median ?? 0));
  const scored = eligible.map(({ u, concluded, median }) => {
    const successRate = u.settled / concluded;
    // A unit with no accepted case concluded has no median: it earns nothing for speed.
    const speed = median === null ? 0 : slowest === 0 ? 1 : 1 - median / slowest;
    // Breaches over every case concluded (withdrawn too), as the statistics count them; lower is better.
    const breachRate = u.breached / (concluded + u.withdrawn);
    const score = Math.round(1000 * (WEIGHTS.successRate * successRate + WEIGHTS.speed * speed + WEIGHTS.timeliness * (1 - breachRate))) / 10;
    return { id: u.id, name: u.name, rank: 0, score, successRate, speed, breachRate, medianDaysToConclude: median, concluded };
  });
  scored.sort((a, b) => b.score - a.score || byName(a, b));
  scored.forEach((s, i) => (s.rank = i > 0 && scored[i - 1].score === s.score ? scored[i - 1].rank : i + 1));
  return { ranked: scored, unranked };
}

/** Each unit's rank change against the previous period's ranking: previousRank − rank, null when it was not ranked then. */
export function withChange(current: readonly Ranked[], previous: readonly Ranked[]): RankingEntry[] {
  const before = new Map(previous.map((p) => [p.id, p.rank]));
  return current.map((c) => {
    const previousRank = before.get(c.id) ?? null;
    return { ...c, previousRank, change: previousRank === null ? null : previousRank - c.rank };
  });
}

/**
 * Red list: the top `top`; black list: the bottom `top`, worst first. With fewer than 2 × top
 * ranked units the upper half (the middle one included when odd) is red, the rest black, so no
 * unit is on both.
 */
export function splitLists<T>(ranked: readonly T[], top: number): { red: T[]; black: T[] } {
  const redCount = ranked.length >= 2 * top ? top : Math.ceil(ranked.length / 2);
  const blackCount = Math.min(top, ranked.length - redCount);
  return { red: ranked.slice(0, redCount), black: ranked.slice(ranked.length - blackCount).reverse() };
}

const DAY = 86_400_000;
const parse = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The period of the same length just before [from, to]: as many whole months when the period is
 * whole months, else as many days.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const f = parse(from);
  const t = parse(to);
  const prevTo = new Date(f.getTime() - DAY);
  const wholeMonths = f.getUTCDate() === 1 && new Date(t.getTime() + DAY).getUTCDate() === 1;
  if (wholeMonths) {
    const months = (t.getUTCFullYear() - f.getUTCFullYear()) * 12 + t.getUTCMonth() - f.getUTCMonth() + 1;
    return { from: iso(new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() - months, 1))), to: iso(prevTo) };
  }
  const days = Math.round((t.getTime() - f.getTime()) / DAY) + 1;
  return { from: iso(new Date(f.getTime() - days * DAY)), to: iso(prevTo) };
}

/** A month (YYYY-MM) as its first day (`from`) or its last (`to`); a date stays as it is. */
export function periodEdge(value: string, edge: 'from' | 'to'): string {
  if (!/^\d{4}-\d{2}$/.test(value)) return value;
  const [y, m] = value.split('-').map(Number);
  if (m < 1 || m > 12) return `${value}-00`;
  return edge === 'from' ? `${value}-01` : iso(new Date(Date.UTC(y, m, 0)));
}

/** Whether [from, to] spans more than `months` months (from 1 Jan, to 31 Dec of the next year is 24). */
export function longerThanMonths(from: string, to: string, months: number): boolean {
  const f = parse(from);
  return parse(to) >= new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + months, f.getUTCDate()));
}

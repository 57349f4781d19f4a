import { Injectable } from '@nestjs/common';
import { BUSINESS_LINE_ZH, BUSINESS_LINES } from '@accord/contracts';
import type { BusinessLine, DisputeType, HeatMapCell, TrendGrouping, TrendHeatMap, TrendLine, TrendPoint, TrendSeries } from '@accord/contracts';
import { Database, FieldError, ForbiddenError, NotFoundError, ValidationFailedError } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { LineCounts, LineFilter, TrendsRepository } from '../repositories/trends.repository';
import { count, rate, SMALL_CELL_BELOW, withheldCells } from './suppression';

export const MAX_MONTHS = 24;
/** By default the last 12 complete months and the current one. */
const DEFAULT_MONTHS = 13;

export interface TrendQuery {
  from?: string;
  to?: string;
  centerId?: string;
  businessLine?: BusinessLine;
  disputeType?: DisputeType;
}

/** Months as integers (year × 12 + month − 1), so that ranges are arithmetic. */
const toIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const toMonth = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const firstDay = (i: number) => `${toMonth(i)}-01`;

/** The current Asia/Shanghai month. */
export function currentMonth(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** [from, to] as month indexes; bad input is a 400 naming the fields. */
export function validateMonths(from: string | undefined, to: string | undefined, now = new Date()): { from: number; to: number } {
  const errors: FieldError[] = [];
  const valid = (m: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(m);
  if (from !== undefined && !valid(from)) errors.push(new FieldError('from', 'from must be a month YYYY-MM'));
  if (to !== undefined && !valid(to)) errors.push(new FieldError('to', 'to must be a month YYYY-MM'));
  if (errors.length) throw new ValidationFailedError(errors);
  const t = toIndex(to ?? (from ? toMonth(Math.min(toIndex(from) + DEFAULT_MONTHS - 1, toIndex(currentMonth(now)))) : currentMonth(now)));
  const f = from ? toIndex(from) : t - DEFAULT_MONTHS + 1;
  if (t < f) throw new ValidationFailedError([new FieldError('to', 'to must not be before from')]);
  if (t - f + 1 > MAX_MONTHS) throw new ValidationFailedError([new FieldError('to', `the range may span at most ${MAX_MONTHS} months`)]);
  return { from: f, to: t };
}

/** Relative change of a count; null when either side is withheld or the earlier is 0. */
const change = (now: number | null, before: number | null | undefined) => (now === null || before === null || before === undefined || before === 0 ? null : (now - before) / before);
/** Change of a rate in points (as a fraction). */
const points = (now: number | null, before: number | null | undefined) => (now === null || before === null || before === undefined ? null : now - before);

const NONE: LineCounts = { referrals: 0, concluded: 0, settled: 0, notSettled: 0, terminated: 0 };
const shown = (c: LineCounts) => ({ referrals: count(c.referrals), concluded: count(c.concluded), successRate: rate(c.settled, c.settled + c.notSettled + c.terminated) });

/**
 * The regulator's trend lines and business line × institution heat map (issue 15, 监管驾驶舱),
 * over the centers of its jurisdiction (the scope's centerIds, as the dashboard reads them), from
 * the line month buckets only, with small cells withheld.
 */
@Injectable()
export class TrendsService {
  constructor(
    private readonly db: Database,
    private readonly lines: TrendsRepository,
    private readonly directory: DirectoryService,
  ) {}

  async series(by: TrendGrouping, q: TrendQuery): Promise<TrendSeries> {
    const range = validateMonths(q.from, q.to);
    // A year before the first month too, for its year-over-year change: still one statement.
    const rows = await this.lines.monthly(by, this.filter(q, range.from - 12, range.to));
    const byKey = new Map<string, Map<string, LineCounts>>();
    for (const r of rows) {
      if (!byKey.has(r.key)) byKey.set(r.key, new Map());
      byKey.get(r.key)!.set(r.month, r);
    }
    const months = Array.from({ length: range.to - range.from + 1 }, (_, i) => toMonth(range.from + i));
    // A line with nothing in the months shown is left out (its lookback year alone does not make one).
    const keys = [...byKey].filter(([, m]) => months.some((month) => m.has(month))).map(([k]) => k);
    const names = by === 'institution' ? await this.directory.organisationNames(keys) : new Map(keys.map((k) => [k, BUSINESS_LINE_ZH[k as BusinessLine] ?? k]));
    const drawn = keys.filter((k) => names.has(k));
    // Each month's lines are parts of the jurisdiction's month (the dashboard publishes its total)
    // and each line's months parts of its period: a count alone withheld in a month or a line is
    // given company, over the lookback year too, so no total minus the rest and no change recovers it.
    const first = range.from - 12;
    const grid = drawn.map((k) => Array.from({ length: range.to - first + 1 }, (_, j) => byKey.get(k)!.get(toMonth(first + j)) ?? NONE));
    const hiddenReferrals = withheldCells(grid.map((row) => row.map((c) => c.referrals)));
    const hiddenConcluded = withheldCells(grid.map((row) => row.map((c) => c.concluded)));
    const lines: TrendLine[] = drawn
      .map((k, r) => {
        const at = (i: number) => {
          const j = i - first;
          const figures = shown(grid[r][j]);
          return { ...figures, referrals: hiddenReferrals[r][j] ? null : figures.referrals, concluded: hiddenConcluded[r][j] ? null : figures.concluded };
        };
        const pointsOf = months.map((month, i): TrendPoint => {
          const idx = range.from + i;
          const now = at(idx);
          const prev = at(idx - 1);
          const year = at(idx - 12);
          return {
            month,
            ...now,
            referralsMoM: change(now.referrals, prev.referrals),
            referralsYoY: change(now.referrals, year.referrals),
            concludedMoM: change(now.concluded, prev.concluded),
            concludedYoY: change(now.concluded, year.concluded),
            successRateMoM: points(now.successRate, prev.successRate),
            successRateYoY: points(now.successRate, year.successRate),
          };
        });
        return { id: k, name: names.get(k)!, points: pointsOf };
      });
    const order = by === 'businessLine' ? (l: TrendLine) => BUSINESS_LINES.indexOf(l.id as BusinessLine) : null;
    const total = (l: TrendLine) => l.points.reduce((s, p) => s + (p.referrals ?? 0), 0);
    lines.sort(order ? (a, b) => order(a) - order(b) : (a, b) => total(b) - total(a) || a.name.localeCompare(b.name, 'zh-CN'));
    return { from: toMonth(range.from), to: toMonth(range.to), by, months, lines, suppressBelow: SMALL_CELL_BELOW };
  }

  async heatMap(q: TrendQuery): Promise<TrendHeatMap> {
    const range = validateMonths(q.from, q.to);
    const rows = await this.lines.perInstitutionAndLine(this.filter(q, range.from, range.to));
    const names = await this.directory.organisationNames(rows.map((r) => r.institutionId));
    const referrals = (i: string) => rows.filter((r) => r.institutionId === i).reduce((s, r) => s + r.referrals, 0);
    const institutions = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => referrals(b.id) - referrals(a.id) || a.name.localeCompare(b.name, 'zh-CN'));
    const businessLines = BUSINESS_LINES.filter((l) => rows.some((r) => r.businessLine === l));
    const cell = new Map(rows.map((r) => [`${r.institutionId}/${r.businessLine}`, r]));
    const grid = institutions.map((i) => businessLines.map((l) => cell.get(`${i.id}/${l}`) ?? NONE));
    const hidden = withheldCells(grid.map((row) => row.map((c) => c.referrals)));
    const cells: HeatMapCell[] = institutions.flatMap((i, r) =>
      businessLines.flatMap((l, c) => {
        const counts = grid[r][c];
        if (counts === NONE) return [];
        return [{ institutionId: i.id, businessLine: l, referrals: hidden[r][c] ? null : counts.referrals, successRate: shown(counts).successRate }];
      }),
    );
    return { from: toMonth(range.from), to: toMonth(range.to), institutions, businessLines, cells, suppressBelow: SMALL_CELL_BELOW };
  }

  /** The jurisdiction's centers, or the one asked for when it is one of them (another answers 404 like an unknown one). */
  private filter(q: TrendQuery, from: number, to: number): LineFilter {
    const scope = this.db.scope;
    if (scope.kind !== 'regulator') throw new ForbiddenError('The console is for regulators', 'ROLE_REQUIRED');
    if (q.centerId && !scope.centerIds.includes(q.centerId)) throw new NotFoundError('Center', 'CENTER_NOT_FOUND');
    return {
      centerIds: q.centerId ? [q.centerId] : scope.centerIds,
      monthFrom: firstDay(from),
      monthTo: firstDay(to + 1),
      businessLine: q.businessLine,
      disputeType: q.disputeType,
    };
  }
}

import { Injectable } from '@nestjs/common';
import type { RankingLevel, Rankings } from '@accord/contracts';
import { Database, FieldError, ForbiddenError, ValidationFailedError } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { GroupedFigures, Period, StatisticsRepository } from '../repositories/statistics.repository';
import { BranchNotFound, CenterNotFound } from '../statistics.errors';
import { EMPTY } from './figures';
import { longerThanMonths, periodEdge, previousPeriod, RankingInput, rankUnits, splitLists, WEIGHTS, withChange } from './ranking';
import { validatePeriod } from './statistics.service';
import { SMALL_CELL_BELOW } from './suppression';

const MAX_MONTHS = 24;
const LEVEL_ORDER = ['head_office', 'branch', 'sub_branch', 'outlet'];

export interface RankingsRequest {
  from: string;
  to: string;
  min?: number;
  top?: number;
  centerId?: string;
  branchId?: string;
  level?: RankingLevel;
}

/**
 * 红黑榜 (DOMAIN.md "Statistics"), read from the roll-ups like the dashboard and with its
 * visibility: a center ranks its member institutions, a regulator the institutions of its
 * jurisdiction (or one of its centers), an institution user the branches of one level within
 * the subtree of its root. The previous period of the same length gives each unit its rank change.
 */
@Injectable()
export class RankingService {
  constructor(
    private readonly db: Database,
    private readonly rollups: StatisticsRepository,
    private readonly directory: DirectoryService,
  ) {}

  async rankings(q: RankingsRequest): Promise<Rankings> {
    const scope = this.db.scope;
    const min = q.min ?? 10;
    const top = q.top ?? 5;
    const from = periodEdge(q.from, 'from');
    const to = periodEdge(q.to, 'to');
    const errors: FieldError[] = [];
    let period: Period | undefined;
    try {
      period = validatePeriod(from, to);
      if (longerThanMonths(from, to, MAX_MONTHS)) errors.push(new FieldError('to', `the period may span at most ${MAX_MONTHS} months`));
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      errors.push(...error.fields);
    }
    const regulator = scope.kind === 'regulator';
    if (regulator && min < SMALL_CELL_BELOW) errors.push(new FieldError('min', `regulators rank units with at least ${SMALL_CELL_BELOW} concluded cases`));
    if (scope.kind !== 'institution') {
      if (q.branchId) errors.push(new FieldError('branchId', 'only institution users rank branches'));
      if (q.level) errors.push(new FieldError('level', 'only institution users rank branches'));
    } else if (q.centerId) errors.push(new FieldError('centerId', 'institution users rank their own branches'));
    if (errors.length) throw new ValidationFailedError(errors);
    const prev = previousPeriod(from, to);
    const previous = validatePeriod(prev.from, prev.to);

    let units: { id: string; name: string }[];
    let current: GroupedFigures[];
    let before: GroupedFigures[];
    let root: { id: string; name: string } | null = null;
    let level: RankingLevel | null = null;
    if (scope.kind === 'center' || scope.kind === 'regulator') {
      const centers = scope.kind === 'center' ? [scope.organisationId!] : scope.centerIds;
      // Another center (another tenant's, or one outside the jurisdiction) is not there: 404.
      if (q.centerId && !centers.includes(q.centerId)) throw CenterNotFound();
      const ranked = q.centerId ? [q.centerId] : centers;
      // One after the other: the request's transaction is one connection.
      current = await this.rollups.perInstitution(ranked, period!);
      before = await this.rollups.perInstitution(ranked, previous);
      const members = scope.kind === 'center' ? await this.directory.activeMemberInstitutions(ranked[0]) : [];
      const names = await this.directory.organisationNames([...members, ...current.map((g) => g.key!), ...before.map((g) => g.key!)]);
      units = [...names].map(([id, name]) => ({ id, name }));
    } else if (scope.kind === 'institution') {
      const institutionId = scope.organisationId!;
      const pinned = scope.branchPath.split('/').filter(Boolean).at(-1);
      const start = pinned ? await this.directory.branch(institutionId, pinned) : await this.directory.headOffice(institutionId);
      const trail = !start ? [] : !q.branchId || q.branchId === start.id ? [start] : await this.directory.branchTrail(institutionId, q.branchId, start.path);
      const node = trail.at(-1);
      // Another bank's branch, one above or beside the pin, a made-up id: not there. A bank without a tree has nothing to rank.
      if (!node && (q.branchId || start)) throw BranchNotFound();
      const ranked = node ? await this.branchUnits(institutionId, node, period!, previous, q.level) : { units: [], current: [], before: [], level: q.level ?? 'branch' };
      ({ units, current, before, level } = ranked);
      root = node ? { id: node.id, name: node.name } : null;
    } else {
      throw new ForbiddenError('Rankings are for centers, institutions and regulators', 'ROLE_REQUIRED');
    }

    const input = (groups: GroupedFigures[]): RankingInput[] => {
      const byKey = new Map(groups.map((g) => [g.key, g]));
      return units.map((u) => {
        const g = byKey.get(u.id) ?? { ...EMPTY, key: u.id };
        return { id: u.id, name: u.name, settled: g.settled, notSettled: g.notSettled, terminated: g.terminated, withdrawn: g.withdrawn, breached: g.breached, concludeDays: g.concludeDays };
      });
    };
    const now = rankUnits(input(current), min);
    const then = rankUnits(input(before), min);
    const { red, black } = splitLists(withChange(now.ranked, then.ranked), top);
    const hide = (n: number) => (regulator && n > 0 && n < SMALL_CELL_BELOW ? null : n);
    return {
      from,
      to,
      previousFrom: prev.from,
      previousTo: prev.to,
      unit: scope.kind === 'institution' ? 'branch' : 'institution',
      level,
      root,
      centerId: q.centerId ?? null,
      minConcluded: min,
      top,
      rankedCount: now.ranked.length,
      red,
      black,
      unranked: now.unranked.map((u) => ({ ...u, concluded: hide(u.concluded) })),
      suppressBelow: regulator ? SMALL_CELL_BELOW : null,
      weights: { ...WEIGHTS },
    };
  }

  /**
   * The branches of `level` in the subtree at `node`, each counting its own subtree, with their
   * figures in both periods. By default the level just below node's (node's own when nothing is below).
   */
  private async branchUnits(institutionId: string, node: { id: string; path: string }, period: Period, previous: Period, asked?: RankingLevel) {
    const subtree = await this.directory.branchSubtree(institutionId, node.path);
    const levelOf = new Map(subtree.map((b) => [b.id, b.level]));
    const level = asked ?? defaultLevel(levelOf.get(node.id)!, subtree.map((b) => b.level));
    const unitIds = subtree.map((b) => b.path.split('/').filter(Boolean).find((id) => levelOf.get(id) === level) ?? null);
    const ids = subtree.filter((_, i) => unitIds[i] !== null).map((b) => b.id);
    const keys = unitIds.filter((id): id is string => id !== null);
    // One after the other: the request's transaction is one connection.
    const current = await this.rollups.perBranch(institutionId, period, ids, keys);
    const before = await this.rollups.perBranch(institutionId, previous, ids, keys);
    return { units: subtree.filter((b) => b.level === level).map((b) => ({ id: b.id, name: b.name })), current, before, level };
  }
}

/** The level just below `rootLevel` that the subtree has, else the root's own. */
function defaultLevel(rootLevel: string, levels: string[]): RankingLevel {
  const below = LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(rootLevel) + 1).find((l) => levels.includes(l));
  return (below ?? (rootLevel === 'head_office' ? 'branch' : rootLevel)) as RankingLevel;
}

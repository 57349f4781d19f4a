import { Injectable } from '@nestjs/common';
import { LINE_FIGURES } from '@accord/contracts';
import type { BusinessLine, ConcludedCaseLine, DisputeType, StatisticsDashboard, StatisticsDashboardFilter, StatisticsFigureKey, StatisticsRow } from '@accord/contracts';
import { AccessScope, Database, FieldError, ForbiddenError, shanghaiDate, ValidationFailedError } from '@accord/core';
import { CaseFacts, ConcludedCaseFacts } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { SurveyFacts } from '@accord/outcomes';
import { Period, StatisticsRepository } from '../repositories/statistics.repository';
import { BranchNotFound, BranchNotForCaller, CenterNotFound } from '../statistics.errors';
import { addFigures, EMPTY, finish, RawFigures } from './figures';
import { casesBehind, SMALL_CELL_BELOW, suppressTable } from './suppression';

/** Every figure of a row: what the day and month buckets hold. */
const ALL_FIGURES = Object.keys(casesBehind(EMPTY)) as StatisticsFigureKey[];

export interface DashboardFilter {
  centerId?: string;
  businessLine?: BusinessLine;
  disputeType?: DisputeType;
}

/** Cases per read of the export's case list: each read is its own short transaction. */
const CASE_BATCH = 5000;
const MAX_YEARS = 3;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);

/** [from, to] as whole months from the month buckets plus edge days from the day buckets. */
export function splitPeriod(from: string, to: string): Period {
  const f = parse(from);
  const t = parse(to);
  const monthFrom = f.getUTCDate() === 1 ? f : new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1));
  const dayAfter = new Date(t.getTime() + 86_400_000);
  const monthTo = dayAfter.getUTCDate() === 1 ? dayAfter : new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
  if (monthFrom >= monthTo) return { from, to, monthFrom: from, monthTo: from };
  return { from, to, monthFrom: iso(monthFrom), monthTo: iso(monthTo) };
}

export function validatePeriod(from: string, to: string): Period {
  const errors: { field: string; message: string }[] = [];
  const valid = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(parse(s).getTime()) && iso(parse(s)) === s;
  if (!valid(from)) errors.push({ field: 'from', message: 'from must be a real date YYYY-MM-DD' });
  if (!valid(to)) errors.push({ field: 'to', message: 'to must be a real date YYYY-MM-DD' });
  if (!errors.length) {
    const f = parse(from);
    const limit = new Date(Date.UTC(f.getUTCFullYear() + MAX_YEARS, f.getUTCMonth(), f.getUTCDate()));
    if (to < from) errors.push({ field: 'to', message: 'to must not be before from' });
    else if (parse(to) >= limit) errors.push({ field: 'to', message: `the period may span at most ${MAX_YEARS} years` });
  }
  if (errors.length) throw new ValidationFailedError(errors);
  return splitPeriod(from, to);
}

/**
 * Below `node`, which branch of the subtree each one counts for: its own child of `node` (the
 * path segment after node's), or null for node itself — the row of its own cases.
 */
export function childOf(node: { path: string }, branch: { path: string }): string | null {
  return branch.path.slice(node.path.length).split('/')[0] || null;
}

/**
 * The dashboard (DOMAIN.md "Statistics"), read from the roll-ups only: a center's member
 * institutions, an institution's branches one level below the viewer's root — or below a branch
 * of its subtree it drills down to —, a regulator's institutions across its jurisdiction (small
 * counts withheld). RLS holds the same lines.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly db: Database,
    private readonly rollups: StatisticsRepository,
    private readonly directory: DirectoryService,
    private readonly cases: CaseFacts,
    private readonly surveys: SurveyFacts,
  ) {}

  /**
   * `branchId` (institution users) opens the dashboard at a branch at or below the viewer's root;
   * `filter` (centers and regulators) narrows it to a center, a business line, a dispute type.
   */
  async dashboard(from: string, to: string, branchId?: string, filter: DashboardFilter = {}): Promise<StatisticsDashboard> {
    const period = validatePeriod(from, to);
    const scope = this.db.scope;
    const filtered = filter.centerId !== undefined || filter.businessLine !== undefined || filter.disputeType !== undefined;
    if (scope.kind === 'center' || scope.kind === 'regulator') {
      if (branchId) throw BranchNotForCaller();
      return this.perInstitution(period, filter);
    }
    if (scope.kind === 'institution') {
      if (filtered) throw FiltersNotForInstitutions(filter);
      return this.perBranch(period, branchId);
    }
    throw new ForbiddenError('Statistics are for centers, institutions and regulators', 'ROLE_REQUIRED');
  }

  /**
   * The cases concluded in the period, for the export's case list (案件明细), oldest first, in
   * batches. The export streams after the request's transaction has ended, so the caller's scope
   * is taken now and every batch is read in a transaction of its own under it (RLS included),
   * walking the (concluded_at, id) index. Regulators get none: their figures withhold small counts.
   * With `branchId` (checked by `dashboard` first) only that branch's subtree: an id outside the
   * caller's tree matches no path and lists nothing.
   */
  concludedCases(from: string, to: string, branchId?: string): AsyncIterable<ConcludedCaseLine[]> | null {
    const period = validatePeriod(from, to);
    const scope: AccessScope = this.db.scope;
    if (scope.kind !== 'center' && scope.kind !== 'institution') return null;
    const organisationId = scope.organisationId!;
    const { db, directory, cases, surveys } = this;
    // A batch reads the cases, then the names it has not met yet and the survey answers, each for the whole batch at once.
    const names = new NameBook(directory);
    let within: string | null | undefined;
    const read = (after: { at: string; id: string } | null) =>
      db.run(scope, async () => {
        if (scope.kind === 'institution' && within === undefined) within = await subtreeOf(directory, organisationId, scope.branchPath, branchId);
        if (within === null) return { facts: [], lines: [] };
        const owner = scope.kind === 'center' ? { centerId: organisationId } : { institutionId: organisationId, branchPath: within };
        const facts = await cases.concludedCases(owner, period.from, period.to, after, CASE_BATCH);
        await names.learn(facts);
        const satisfaction = await surveys.satisfaction(facts.map((c) => c.id));
        return { facts, lines: facts.flatMap((c) => names.line(c, satisfaction.get(c.id) ?? null)) };
      }, { replica: true });
    return {
      async *[Symbol.asyncIterator]() {
        // The next batch is read while this one is written: the database and the writer overlap.
        let pending = read(null);
        for (;;) {
          const { facts, lines } = await pending;
          if (!facts.length) return;
          const last = facts[facts.length - 1];
          if (facts.length === CASE_BATCH) pending = read({ at: last.cursorAt, id: last.id });
          if (lines.length) yield lines;
          if (facts.length < CASE_BATCH) return;
        }
      },
    };
  }

  /**
   * One row per institution over the centers (a center's own, a regulator's jurisdiction, or the
   * one asked for of them). With a business line or dispute type the rows come from the monthly
   * business-line roll-ups, which hold the counts only: the other figures are null and left out
   * of `figuresAvailable`.
   */
  private async perInstitution(p: Period, f: DashboardFilter): Promise<StatisticsDashboard> {
    const scope = this.db.scope;
    const own = scope.kind === 'center' ? [scope.organisationId!] : scope.centerIds;
    // Another tenant's center, or one outside the jurisdiction, is not there: 404 like an unknown id.
    if (f.centerId !== undefined && !own.includes(f.centerId)) throw CenterNotFound();
    const centers = f.centerId !== undefined ? [f.centerId] : own;
    const byLine = f.businessLine !== undefined || f.disputeType !== undefined;
    if (byLine) wholeMonths(p);
    const groups = byLine ? await this.rollups.perInstitutionByLine(centers, p, f.businessLine, f.disputeType) : await this.rollups.perInstitution(centers, p);
    const members = scope.kind === 'center' ? await this.directory.activeMemberInstitutions(centers[0]) : [];
    const names = await this.directory.organisationNames([...members, ...groups.map((g) => g.key!)]);
    const byId = new Map(groups.map((g) => [g.key, g]));
    const rows = [...names]
      .map(([id, name]) => ({ id, name, raw: byId.get(id) ?? EMPTY }))
      .sort((a, b) => b.raw.referrals - a.raw.referrals || a.name.localeCompare(b.name, 'zh-CN'));
    const filter: StatisticsDashboardFilter = { centerId: f.centerId ?? null, businessLine: f.businessLine ?? null, disputeType: f.disputeType ?? null };
    return this.answer(p, 'institution', null, [], rows, scope.kind === 'regulator', filter, byLine ? LINE_FIGURES : ALL_FIGURES);
  }

  /**
   * The rows are the children of `node` (the viewer's root, or `branchId` at or below it), each
   * counting its whole subtree, plus node's own cases. The subtree's branches are read from the
   * tree and their buckets by branch id, so a level deep down reads its own buckets, not the
   * institution's.
   */
  private async perBranch(p: Period, branchId?: string): Promise<StatisticsDashboard> {
    const scope = this.db.scope;
    const institutionId = scope.organisationId!;
    const pinned = scope.branchPath.split('/').filter(Boolean).at(-1);
    const root = pinned ? await this.directory.branch(institutionId, pinned) : await this.directory.headOffice(institutionId);
    if (!root) {
      if (branchId) throw BranchNotFound();
      return this.answer(p, 'branch', null, [], [], false);
    }
    // The way from the viewer's root down to the branch asked for: at or below the root only, so
    // another bank's branch, one above the pin or beside it is not there.
    const trail = !branchId || branchId === root.id ? [root] : await this.directory.branchTrail(institutionId, branchId, root.path);
    const node = trail.at(-1);
    if (!node) throw BranchNotFound();
    const subtree = await this.directory.branchSubtree(institutionId, node.path);
    const parents = new Set(subtree.map((b) => b.parentId));
    const children = subtree.filter((b) => b.parentId === node.id);
    const groups = await this.rollups.perBranch(
      institutionId,
      p,
      subtree.map((b) => b.id),
      subtree.map((b) => childOf(node, b)),
    );
    const byKey = new Map(groups.map((g) => [g.key, g]));
    const rows = [
      { id: node.id, name: node.name, own: true, raw: byKey.get(null) ?? EMPTY },
      ...children.map((c) => ({ id: c.id, name: c.name, hasChildren: parents.has(c.id), raw: byKey.get(c.id) ?? EMPTY })),
    ];
    return this.answer(p, 'branch', { id: node.id, name: node.name }, trail.map(({ id, name }) => ({ id, name })), rows, false);
  }

  private answer(
    p: Period,
    grouping: 'institution' | 'branch',
    root: { id: string; name: string } | null,
    trail: { id: string; name: string }[],
    rows: { id: string; name: string; own?: boolean; hasChildren?: boolean; raw: RawFigures }[],
    regulator: boolean,
    filter: StatisticsDashboardFilter = { centerId: null, businessLine: null, disputeType: null },
    available: StatisticsFigureKey[] = ALL_FIGURES,
  ): StatisticsDashboard {
    const total = rows.reduce((sum, r) => addFigures(sum, r.raw), EMPTY);
    // Regulators: small cells withheld, and no withheld cell left as the total minus the shown rows.
    const shown = regulator ? suppressTable(rows.map((r) => r.raw), total, SMALL_CELL_BELOW) : { rows: rows.map((r) => finish(r.raw)), total: finish(total) };
    // A figure the filter has no roll-up for is null (the raw zeros it was computed from mean nothing).
    const missing = ALL_FIGURES.filter((k) => !available.includes(k));
    const blank = <T extends object>(f: T): T => (missing.length ? { ...f, ...Object.fromEntries(missing.map((k) => [k, null])) } : f);
    const figures = { rows: shown.rows.map(blank), total: blank(shown.total) };
    return {
      from: p.from,
      to: p.to,
      grouping,
      root,
      trail,
      rows: rows.map(
        (r, i): StatisticsRow => ({
          id: r.id,
          name: r.name,
          ...(r.own ? { own: true } : {}),
          ...(r.hasChildren === undefined ? {} : { hasChildren: r.hasChildren }),
          ...figures.rows[i],
        }),
      ),
      total: figures.total,
      suppressBelow: regulator ? SMALL_CELL_BELOW : null,
      filter,
      figuresAvailable: available,
    };
  }
}

/** The business-line roll-ups are monthly: a period cut inside a month would count days outside it. */
function wholeMonths(p: Period): void {
  const errors: FieldError[] = [];
  if (!p.from.endsWith('-01')) errors.push(new FieldError('from', 'with a business line or dispute type, from must be the first day of a month'));
  const next = new Date(parse(p.to).getTime() + 86_400_000);
  if (next.getUTCDate() !== 1 && p.to < shanghaiDate(new Date())) {
    errors.push(new FieldError('to', 'with a business line or dispute type, to must be the last day of a month (or today, in the current month)'));
  }
  if (errors.length) throw new ValidationFailedError(errors);
}

/** Institution users read their own branches: the dashboard's filters by center and business line are the centers' and regulators'. */
function FiltersNotForInstitutions(f: DashboardFilter): ValidationFailedError {
  return new ValidationFailedError(
    (['centerId', 'businessLine', 'disputeType'] as const).filter((k) => f[k] !== undefined).map((k) => new FieldError(k, `only centers and regulators filter the dashboard by ${k}`)),
  );
}

/**
 * The export's subtree for an institution user: the pin, narrowed to `branchId`'s subtree;
 * null when `branchId` is not a branch of the institution at or below the pin (nothing listed).
 */
async function subtreeOf(directory: DirectoryService, institutionId: string, pin: string, branchId?: string): Promise<string | null> {
  if (!branchId) return pin;
  const branch = await directory.branch(institutionId, branchId);
  return branch && branch.path.startsWith(pin) ? branch.path : null;
}

/** The institution and branch names of an export, each read once, when a batch first brings it in. */
class NameBook {
  private readonly institutions = new Map<string, string>();
  private readonly branches = new Map<string, string>();

  constructor(private readonly directory: DirectoryService) {}

  async learn(facts: ConcludedCaseFacts[]): Promise<void> {
    const institutions = unknownIds(this.institutions, facts.map((c) => c.institutionId));
    const branches = unknownIds(this.branches, facts.map((c) => c.branchId));
    if (institutions.length) for (const [id, name] of await this.directory.organisationNames(institutions)) this.institutions.set(id, name);
    if (branches.length) for (const [id, name] of await this.directory.branchNames(branches)) this.branches.set(id, name);
  }

  /** The case's line; none when its institution or branch is not visible to the scope (as the join that named them dropped it). */
  line(c: ConcludedCaseFacts, satisfaction: number | null): ConcludedCaseLine[] {
    const institutionName = this.institutions.get(c.institutionId);
    const branchName = this.branches.get(c.branchId);
    if (institutionName === undefined || branchName === undefined) return [];
    const { id: _id, cursorAt: _cursorAt, institutionId: _institutionId, branchId: _branchId, ...facts } = c;
    return [{ ...facts, institutionName, branchName, satisfaction }];
  }
}

const unknownIds = (known: Map<string, string>, ids: string[]) => [...new Set(ids)].filter((id) => !known.has(id));

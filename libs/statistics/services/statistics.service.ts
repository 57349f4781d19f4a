import { Injectable } from '@nestjs/common';
import type { ConcludedCaseLine, StatisticsDashboard, StatisticsRow } from '@accord/contracts';
import { AccessScope, Database, ForbiddenError, SqlParams, ValidationFailedError } from '@accord/core';
import { BranchNotFound, BranchNotForCaller } from '../statistics.errors';
import { addFigures, EMPTY, finish, RawFigures, suppress } from './figures';

const SUPPRESS_BELOW = 5;
/** Cases per read of the export's case list: each read is its own short transaction. */
const CASE_BATCH = 5000;
const MAX_YEARS = 3;

const SUMS = `sum(referrals)::int AS referrals, sum(accepted)::int AS accepted, sum(concluded)::int AS concluded,
  sum(settled)::int AS settled, sum(not_settled)::int AS "notSettled", sum(withdrawn)::int AS withdrawn, sum(terminated)::int AS terminated,
  sum(disputed_fen)::text AS "disputedFen", sum(settled_fen)::text AS "settledFen",
  statistics_hist_sum(accept_days) AS "acceptDays", statistics_hist_sum(conclude_days) AS "concludeDays",
  sum(satisfaction_sum)::int AS "satisfactionSum", sum(satisfaction_count)::int AS "satisfactionCount"`;
const COLUMNS = `referrals, accepted, concluded, settled, not_settled, withdrawn, terminated, disputed_fen, settled_fen, accept_days, conclude_days, satisfaction_sum, satisfaction_count`;

type Grouped = RawFigures & { key: string | null };
type Branch = { id: string; parentId: string | null; name: string; path: string };

interface Period {
  from: string;
  to: string;
  /** Whole months inside the period: [monthFrom, monthTo). Equal when there is none. */
  monthFrom: string;
  monthTo: string;
}

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
  constructor(private readonly db: Database) {}

  /** `branchId` (institution users) opens the dashboard at a branch at or below the viewer's root. */
  async dashboard(from: string, to: string, branchId?: string): Promise<StatisticsDashboard> {
    const period = validatePeriod(from, to);
    const scope = this.db.scope;
    if (scope.kind === 'center' || scope.kind === 'regulator') {
      if (branchId) throw BranchNotForCaller();
      return this.perInstitution(period);
    }
    if (scope.kind === 'institution') return this.perBranch(period, branchId);
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
    const db = this.db;
    return {
      async *[Symbol.asyncIterator]() {
        const read = (after: { at: string; id: string } | null) =>
          db.run(scope, async () => {
            const p = new SqlParams();
            const own =
              scope.kind === 'center'
                ? `c.center_id = ${p.add(scope.organisationId)}`
                : `c.institution_id = ${p.add(scope.organisationId)}${scope.branchPath ? ` AND starts_with(c.branch_path, ${p.add(scope.branchPath)})` : ''}${
                    branchId ? ` AND starts_with(c.branch_path, (SELECT path FROM branches WHERE id = ${p.add(branchId)} AND institution_id = ${p.add(scope.organisationId)}))` : ''
                  }`;
            const cursor = after ? `AND (c.concluded_at, c.id) > (${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)` : '';
            return (await db.manager.query(
              `SELECT c.id, c.concluded_at::text AS "cursorAt", c.case_number AS "caseNumber", i.name AS "institutionName", b.name AS "branchName",
                      c.business_line AS "businessLine", c.dispute_type AS "disputeType",
                      to_char(c.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "submittedOn",
                      to_char(c.accepted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "acceptedOn",
                      to_char(c.concluded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "concludedOn", c.outcome,
                      c.amount_fen::text AS "amountFen", c.settled_amount_fen::text AS "settledFen",
                      (c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date - (c.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS "daysToAccept",
                      (c.concluded_at AT TIME ZONE 'Asia/Shanghai')::date - (c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS "daysToConclude",
                      c.mediator_name AS "mediatorName", f.satisfaction
               FROM cases c JOIN organisations i ON i.id = c.institution_id JOIN branches b ON b.id = c.branch_id
                    LEFT JOIN follow_up_surveys f ON f.case_id = c.id AND f.answered_at IS NOT NULL
               WHERE ${own} AND c.concluded_at IS NOT NULL
                 AND c.concluded_at >= (${p.add(period.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
                 AND c.concluded_at < (${p.add(period.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' ${cursor}
               ORDER BY c.concluded_at, c.id LIMIT ${CASE_BATCH}`,
              p.values,
            )) as (ConcludedCaseLine & { id: string; cursorAt: string })[];
          });
        // The next batch is read while this one is written: the database and the writer overlap.
        let pending = read(null);
        for (;;) {
          const batch = await pending;
          if (!batch.length) return;
          const last = batch[batch.length - 1];
          if (batch.length === CASE_BATCH) pending = read({ at: last.cursorAt, id: last.id });
          yield batch;
          if (batch.length < CASE_BATCH) return;
        }
      },
    };
  }

  private async perInstitution(p: Period): Promise<StatisticsDashboard> {
    const scope = this.db.scope;
    const centers = scope.kind === 'center' ? [scope.organisationId!] : scope.centerIds;
    const groups = (await this.db.manager.query(
      `WITH parts AS (
         SELECT institution_id, ${COLUMNS} FROM statistics_institution_months
         WHERE center_id = ANY($1::uuid[]) AND month >= $4 AND month < $5
         UNION ALL
         SELECT institution_id, ${COLUMNS} FROM statistics_institution_days
         WHERE center_id = ANY($1::uuid[]) AND day >= $2 AND day <= $3 AND (day < $4 OR day >= $5))
       SELECT institution_id::text AS key, ${SUMS} FROM parts GROUP BY institution_id`,
      [centers, p.from, p.to, p.monthFrom, p.monthTo],
    )) as Grouped[];
    const members =
      scope.kind === 'center'
        ? ((await this.db.manager.query(`SELECT institution_id AS id FROM memberships WHERE center_id = $1 AND status = 'active'`, [centers[0]])) as { id: string }[])
        : [];
    const ids = [...new Set([...members.map((m) => m.id), ...groups.map((g) => g.key!)])];
    const names = (await this.db.manager.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; name: string }[];
    const byId = new Map(groups.map((g) => [g.key, g]));
    const rows = names
      .map((o) => ({ id: o.id, name: o.name, raw: byId.get(o.id) ?? EMPTY }))
      .sort((a, b) => b.raw.referrals - a.raw.referrals || a.name.localeCompare(b.name, 'zh-CN'));
    return this.answer(p, 'institution', null, [], rows, scope.kind === 'regulator');
  }

  /**
   * The rows are the children of `node` (the viewer's root, or `branchId` at or below it), each
   * counting its whole subtree, plus node's own cases. The subtree's branches are read from the
   * tree and their buckets by branch id (idx_statistics_branch_*_branch), so a level deep down
   * reads its own buckets, not the institution's.
   */
  private async perBranch(p: Period, branchId?: string): Promise<StatisticsDashboard> {
    const scope = this.db.scope;
    const institutionId = scope.organisationId!;
    const pinned = scope.branchPath.split('/').filter(Boolean).at(-1);
    const [root] = (await this.db.manager.query(
      pinned
        ? `SELECT id, name, path FROM branches WHERE id = $2 AND institution_id = $1`
        : `SELECT id, name, path FROM branches WHERE institution_id = $1 AND parent_id IS NULL ORDER BY created_at LIMIT 1`,
      pinned ? [institutionId, pinned] : [institutionId],
    )) as { id: string; name: string; path: string }[];
    if (!root) {
      if (branchId) throw BranchNotFound();
      return this.answer(p, 'branch', null, [], [], false);
    }
    // The way from the viewer's root down to the branch asked for: at or below the root only, so
    // another bank's branch, one above the pin or beside it is not there.
    const trail = !branchId || branchId === root.id
      ? [root]
      : ((await this.db.manager.query(
          `SELECT a.id, a.name, a.path FROM branches n JOIN branches a ON a.institution_id = n.institution_id AND starts_with(n.path, a.path)
           WHERE n.id = $1 AND n.institution_id = $2 AND starts_with(n.path, $3) AND starts_with(a.path, $3) ORDER BY length(a.path)`,
          [branchId, institutionId, root.path],
        )) as { id: string; name: string; path: string }[]);
    const node = trail.at(-1);
    if (!node) throw BranchNotFound();
    const subtree = (await this.db.manager.query(
      `SELECT id, parent_id AS "parentId", name, path FROM branches WHERE institution_id = $1 AND starts_with(path, $2) ORDER BY code, name`,
      [institutionId, node.path],
    )) as Branch[];
    const parents = new Set(subtree.map((b) => b.parentId));
    const children = subtree.filter((b) => b.parentId === node.id);
    const groups = (await this.db.manager.query(
      `WITH subtree AS (SELECT * FROM unnest($6::uuid[], $7::uuid[]) AS s(branch_id, child_id)),
       parts AS (
         SELECT branch_id, ${COLUMNS} FROM statistics_branch_months
         WHERE institution_id = $1 AND branch_id = ANY($6::uuid[]) AND month >= $4 AND month < $5
         UNION ALL
         SELECT branch_id, ${COLUMNS} FROM statistics_branch_days
         WHERE institution_id = $1 AND branch_id = ANY($6::uuid[]) AND day >= $2 AND day <= $3 AND (day < $4 OR day >= $5))
       SELECT s.child_id::text AS key, ${SUMS} FROM parts JOIN subtree s USING (branch_id) GROUP BY s.child_id`,
      [institutionId, p.from, p.to, p.monthFrom, p.monthTo, subtree.map((b) => b.id), subtree.map((b) => childOf(node, b))],
    )) as Grouped[];
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
  ): StatisticsDashboard {
    const shape = (raw: RawFigures) => (regulator ? suppress(finish(raw), SUPPRESS_BELOW) : finish(raw));
    const total = rows.reduce((sum, r) => addFigures(sum, r.raw), EMPTY);
    return {
      from: p.from,
      to: p.to,
      grouping,
      root,
      trail,
      rows: rows.map(
        (r): StatisticsRow => ({ id: r.id, name: r.name, ...(r.own ? { own: true } : {}), ...(r.hasChildren === undefined ? {} : { hasChildren: r.hasChildren }), ...shape(r.raw) }),
      ),
      total: shape(total),
      suppressBelow: regulator ? SUPPRESS_BELOW : null,
    };
  }
}

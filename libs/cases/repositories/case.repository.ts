import { Injectable } from '@nestjs/common';
import { INTAKE_QUEUE_STATUSES, OPEN_CASE_STATUSES } from '@accord/contracts';
import type { CaseEventKind, CaseStatus, Page } from '@accord/contracts';
import { AccessScope, apiKeyLabelSql, columns, Database, hasRole, RowOf, shanghaiDate, SqlParams } from '@accord/core';
import { directorySql } from '@accord/organisations';
import type { ListCasesQuery } from '../dto/case.dto';
import { CaseEntity } from '../entities/case.entity';

/** The case's own columns a list shows, as CaseEntity declares them. */
const LIST = columns(CaseEntity, [
  'id',
  'caseNumber',
  'status',
  'track',
  'source',
  'centerId',
  'institutionId',
  'branchId',
  'branchPath',
  'businessLine',
  'disputeType',
  'amountFen',
  'mediatorId',
  'mediatorName',
  'submittedAt',
  'updatedAt',
  'clockProblem',
  'possibleRepeatOf',
  'consentState',
  'mediationExtensionDays',
] as const);

/** What the detail and the rules read besides. */
const DETAIL = columns(CaseEntity, [
  'facts',
  'claims',
  'bankPosition',
  'priorComplaintRef',
  'preferredChannel',
  'preferredTimes',
  'consentAt',
  'consentNote',
  'consentAttestedBy',
  'consumerChosenMediatorId',
  'consumerIdType',
  'consumerNeedsAssistance',
  'consumerSealed',
  'consumerErasedAt',
  'consumerIdHash',
  'rejectReason',
  'acceptedAt',
  'outcome',
  'concludedAt',
  'assignedAt',
  'createdAt',
  'version',
  'createdByOrganisationId',
] as const);

/** A case row as the services use it: the list columns, the names beside them, the masked consumer, dates as text. */
export type CaseRow = RowOf<typeof LIST> & {
  centerName: string | null;
  centerCode: string | null;
  institutionName: string | null;
  branchName: string | null;
  consumerName: string;
  consumerPhone: string;
  consumerIdMasked: string;
  intakeDueOn: string | null;
  firstSessionDueOn: string | null;
  mediationStartedOn: string | null;
  mediationDueOn: string | null;
  complaintReceivedOn: string | null;
};

export type CaseDetailRow = CaseRow & RowOf<typeof DETAIL> & { consentAttestedByName?: string | null };

const LIST_COLUMNS = `${LIST.select('c')},
  ${directorySql.organisationName('c.center_id')} AS "centerName", ${directorySql.organisationCode('c.center_id')} AS "centerCode",
  ${directorySql.organisationName('c.institution_id')} AS "institutionName", ${directorySql.branchName('c.branch_id')} AS "branchName",
  c.consumer_name_masked AS "consumerName", c.consumer_phone_masked AS "consumerPhone", c.consumer_id_masked AS "consumerIdMasked",
  to_char(c.intake_due_on, 'YYYY-MM-DD') AS "intakeDueOn", to_char(c.first_session_due_on, 'YYYY-MM-DD') AS "firstSessionDueOn",
  to_char(c.mediation_started_on, 'YYYY-MM-DD') AS "mediationStartedOn", to_char(c.mediation_due_on, 'YYYY-MM-DD') AS "mediationDueOn",
  to_char(c.complaint_received_on, 'YYYY-MM-DD') AS "complaintReceivedOn"`;

export const DETAIL_COLUMNS = `${LIST_COLUMNS}, ${DETAIL.select('c')}, ${directorySql.userName('c.consent_attested_by')} AS "consentAttestedByName"`;

// Names are scalar subqueries owned by libs/organisations: a name the caller may not read (an
// ended membership) is NULL and never hides the case.
const FROM = `FROM cases c`;

/**
 * Waits on the bank: returned for more information, or an open case whose latest comment the bank
 * can read was written by the center (the bank answers with a comment of its own). The partial
 * index idx_case_events_public_comments makes "latest comment" one index probe per case.
 */
const AWAITING_INSTITUTION = `(c.status = 'returned' OR (c.status IN ('submitted', 'accepted', 'assigned', 'scheduled', 'in_session', 'adjourned') AND (
    SELECT e.actor_organisation_id FROM case_events e
    WHERE e.case_id = c.id AND e.kind = 'comment' AND NOT e.center_only
    ORDER BY e.at DESC, e.id DESC LIMIT 1) = c.center_id))`;

/** The intake queue's count stops this far past the current page ("1,000+"). */
const COUNT_AHEAD = 1000;

/** Center users who see every case of the center; a mediator without these sees only their own. */
export function seesWholeCenter(scope: AccessScope): boolean {
  // A quality reviewer reads the center's case files to review them (质量评查).
  return hasRole(scope, 'center_admin', 'intake_officer', 'liaison_officer', 'quality_reviewer');
}

/**
 * The first wall, as SQL: the same rules the RLS policies hold (DOMAIN.md "Visibility").
 * Centers and regulators never see a bank's drafts; a mediator sees the cases assigned to them.
 */
export function visibleWhere(scope: AccessScope, p: SqlParams): string {
  switch (scope.kind) {
    case 'center':
      return `c.center_id = ${p.add(scope.organisationId)} AND c.status <> 'draft'${
        seesWholeCenter(scope) ? '' : ` AND c.mediator_id = ${p.add(scope.userId)}`
      }`;
    case 'institution':
      return `c.institution_id = ${p.add(scope.organisationId)}${pinnedWhere(scope.branchPath, p)}`;
    case 'regulator':
      return `c.center_id = ANY(${p.add(scope.centerIds, 'uuid[]')}) AND c.status <> 'draft'`;
    case 'system':
      return 'true';
    default:
      return 'false';
  }
}

/** The ancestors at depths 2–4 of a branch's materialised path (see CaseEntity.branchLevel2Id). */
export function branchLevels(path: string): { branchLevel2Id: string | null; branchLevel3Id: string | null; branchLevel4Id: string | null } {
  const ids = path.split('/').filter(Boolean);
  return { branchLevel2Id: ids[1] ?? null, branchLevel3Id: ids[2] ?? null, branchLevel4Id: ids[3] ?? null };
}

/** A pinned user's subtree: one indexed column at the pin's depth; deeper trees fall back to the prefix. */
function pinnedWhere(branchPath: string, p: SqlParams): string {
  const ids = branchPath.split('/').filter(Boolean);
  if (ids.length <= 1) return '';
  if (ids.length <= 4) return ` AND c.branch_level${ids.length}_id = ${p.add(ids.at(-1))}`;
  return ` AND c.branch_path LIKE ${p.add(branchPath)} || '%'`;
}

export interface ListFilters extends ListCasesQuery {
  phoneHash?: Buffer;
  idHash?: Buffer;
}

/** The list's filters as SQL, inside the caller's visibility: the list and its export read the same rows. */
function listWhere(scope: AccessScope, f: ListFilters, p: SqlParams): string {
  const where = [visibleWhere(scope, p)];
  const intake = f.view === 'intake';
  // The intake queue is its own partial index: new, returned, accepted-but-unassigned.
  if (intake) where.push(`c.status IN (${INTAKE_QUEUE_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  if (f.status) {
    const statuses = f.status.split(',');
    // One status is an equality: (center_id, status, updated_at) then serves the order too.
    where.push(statuses.length === 1 ? `c.status = ${p.add(statuses[0])}` : `c.status = ANY(${p.add(statuses, 'text[]')})`);
  }
  if (f.track) where.push(`c.track = ${p.add(f.track)}`);
  if (f.institutionId) where.push(`c.institution_id = ${p.add(f.institutionId)}`);
  if (f.branchId) where.push(`c.branch_id = ${p.add(f.branchId)}`);
  if (f.mediatorId) where.push(`c.mediator_id = ${p.add(f.mediatorId)}`);
  if (f.businessLine) where.push(`c.business_line = ${p.add(f.businessLine)}`);
  if (f.phoneHash) where.push(`c.consumer_phone_hash = ${p.add(f.phoneHash)}`);
  if (f.idHash) where.push(`c.consumer_id_hash = ${p.add(f.idHash)}`);
  if (f.q) where.push(`c.case_number LIKE ${p.add(f.q.trim().toUpperCase().replace(/[%_\\]/g, ''))} || '%'`);
  if (f.overdue === 'true') {
    const today = p.add(shanghaiDate(new Date()), 'date');
    where.push(`((c.status IN ('submitted', 'returned') AND c.intake_due_on < ${today})
      OR (c.status IN ('accepted', 'assigned') AND c.first_session_due_on < ${today})
      OR (c.status IN ('scheduled', 'in_session', 'adjourned') AND c.mediation_due_on < ${today}))`);
  }
  if (f.dueBy) {
    const by = p.add(f.dueBy, 'date');
    where.push(`((c.status IN ('submitted', 'returned') AND c.intake_due_on <= ${by})
      OR (c.status IN ('accepted', 'assigned') AND c.first_session_due_on <= ${by})
      OR (c.status IN ('scheduled', 'in_session', 'adjourned') AND c.mediation_due_on <= ${by}))`);
  }
  if (f.awaiting === 'institution') where.push(AWAITING_INSTITUTION);
  return where.join(' AND ');
}

/** The list's order as SQL and its keyset direction; the service has checked the sort fits the view. */
function listOrder(f: ListFilters): { column: string; desc: boolean } {
  const sort = f.sort ?? (f.view === 'intake' ? 'submittedAt' : '-updatedAt');
  return { column: sort.endsWith('submittedAt') ? 'c.submitted_at' : 'c.updated_at', desc: sort.startsWith('-') };
}

@Injectable()
export class CaseRepository {
  constructor(private readonly db: Database) {}

  async list(f: ListFilters): Promise<Page<CaseRow> & { totalIsCapped: boolean }> {
    const p = new SqlParams();
    const intake = f.view === 'intake';
    const whereSql = listWhere(this.db.scope, f, p);
    const { column, desc } = listOrder(f);
    const order = desc ? `${column} DESC, c.id DESC` : `${column}, c.id`;
    const countParams = [...p.values];
    const offset = (f.page - 1) * f.pageSize;
    // One row more than the page says whether another page follows.
    const rows = (await this.db.manager.query(
      `SELECT ${LIST_COLUMNS} ${FROM} WHERE ${whereSql} ORDER BY ${order} LIMIT ${p.add(f.pageSize + 1)} OFFSET ${p.add(offset)}`,
      p.values,
    )) as CaseRow[];
    const hasMore = rows.length > f.pageSize;
    const items = rows.slice(0, f.pageSize);
    if (!intake || !hasMore) {
      // A big list is paged, not counted: under RLS an exact count of a center's 200,000 cases
      // costs a hundred times the page. "N+" tells a person there is more.
      return { items, total: offset + items.length + (hasMore ? 1 : 0), totalIsCapped: hasMore, page: f.page, pageSize: f.pageSize };
    }
    // The intake queue is a working list: its size matters, and its partial index keeps it cheap.
    const limit = offset + COUNT_AHEAD;
    const [{ n }] = (await this.db.manager.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${whereSql} LIMIT ${limit + 1}) x`,
      countParams,
    )) as { n: number }[];
    return { items, total: Math.min(n, limit), totalIsCapped: n > limit, page: f.page, pageSize: f.pageSize };
  }

  /** How many rows the list holds, counting no further than `limit` + 1 (enough to refuse an export past its cap). */
  async countUpTo(f: ListFilters, limit: number): Promise<number> {
    const p = new SqlParams();
    const whereSql = listWhere(this.db.scope, f, p);
    const [{ n }] = (await this.db.manager.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${whereSql} LIMIT ${p.add(limit + 1)}) x`,
      p.values,
    )) as { n: number }[];
    return n;
  }

  /**
   * One batch of the list in the list's own order, after the row `after` names (keyset: the
   * order's indexes serve every batch, where OFFSET would rescan all the rows before it).
   * `cursorAt` is the order's timestamp as text, at full precision.
   */
  async exportBatch(f: ListFilters, after: { at: string; id: string } | null, limit: number): Promise<(CaseRow & { cursorAt: string })[]> {
    const p = new SqlParams();
    const where = [listWhere(this.db.scope, f, p)];
    const { column, desc } = listOrder(f);
    if (after) where.push(`(${column}, c.id) ${desc ? '<' : '>'} (${p.add(after.at, 'timestamptz')}, ${p.add(after.id, 'uuid')})`);
    const order = desc ? `${column} DESC, c.id DESC` : `${column}, c.id`;
    return (await this.db.manager.query(
      `SELECT ${LIST_COLUMNS}, ${column}::text AS "cursorAt" ${FROM} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${p.add(limit)}`,
      p.values,
    )) as (CaseRow & { cursorAt: string })[];
  }

  async findVisible(id: string): Promise<CaseDetailRow | undefined> {
    const p = new SqlParams();
    const [row] = (await this.db.manager.query(
      `SELECT ${DETAIL_COLUMNS} ${FROM} WHERE c.id = ${p.add(id)} AND ${visibleWhere(this.db.scope, p)}`,
      p.values,
    )) as CaseDetailRow[];
    return row;
  }

  /** For socket rooms: may this scope see the case at all? */
  async isVisible(id: string): Promise<boolean> {
    const p = new SqlParams();
    const rows = (await this.db.manager.query(`SELECT 1 FROM cases c WHERE c.id = ${p.add(id)} AND ${visibleWhere(this.db.scope, p)}`, p.values)) as unknown[];
    return rows.length > 0;
  }

  /** Earlier referrals of the same consumer against the same institution for the same dispute. */
  async repeatCandidates(row: CaseDetailRow): Promise<{ id: string; caseNumber: string | null; status: CaseStatus }[]> {
    if (!row.consumerIdHash) return [];
    return (await this.db.manager.query(
      `SELECT c.id, c.case_number AS "caseNumber", c.status FROM cases c
       WHERE c.center_id = $1 AND c.consumer_id_hash = $2 AND c.institution_id = $3 AND c.business_line = $4
         AND c.dispute_type = $5 AND c.id <> $6 AND c.status <> 'draft'
       ORDER BY c.submitted_at DESC LIMIT 5`,
      [row.centerId, row.consumerIdHash, row.institutionId, row.businessLine, row.disputeType, row.id],
    )) as { id: string; caseNumber: string | null; status: CaseStatus }[];
  }

  /**
   * Moves a case from the state the caller saw to the next, with its timeline entry, in one
   * statement. No row means someone moved it first: the caller answers 409 with the new state.
   */
  async transition(
    row: Pick<CaseRow, 'id' | 'status' | 'centerId' | 'institutionId' | 'branchPath'>,
    to: CaseStatus,
    event: { kind: CaseEventKind; body?: string | null; detail?: Record<string, unknown> },
    set: Record<string, unknown> = {},
  ): Promise<boolean> {
    const p = new SqlParams();
    const sets = Object.entries(set).map(([column, value]) => `${column} = ${value === NOW ? 'now()' : p.add(value)}`);
    const scope = this.db.scope;
    const [{ moved }] = (await this.db.manager.query(
      `WITH u AS (
         UPDATE cases SET status = ${p.add(to)}, updated_at = now(), version = version + 1${sets.length ? ', ' + sets.join(', ') : ''}
         WHERE id = ${p.add(row.id)} AND status = ${p.add(row.status)} RETURNING id),
       e AS (
         INSERT INTO case_events (case_id, center_id, institution_id, branch_path, at, kind, actor_user_id, actor_organisation_id, actor_name,
                                  from_status, to_status, body, detail)
         SELECT u.id, ${p.add(row.centerId)}, ${p.add(row.institutionId)}, ${p.add(row.branchPath)}, clock_timestamp(), ${p.add(event.kind)},
                ${p.add(scope.userId)}, ${p.add(scope.organisationId)}, ${actorName(p, scope)}, ${p.add(row.status)}, ${p.add(to)},
                ${p.add(event.body ?? null)}, ${p.add(JSON.stringify(event.detail ?? {}))}::jsonb FROM u)
       SELECT count(*)::int AS moved FROM u`,
      p.values,
    )) as { moved: number }[];
    return moved === 1;
  }

  /** The one extension, on an open case whose clock runs and that has none yet (false: someone moved it first). */
  async extendMediation(id: string, days: number, newDueOn: string): Promise<boolean> {
    const updated = (await this.db.manager.query(
      `UPDATE cases SET mediation_extension_days = $2, mediation_due_on = $3, updated_at = now(), version = version + 1
       WHERE id = $1 AND mediation_extension_days = 0 AND mediation_started_on IS NOT NULL AND status IN ('scheduled', 'in_session', 'adjourned') RETURNING id`,
      [id, days, newDueOn],
    )) as [unknown[], number];
    return updated[0].length === 1;
  }

  async setTrack(id: string, track: string): Promise<void> {
    await this.db.manager.query(`UPDATE cases SET track = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, track]);
  }

  async setConsumerChoice(id: string, mediatorId: string): Promise<void> {
    await this.db.manager.query(`UPDATE cases SET consumer_chosen_mediator_id = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, mediatorId]);
  }

  async setSettledAmount(id: string, settledAmountFen: number): Promise<void> {
    await this.db.manager.query(`UPDATE cases SET settled_amount_fen = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, settledAmountFen]);
  }

  async currentStatus(id: string): Promise<CaseStatus | undefined> {
    const [row] = (await this.db.manager.query(`SELECT status FROM cases WHERE id = $1`, [id])) as { status: CaseStatus }[];
    return row?.status;
  }

  async addEvent(
    row: Pick<CaseRow, 'id' | 'centerId' | 'institutionId' | 'branchPath'>,
    event: { kind: CaseEventKind; body?: string | null; detail?: Record<string, unknown>; centerOnly?: boolean; fromStatus?: CaseStatus; toStatus?: CaseStatus },
  ): Promise<string> {
    const p = new SqlParams();
    const scope = this.db.scope;
    const [{ id }] = (await this.db.manager.query(
      `WITH t AS (UPDATE cases SET updated_at = now() WHERE id = ${p.add(row.id)})
       INSERT INTO case_events (case_id, center_id, institution_id, branch_path, at, kind, center_only, actor_user_id, actor_organisation_id, actor_name,
                                from_status, to_status, body, detail)
       VALUES (${p.add(row.id)}, ${p.add(row.centerId)}, ${p.add(row.institutionId)}, ${p.add(row.branchPath)}, clock_timestamp(), ${p.add(event.kind)},
               ${p.add(event.centerOnly ?? false)}, ${p.add(scope.userId)}, ${p.add(scope.organisationId)}, ${actorName(p, scope)},
               ${p.add(event.fromStatus ?? null)}, ${p.add(event.toStatus ?? null)},
               ${p.add(event.body ?? null)}, ${p.add(JSON.stringify(event.detail ?? {}))}::jsonb)
       RETURNING id`,
      p.values,
    )) as { id: string }[];
    return id;
  }

  async timeline(caseId: string, includeCenterOnly: boolean) {
    return (await this.db.manager.query(
      `SELECT id, at, kind, center_only AS "centerOnly", actor_name AS "actorName", from_status AS "fromStatus", to_status AS "toStatus", body, detail
       FROM case_events WHERE case_id = $1 ${includeCenterOnly ? '' : 'AND NOT center_only'} ORDER BY at, id LIMIT 1000`,
      [caseId],
    )) as { id: string }[];
  }

  /** What the in-app notices about a case say and whom they reach. */
  /** What a notice about a move to `status` says: the case, and who made the move (its latest timeline entry into it) with their note. */
  async notifyFacts(id: string, status: string): Promise<NotifyFacts | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT c.case_number AS "caseNumber", c.center_id AS "centerId", ${directorySql.organisationName('c.center_id')} AS "centerName",
              ${directorySql.organisationName('c.institution_id')} AS "institutionName",
              c.institution_id AS "institutionId", c.created_by_user_id AS "createdByUserId", c.mediator_id AS "mediatorId", c.mediator_name AS "mediatorName",
              e.actor_name AS "actorName", e.body AS "note"
       FROM cases c
       LEFT JOIN LATERAL (SELECT actor_name, body FROM case_events WHERE case_id = c.id AND to_status = $2 ORDER BY created_at DESC LIMIT 1) e ON true
       WHERE c.id = $1`,
      [id, status],
    )) as NotifyFacts[];
    return row;
  }

  /** A comment of the case's timeline as its notice tells it: who wrote it, from which organisation, and what. */
  async commentFacts(caseId: string, eventId: string): Promise<CommentFacts | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT e.actor_user_id AS "actorUserId", e.actor_organisation_id AS "actorOrganisationId", e.actor_name AS "actorName",
              ${directorySql.organisationName('e.actor_organisation_id')} AS "organisationName", e.body
       FROM case_events e WHERE e.id = $2 AND e.case_id = $1 AND e.kind = 'comment' AND NOT e.center_only`,
      [caseId, eventId],
    )) as CommentFacts[];
    return row;
  }

  /** Open cases per mediator of a center, by state, for the caseload board and the proposals' ranking. */
  async openCasesByMediator(centerId: string): Promise<Map<string, OpenCaseCounts>> {
    const rows = (await this.db.manager.query(
      `SELECT mediator_id AS "mediatorId",
              count(*) FILTER (WHERE status = 'assigned')::int AS assigned, count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled,
              count(*) FILTER (WHERE status = 'in_session')::int AS in_session, count(*) FILTER (WHERE status = 'adjourned')::int AS adjourned,
              count(*) FILTER (WHERE status = 'assigned' AND first_session_due_on < $2::date)::int AS overdue
       FROM cases WHERE center_id = $1 AND mediator_id IS NOT NULL AND status IN (${OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})
       GROUP BY mediator_id`,
      [centerId, shanghaiDate(new Date())],
    )) as (OpenCaseCounts & { mediatorId: string })[];
    return new Map(rows.map(({ mediatorId, ...counts }) => [mediatorId, counts]));
  }

  /** The mediators who stepped aside from this case: never proposed for it again. */
  async recusedMediators(caseId: string): Promise<Set<string>> {
    const rows = (await this.db.manager.query(
      `SELECT DISTINCT detail->>'recusedMediatorId' AS id FROM case_events WHERE case_id = $1 AND kind = 'assignment' AND detail ? 'recusedMediatorId'`,
      [caseId],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }
}

export interface OpenCaseCounts {
  assigned: number;
  scheduled: number;
  in_session: number;
  adjourned: number;
  overdue: number;
}

/** Marker for `set`: the column takes the transaction's now(). */
export const NOW = Symbol('now');

/** The actor's name as the timeline shows it: the user, or the bank system's API key. */
export function actorName(p: SqlParams, scope: AccessScope): string {
  return `coalesce(${directorySql.userName(p.add(scope.userId))}, ${apiKeyLabelSql(p.add(scope.apiKeyId ?? null))}, 'system')`;
}

export interface CommentFacts {
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorName: string;
  organisationName: string | null;
  body: string | null;
}

export interface NotifyFacts {
  caseNumber: string | null;
  centerId: string;
  centerName: string;
  institutionName: string;
  institutionId: string;
  /** Who made the move (the timeline's actor), and the note they wrote with it. */
  actorName: string | null;
  note: string | null;
  createdByUserId: string | null;
  mediatorId: string | null;
  mediatorName: string | null;
}

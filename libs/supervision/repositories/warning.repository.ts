import { Injectable } from '@nestjs/common';
import type { WarningMetric, WarningNoticeState, WarningPeriodKind, WarningStatus } from '@accord/contracts';
import { AccessScope, columns, Database, RowOf, SqlParams } from '@accord/core';
import { SupervisionWarningEntity, SupervisionWarningEventEntity } from '../entities/warning.entities';
import { noticeStateSql } from './notice.repository';

const LISTED_REST = columns(SupervisionWarningEntity, [
  'id', 'centerId', 'institutionId', 'businessLine', 'periodKind', 'metric', 'observed', 'concluded', 'expected', 'bound', 'priorPeriods', 'method', 'status', 'createdAt',
] as const);
const DAYS = columns(SupervisionWarningEntity, ['periodStart', 'periodEnd'] as const);
/** The dates as their 'YYYY-MM-DD' text (node-postgres would make a local-midnight Date of a date). */
const days = (a: string) => DAYS.keys.map((k) => `${a}.${DAYS.column(k)}::text AS "${k}"`).join(', ');
const LISTED = { select: (a: string) => `${LISTED_REST.select(a)}, ${days(a)}, ${noticeStateSql(a)} AS "noticeState"` };
const DETAIL = columns(SupervisionWarningEntity, ['acknowledgedByUserId', 'acknowledgedByName', 'acknowledgedAt', 'acknowledgeComment'] as const);
const EVENT = columns(SupervisionWarningEventEntity, ['kind', 'actorUserId', 'comment', 'noticeId', 'at'] as const);
const EVENT_OF = columns(SupervisionWarningEventEntity, ['warningId'] as const);
const INSERTED = columns(SupervisionWarningEntity, [
  'centerId', 'institutionId', 'businessLine', 'periodKind', 'periodStart', 'periodEnd', 'metric', 'observed', 'concluded', 'expected', 'bound', 'priorPeriods', 'method',
] as const);

const INSERTED_REST = columns(SupervisionWarningEntity, [
  'centerId', 'institutionId', 'businessLine', 'periodKind', 'metric', 'observed', 'concluded', 'expected', 'bound', 'priorPeriods', 'method',
] as const);

export type WarningRow = RowOf<typeof LISTED_REST> & RowOf<typeof DAYS> & { noticeState: WarningNoticeState };
export type WarningDetailRow = WarningRow & RowOf<typeof DETAIL>;
export type WarningEventRow = RowOf<typeof EVENT>;
export type NewWarning = RowOf<typeof INSERTED>;

export interface WarningFilter {
  status?: WarningStatus;
  institutionId?: string;
  periodKind?: WarningPeriodKind;
  metric?: WarningMetric;
  noticeState?: WarningNoticeState;
}

/** The first wall (RLS is the second): a regulator its jurisdiction's centers, an institution its own. */
function scoped(p: SqlParams, scope: AccessScope, alias = 'w'): string {
  if (scope.kind === 'regulator') return `${alias}.center_id = ANY(${p.add(scope.centerIds)}::uuid[])`;
  if (scope.kind === 'institution') return `${alias}.institution_id = ${p.add(scope.organisationId)}`;
  if (scope.kind === 'system') return 'true';
  return 'false';
}

/** supervision_warnings and their timeline. */
@Injectable()
export class WarningRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts the warnings that are not there yet (one per unit, period and metric: ON CONFLICT DO
   * NOTHING on the unique index) with their 'raised' step, in one statement; returns those
   * inserted now.
   */
  async insertNew(warnings: readonly NewWarning[]): Promise<(NewWarning & { id: string })[]> {
    if (!warnings.length) return [];
    const names = INSERTED.names();
    return (await this.db.manager.query(
      `WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(center_id uuid, institution_id uuid, business_line varchar, period_kind varchar,
                    period_start date, period_end date, metric varchar, observed int, concluded int, expected double precision, bound int, prior_periods int, method varchar)),
            ins AS (INSERT INTO supervision_warnings (${names}) SELECT ${names} FROM v
                    ON CONFLICT (institution_id, business_line, period_kind, period_start, center_id, metric) DO NOTHING
                    RETURNING id, ${names}),
            ev AS (INSERT INTO supervision_warning_events (warning_id, center_id, institution_id, kind) SELECT id, center_id, institution_id, 'raised' FROM ins)
       SELECT id, ${INSERTED_REST.select('ins')}, ${days('ins')} FROM ins`,
      [JSON.stringify(warnings.map((w) => Object.fromEntries(Object.entries(w).map(([k, v]) => [INSERTED.column(k as keyof NewWarning), v]))))],
    )) as (NewWarning & { id: string })[];
  }

  async page(filter: WarningFilter, limit: number, offset: number): Promise<{ rows: WarningRow[]; total: number }> {
    const p = new SqlParams();
    const where = [scoped(p, this.db.scope)];
    if (filter.status) where.push(`w.status = ${p.add(filter.status)}`);
    if (filter.institutionId) where.push(`w.institution_id = ${p.add(filter.institutionId)}`);
    if (filter.periodKind) where.push(`w.period_kind = ${p.add(filter.periodKind)}`);
    if (filter.metric) where.push(`w.metric = ${p.add(filter.metric)}`);
    if (filter.noticeState) where.push(`(${noticeStateSql('w')}) = ${p.add(filter.noticeState)}`);
    const rows = (await this.db.manager.query(
      `SELECT ${LISTED.select('w')}, count(*) OVER ()::int AS "total" FROM supervision_warnings w
       WHERE ${where.join(' AND ')} ORDER BY w.period_start DESC, w.created_at DESC, w.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    )) as (WarningRow & { total: number })[];
    let total = rows[0]?.total ?? 0;
    if (!rows.length && offset > 0) {
      const [c] = (await this.db.manager.query(`SELECT count(*)::int AS n FROM supervision_warnings w WHERE ${where.join(' AND ')}`, p.values.slice(0, -2))) as { n: number }[];
      total = c.n;
    }
    return { rows: rows.map(({ total: _t, ...r }) => r), total };
  }

  async one(id: string): Promise<WarningDetailRow | undefined> {
    const p = new SqlParams();
    const [row] = (await this.db.manager.query(
      `SELECT ${LISTED.select('w')}, ${DETAIL.select('w')} FROM supervision_warnings w WHERE w.id = ${p.add(id)} AND ${scoped(p, this.db.scope)}`,
      p.values,
    )) as WarningDetailRow[];
    return row;
  }

  async events(warningId: string): Promise<WarningEventRow[]> {
    return (await this.db.manager.query(`SELECT ${EVENT.select()} FROM supervision_warning_events WHERE warning_id = $1 ORDER BY id`, [warningId])) as WarningEventRow[];
  }

  /** Open → acknowledged with its step on the timeline, in one statement; false when it was not open (or not the scope's). */
  async acknowledge(id: string, by: { userId: string; organisationId: string; name: string }, comment: string): Promise<boolean> {
    const p = new SqlParams();
    const rows = (await this.db.manager.query(
      `WITH u AS (UPDATE supervision_warnings w SET status = 'acknowledged', acknowledged_by_user_id = ${p.add(by.userId)}, acknowledged_by_name = ${p.add(by.name)}, acknowledged_at = now(),
                    acknowledge_comment = ${p.add(comment)}
                  WHERE w.id = ${p.add(id)} AND w.status = 'open' AND ${scoped(p, this.db.scope)} RETURNING w.id, w.center_id, w.institution_id)
       INSERT INTO supervision_warning_events (warning_id, center_id, institution_id, kind, actor_user_id, actor_organisation_id, comment)
       SELECT id, center_id, institution_id, 'acknowledged', ${p.add(by.userId)}, ${p.add(by.organisationId)}, ${p.add(comment)} FROM u RETURNING warning_id`,
      p.values,
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * The monthly report's warnings: those whose period starts in [from, to) (a month's and the
   * weeks starting in it), of `centerIds` within the scope, oldest period first, with what the
   * timeline needs of the acknowledgement.
   */
  async startingIn(from: string, to: string, centerIds: readonly string[]): Promise<WarningDetailRow[]> {
    const p = new SqlParams();
    return (await this.db.manager.query(
      `SELECT ${LISTED.select('w')}, ${DETAIL.select('w')} FROM supervision_warnings w
       WHERE w.period_start >= ${p.add(from)}::date AND w.period_start < ${p.add(to)}::date AND w.center_id = ANY(${p.add(centerIds)}::uuid[]) AND ${scoped(p, this.db.scope)}
       ORDER BY w.period_start, w.period_kind, w.created_at, w.id`,
      p.values,
    )) as WarningDetailRow[];
  }

  /** The timelines of several warnings in one read, each in order. */
  async eventsOf(warningIds: readonly string[]): Promise<(WarningEventRow & { warningId: string })[]> {
    if (!warningIds.length) return [];
    return (await this.db.manager.query(
      `SELECT ${EVENT_OF.select()}, ${EVENT.select()} FROM supervision_warning_events WHERE warning_id = ANY($1::uuid[]) ORDER BY warning_id, id`,
      [warningIds],
    )) as (WarningEventRow & { warningId: string })[];
  }
}

import { Injectable } from '@nestjs/common';
import type { CaseStatus } from '@accord/contracts';
import { auditInsertSelect, calendarSql, columns, Database, outboxInsertSelect, RowOf, SqlParams } from '@accord/core';
import { directorySql } from '@accord/organisations';
import { CaseEntity } from '../entities/case.entity';
import { actorName, CaseDetailRow, DETAIL_COLUMNS } from './case.repository';

export type FiledRow = CaseDetailRow & { repeatCandidates: { id: string; caseNumber: string | null; status: CaseStatus }[] };

/** Everything a filing needs to know, read in one round trip. */
export interface FilingContext {
  centerCode: string | null;
  member: boolean;
  branchPath: string | null;
  smallClaimsMaxFen: string;
  intakeDays: number;
  smallClaimsContactDays: number;
  years: number[];
  days: [string, boolean][];
  existing: { id: string; hash: string } | null;
}

/** The referral's columns a draft's edit may change (CaseEntity declares them; names and types derive). */
const EDITABLE = columns(CaseEntity, [
  'branchId',
  'branchPath',
  'branchLevel2Id',
  'branchLevel3Id',
  'branchLevel4Id',
  'track',
  'businessLine',
  'disputeType',
  'amountFen',
  'facts',
  'claims',
  'bankPosition',
  'priorComplaintRef',
  'complaintReceivedOn',
  'preferredChannel',
  'preferredTimes',
  'consentNote',
  'consumerIdType',
  'consumerNeedsAssistance',
  'consumerSealed',
  'consumerNameMasked',
  'consumerPhoneMasked',
  'consumerIdMasked',
  'consumerPhoneHash',
  'consumerIdHash',
] as const);

/** The columns only the filing itself writes. */
const FILED = columns(CaseEntity, [
  'id',
  'centerId',
  'institutionId',
  'createdByOrganisationId',
  'idempotencyKey',
  'idempotencyHash',
  'source',
  'intakeDueOn',
  'clockProblem',
] as const);

/**
 * The columns a filing writes: the service has validated, sealed and hashed them. The amount
 * comes from the request as a number (the column is bigint, read back as a string); consent is
 * a flag here and a time on the row.
 */
export type CaseValues = Omit<RowOf<typeof EDITABLE> & RowOf<typeof FILED>, 'amountFen'> & { amountFen: number; consentGiven: boolean };

/**
 * The filing write path, kept to two statements after BEGIN: the context read and one INSERT
 * whose CTEs draw the case number, write the case, its first timeline entry, the outbox event
 * and the audit entry. It is the hottest write the product has (bank systems file in bulk).
 */
@Injectable()
export class FilingRepository {
  constructor(private readonly db: Database) {}

  async context(centerId: string, institutionId: string, branchId: string, from: string, idempotencyKey: string | null): Promise<FilingContext> {
    const [row] = (await this.db.manager.query(
      `SELECT ${directorySql.activeCenterCode('$1')} AS "centerCode", ${directorySql.isActiveMember('$1', '$2')} AS member,
              ${directorySql.branchPath('$3', '$2')} AS "branchPath",
              coalesce(s.small_claims_max_fen, 500000) AS "smallClaimsMaxFen", coalesce(s.intake_days, 5) AS "intakeDays",
              coalesce(s.small_claims_contact_days, 2) AS "smallClaimsContactDays",
              ${calendarSql.coveredYears('$1')} AS years, ${calendarSql.exceptionDays('$1', '$4', 60)} AS days,
              (SELECT json_build_object('id', id, 'hash', encode(idempotency_hash, 'hex')) FROM cases
                 WHERE created_by_organisation_id = $6 AND idempotency_key = $5) AS existing
       FROM (SELECT 1) one LEFT JOIN case_settings s ON s.center_id = $1`,
      [centerId, institutionId, branchId, from, idempotencyKey, this.db.scope.organisationId],
    )) as FilingContext[];
    return row;
  }

  /** Inserts the case and answers it as the detail view reads it; when `submit`, it also draws its number. */
  async insert(
    v: CaseValues,
    submit: { year: number; prefix: string } | null,
    event: { type: string; rooms: string[]; job: string },
    /** Commit with this statement (a single filing); a batch import keeps its transaction open. */
    commit: boolean,
  ): Promise<FiledRow> {
    const p = new SqlParams();
    const scope = this.db.scope;
    const number = submit
      ? `(SELECT ${p.add(`${submit.prefix}-${submit.year}-`)} || lpad(n.last_value::text, greatest(6, length(n.last_value::text)), '0') FROM n)`
      : 'NULL';
    const counter = submit
      ? `n AS (INSERT INTO case_number_counters (center_id, year, last_value) VALUES (${p.add(v.centerId)}, ${p.add(submit.year)}, 1)
               ON CONFLICT (center_id, year) DO UPDATE SET last_value = case_number_counters.last_value + 1 RETURNING last_value),`
      : '';
    const status = submit ? 'submitted' : 'draft';
    const cols = [
      ...FILED.keys.map((k) => [FILED.column(k), v[k]]),
      ['created_by_user_id', scope.userId],
      ['created_by_api_key_id', scope.apiKeyId ?? null],
      ['status', status],
      ...EDITABLE.keys.map((k) => [EDITABLE.column(k), v[k]]),
    ] as [string, unknown][];
    const values = cols.map(([, value]) => p.add(value));
    const repeat = () => `(SELECT r.id FROM cases r WHERE r.center_id = ${p.add(v.centerId)} AND r.consumer_id_hash = ${p.add(v.consumerIdHash)}
      AND r.institution_id = ${p.add(v.institutionId)} AND r.business_line = ${p.add(v.businessLine)} AND r.dispute_type = ${p.add(v.disputeType)}
      AND r.status <> 'draft' ORDER BY r.submitted_at DESC LIMIT 1)`;
    // The last statement of the filing, committed in the same round trip: the center's number
    // counter row stays locked for this statement and the commit, not across trips to Node.
    const sql = `WITH ${counter}
       c AS (INSERT INTO cases (${cols.map(([c]) => c).join(', ')}, case_number, consent_at, consent_attested_by, submitted_at, possible_repeat_of)
             VALUES (${values.join(', ')}, ${number}, ${v.consentGiven ? 'now()' : 'NULL'}, ${v.consentGiven ? p.add(scope.userId) : 'NULL'},
                     ${submit ? 'now()' : 'NULL'}, ${submit ? repeat() : 'NULL'})
             RETURNING *),
       e AS (INSERT INTO case_events (case_id, center_id, institution_id, branch_path, kind, actor_user_id, actor_organisation_id, actor_name, from_status, to_status)
             SELECT c.id, ${p.add(v.centerId)}, ${p.add(v.institutionId)}, ${p.add(v.branchPath)}, 'transition', ${p.add(scope.userId)},
                    ${p.add(scope.organisationId)}, ${actorName(p, scope)}, NULL, ${p.add(status)} FROM c),
       o AS (${outboxInsertSelect(
         p,
         {
           organisationId: scope.organisationId,
           type: event.type,
           rooms: event.rooms,
           payload: `json_build_object('caseId', c.id, 'status', ${p.add(status)}::text, 'centerId', ${p.add(v.centerId)}::uuid, 'change', 'filed')`,
           job: submit ? event.job : null,
           requestId: this.db.requestId ?? null,
         },
         'c',
       )}),
       -- A submitted referral counts in the statistics: the worker recounts its buckets.
       st AS (${outboxInsertSelect(
         p,
         {
           organisationId: scope.organisationId,
           type: 'statistics.stale',
           rooms: [],
           payload: `json_build_object('caseId', c.id)`,
           job: 'statistics.refresh-case',
           requestId: this.db.requestId ?? null,
         },
         'c',
         p.add(submit !== null),
       )}),
       a AS (${auditInsertSelect(
         p,
         scope,
         {
           action: submit ? 'case.filed' : 'case.drafted',
           subjectType: 'case',
           subjectId: 'c.id',
           detail: `json_build_object('caseNumber', c.case_number, 'centerId', ${p.add(v.centerId)}::uuid)`,
           ip: this.db.ip ?? null,
           userAgent: this.db.userAgent ?? null,
           requestId: this.db.requestId ?? null,
         },
         'c',
       )})
       SELECT ${DETAIL_COLUMNS},
              (SELECT coalesce(json_agg(json_build_object('id', r.id, 'caseNumber', r.case_number, 'status', r.status)), '[]')
                 FROM (SELECT r.id, r.case_number, r.status FROM cases r WHERE r.id = c.possible_repeat_of) r) AS "repeatCandidates"
       FROM c`;
    const rows = commit ? await this.db.manager.queryAndCommit<FiledRow>(sql, p.values) : ((await this.db.manager.query(sql, p.values)) as FiledRow[]);
    return rows[0];
  }

  /** Saves a draft's or a returned referral's edits, if nobody changed it since `version`. */
  async update(id: string, version: number, v: Partial<CaseValues>): Promise<boolean> {
    const p = new SqlParams();
    const sets = EDITABLE.keys.filter((k) => k in v).map((k) => `${EDITABLE.column(k)} = ${p.add(v[k])}`);
    if (v.consentGiven !== undefined) {
      // Ticking the box attests the consumer's consent at the counter: who did, kept with it.
      sets.push(`consent_at = ${v.consentGiven ? 'coalesce(consent_at, now())' : 'NULL'}`);
      sets.push(`consent_attested_by = ${v.consentGiven ? `coalesce(consent_attested_by, ${p.add(this.db.scope.userId)}::uuid)` : 'NULL'}`);
    }
    const [{ n }] = (await this.db.manager.query(
      `WITH u AS (UPDATE cases SET ${[...sets, 'updated_at = now()', 'version = version + 1'].join(', ')}
                  WHERE id = ${p.add(id)} AND version = ${p.add(version)} AND status IN ('draft', 'returned') RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      p.values,
    )) as { n: number }[];
    return n === 1;
  }

  /** A draft's first submission draws its number; a returned referral keeps the one it has. */
  async submit(id: string, from: 'draft' | 'returned', centerId: string, year: number, prefix: string, intakeDueOn: string | null, clockProblem: string | null): Promise<string | null> {
    const p = new SqlParams();
    const counter =
      from === 'draft'
        ? `WITH n AS (INSERT INTO case_number_counters (center_id, year, last_value) VALUES (${p.add(centerId)}, ${p.add(year)}, 1)
                      ON CONFLICT (center_id, year) DO UPDATE SET last_value = case_number_counters.last_value + 1 RETURNING last_value)`
        : '';
    const number =
      from === 'draft' ? `case_number = (SELECT ${p.add(`${prefix}-${year}-`)} || lpad(n.last_value::text, greatest(6, length(n.last_value::text)), '0') FROM n),` : '';
    // An UPDATE answers [rows, rowCount] (TypeORM's convention, kept by our executor).
    const [rows] = (await this.db.manager.query(
      `${counter}
       UPDATE cases SET ${number} status = 'submitted', submitted_at = now(), updated_at = now(), version = version + 1,
              intake_due_on = ${p.add(intakeDueOn)}, clock_problem = ${p.add(clockProblem)},
              possible_repeat_of = (SELECT r.id FROM cases r WHERE r.center_id = cases.center_id AND r.consumer_id_hash = cases.consumer_id_hash
                AND r.institution_id = cases.institution_id AND r.business_line = cases.business_line AND r.dispute_type = cases.dispute_type
                AND r.status <> 'draft' AND r.id <> cases.id ORDER BY r.submitted_at DESC LIMIT 1)
       WHERE id = ${p.add(id)} AND status = ${p.add(from)} RETURNING case_number AS "caseNumber"`,
      p.values,
    )) as [{ caseNumber: string }[], number];
    return rows[0]?.caseNumber ?? null;
  }

  /**
   * A draft's consent by link moves (`from` → `to`); given, it also takes the consent's time.
   * False when the draft is no longer in `from` (someone answered or cancelled first).
   */
  async setConsentState(id: string, from: string | null, to: string | null): Promise<boolean> {
    const [, count] = (await this.db.manager.query(
      `UPDATE cases SET consent_state = $3::varchar, consent_at = CASE WHEN $3::varchar = 'given' THEN now() ELSE NULL END, consent_attested_by = NULL,
              updated_at = now(), version = version + 1
       WHERE id = $1 AND status = 'draft' AND consent_state IS NOT DISTINCT FROM $2`,
      [id, from, to],
    )) as [unknown, number];
    return count === 1;
  }

  async discard(id: string): Promise<boolean> {
    const [, count] = (await this.db.manager.query(`DELETE FROM cases WHERE id = $1 AND status = 'draft'`, [id])) as [unknown, number];
    return count === 1;
  }
}

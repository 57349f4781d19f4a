import { Injectable } from '@nestjs/common';
import type { CaseStatus } from '@accord/contracts';
import { Database, SqlParams } from '@accord/core';
import { actorName, CaseDetailRow, DETAIL_COLUMNS, JOIN_NAMES } from './case.repository';

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

/** The columns a filing writes: the service has validated, sealed and hashed them. */
export interface CaseValues {
  id: string;
  centerId: string;
  institutionId: string;
  branchId: string;
  branchPath: string;
  branchLevel2Id: string | null;
  branchLevel3Id: string | null;
  branchLevel4Id: string | null;
  createdByOrganisationId: string;
  idempotencyKey: string | null;
  idempotencyHash: Buffer | null;
  track: string;
  source: string;
  businessLine: string | null;
  disputeType: string | null;
  amountFen: number;
  facts: string;
  claims: string;
  bankPosition: string;
  priorComplaintRef: string | null;
  complaintReceivedOn: string | null;
  preferredChannel: string | null;
  preferredTimes: string | null;
  consentGiven: boolean;
  consentNote: string | null;
  consumerIdType: string | null;
  consumerNeedsAssistance: boolean;
  consumerSealed: Buffer | null;
  consumerNameMasked: string;
  consumerPhoneMasked: string;
  consumerIdMasked: string;
  consumerPhoneHash: Buffer | null;
  consumerIdHash: Buffer | null;
  intakeDueOn: string | null;
  clockProblem: string | null;
}

const EDITABLE: [keyof CaseValues, string][] = [
  ['branchId', 'branch_id'],
  ['branchPath', 'branch_path'],
  ['branchLevel2Id', 'branch_level2_id'],
  ['branchLevel3Id', 'branch_level3_id'],
  ['branchLevel4Id', 'branch_level4_id'],
  ['track', 'track'],
  ['businessLine', 'business_line'],
  ['disputeType', 'dispute_type'],
  ['amountFen', 'amount_fen'],
  ['facts', 'facts'],
  ['claims', 'claims'],
  ['bankPosition', 'bank_position'],
  ['priorComplaintRef', 'prior_complaint_ref'],
  ['complaintReceivedOn', 'complaint_received_on'],
  ['preferredChannel', 'preferred_channel'],
  ['preferredTimes', 'preferred_times'],
  ['consentNote', 'consent_note'],
  ['consumerIdType', 'consumer_id_type'],
  ['consumerNeedsAssistance', 'consumer_needs_assistance'],
  ['consumerSealed', 'consumer_sealed'],
  ['consumerNameMasked', 'consumer_name_masked'],
  ['consumerPhoneMasked', 'consumer_phone_masked'],
  ['consumerIdMasked', 'consumer_id_masked'],
  ['consumerPhoneHash', 'consumer_phone_hash'],
  ['consumerIdHash', 'consumer_id_hash'],
];

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
      `SELECT (SELECT code FROM organisations WHERE id = $1 AND kind = 'center' AND is_active) AS "centerCode",
              EXISTS (SELECT 1 FROM memberships WHERE center_id = $1 AND institution_id = $2 AND status = 'active') AS member,
              (SELECT path FROM branches WHERE id = $3 AND institution_id = $2) AS "branchPath",
              coalesce(s.small_claims_max_fen, 500000) AS "smallClaimsMaxFen", coalesce(s.intake_days, 5) AS "intakeDays",
              coalesce(s.small_claims_contact_days, 2) AS "smallClaimsContactDays",
              (SELECT coalesce(array_agg(year), '{}') FROM calendar_years WHERE center_id = $1) AS years,
              (SELECT coalesce(json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), is_working)), '[]')
                 FROM calendar_days WHERE center_id = $1 AND day > $4::date AND day <= $4::date + 60) AS days,
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
      ['id', v.id],
      ['center_id', v.centerId],
      ['institution_id', v.institutionId],
      ['created_by_organisation_id', v.createdByOrganisationId],
      ['created_by_user_id', scope.userId],
      ['created_by_api_key_id', scope.apiKeyId ?? null],
      ['idempotency_key', v.idempotencyKey],
      ['idempotency_hash', v.idempotencyHash],
      ['source', v.source],
      ['status', status],
      ['intake_due_on', v.intakeDueOn],
      ['clock_problem', v.clockProblem],
      ...EDITABLE.map(([k, col]) => [col, v[k]]),
    ] as [string, unknown][];
    const values = cols.map(([, value]) => p.add(value));
    const repeat = () => `(SELECT r.id FROM cases r WHERE r.center_id = ${p.add(v.centerId)} AND r.consumer_id_hash = ${p.add(v.consumerIdHash)}
      AND r.institution_id = ${p.add(v.institutionId)} AND r.business_line = ${p.add(v.businessLine)} AND r.dispute_type = ${p.add(v.disputeType)}
      AND r.status <> 'draft' ORDER BY r.submitted_at DESC LIMIT 1)`;
    // The last statement of the filing, committed in the same round trip: the center's number
    // counter row stays locked for this statement and the commit, not across trips to Node.
    const sql = `WITH ${counter}
       c AS (INSERT INTO cases (${cols.map(([c]) => c).join(', ')}, case_number, consent_at, submitted_at, possible_repeat_of)
             VALUES (${values.join(', ')}, ${number}, ${v.consentGiven ? 'now()' : 'NULL'}, ${submit ? 'now()' : 'NULL'}, ${submit ? repeat() : 'NULL'})
             RETURNING *),
       e AS (INSERT INTO case_events (case_id, center_id, institution_id, branch_path, kind, actor_user_id, actor_organisation_id, actor_name, from_status, to_status)
             SELECT c.id, ${p.add(v.centerId)}, ${p.add(v.institutionId)}, ${p.add(v.branchPath)}, 'transition', ${p.add(scope.userId)},
                    ${p.add(scope.organisationId)}, ${actorName(p, scope)}, NULL, ${p.add(status)} FROM c),
       o AS (INSERT INTO outbox (organisation_id, type, rooms, payload, job_name, request_id)
             SELECT ${p.add(scope.organisationId)}, ${p.add(event.type)}, ${p.add(event.rooms)},
                    json_build_object('caseId', c.id, 'status', ${p.add(status)}::text, 'centerId', ${p.add(v.centerId)}::uuid, 'change', 'filed'),
                    ${p.add(submit ? event.job : null)}, ${p.add(this.db.requestId ?? null)} FROM c),
       -- A submitted referral counts in the statistics: the worker recounts its buckets.
       st AS (INSERT INTO outbox (organisation_id, type, rooms, payload, job_name, request_id)
              SELECT ${p.add(scope.organisationId)}, 'statistics.stale', '{}', json_build_object('caseId', c.id), 'statistics.refresh-case',
                     ${p.add(this.db.requestId ?? null)} FROM c WHERE ${p.add(submit !== null)}),
       a AS (INSERT INTO audit_events (organisation_id, actor_user_id, actor_api_key_id, action, subject_type, subject_id, detail, ip, request_id)
             SELECT ${p.add(scope.organisationId)}, ${p.add(scope.userId)}, ${p.add(scope.apiKeyId ?? null)}, ${p.add(submit ? 'case.filed' : 'case.drafted')},
                    'case', c.id, json_build_object('caseNumber', c.case_number, 'centerId', ${p.add(v.centerId)}::uuid), ${p.add(this.db.ip ?? null)},
                    ${p.add(this.db.requestId ?? null)} FROM c)
       SELECT ${DETAIL_COLUMNS},
              (SELECT coalesce(json_agg(json_build_object('id', r.id, 'caseNumber', r.case_number, 'status', r.status)), '[]')
                 FROM (SELECT r.id, r.case_number, r.status FROM cases r WHERE r.id = c.possible_repeat_of) r) AS "repeatCandidates"
       FROM c ${JOIN_NAMES}`;
    const rows = commit ? await this.db.manager.queryAndCommit<FiledRow>(sql, p.values) : ((await this.db.manager.query(sql, p.values)) as FiledRow[]);
    return rows[0];
  }

  /** Saves a draft's or a returned referral's edits, if nobody changed it since `version`. */
  async update(id: string, version: number, v: Partial<CaseValues>): Promise<boolean> {
    const p = new SqlParams();
    const sets = EDITABLE.filter(([k]) => k in v).map(([k, col]) => `${col} = ${p.add(v[k])}`);
    if (v.consentGiven !== undefined) sets.push(`consent_at = ${v.consentGiven ? 'coalesce(consent_at, now())' : 'NULL'}`);
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

  async discard(id: string): Promise<boolean> {
    const [, count] = (await this.db.manager.query(`DELETE FROM cases WHERE id = $1 AND status = 'draft'`, [id])) as [unknown, number];
    return count === 1;
  }
}

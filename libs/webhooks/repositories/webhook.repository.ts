import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryStatus, WebhookEvent, WebhookEventType } from '@accord/contracts';
import { columns, Database, RowOf } from '@accord/core';
import { WebhookDeliveryEntity, WebhookEndpointEntity } from '../entities/webhook.entity';

const ENDPOINT = columns(WebhookEndpointEntity, [
  'id',
  'institutionId',
  'url',
  'description',
  'eventTypes',
  'enabled',
  'disabledReason',
  'consecutiveFailures',
  'previousSecretExpiresAt',
  'createdAt',
] as const);
export type EndpointRow = RowOf<typeof ENDPOINT>;

const SIGNING = columns(WebhookEndpointEntity, ['id', 'institutionId', 'url', 'enabled', 'secret', 'previousSecret', 'previousSecretExpiresAt'] as const);
export type SigningEndpointRow = RowOf<typeof SIGNING>;

const DELIVERY = columns(WebhookDeliveryEntity, [
  'id',
  'endpointId',
  'caseId',
  'seq',
  'eventType',
  'payload',
  'status',
  'attempts',
  'lastStatusCode',
  'lastLatencyMs',
  'lastResponse',
  'firstAttemptAt',
  'nextAttemptAt',
  'deliveredAt',
  'createdAt',
] as const);
export type DeliveryRow = RowOf<typeof DELIVERY>;

/** webhook_endpoints and webhook_deliveries: every query runs under the caller's RLS (an institution sees its own). */
@Injectable()
export class WebhookRepository {
  constructor(private readonly db: Database) {}

  async insertEndpoint(row: { institutionId: string; url: string; description: string | null; eventTypes: WebhookEventType[]; secret: string; createdByUserId: string | null }): Promise<EndpointRow> {
    const [created] = (await this.db.manager.query(
      `INSERT INTO webhook_endpoints (institution_id, url, description, event_types, secret, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ENDPOINT.select()}`,
      [row.institutionId, row.url, row.description, row.eventTypes, row.secret, row.createdByUserId],
    )) as EndpointRow[];
    return created;
  }

  async endpoints(institutionId: string): Promise<EndpointRow[]> {
    return (await this.db.manager.query(`SELECT ${ENDPOINT.select()} FROM webhook_endpoints WHERE institution_id = $1 ORDER BY created_at, id`, [institutionId])) as EndpointRow[];
  }

  async endpoint(institutionId: string, id: string): Promise<EndpointRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${ENDPOINT.select()} FROM webhook_endpoints WHERE id = $1 AND institution_id = $2`, [id, institutionId])) as EndpointRow[];
    return row;
  }

  async updateEndpoint(
    institutionId: string,
    id: string,
    patch: { url?: string; description?: string | null; eventTypes?: WebhookEventType[]; enabled?: boolean },
  ): Promise<EndpointRow | undefined> {
    const [[row]] = (await this.db.manager.query(
      `UPDATE webhook_endpoints SET
         url = COALESCE($3, url),
         description = CASE WHEN $4::boolean THEN $5 ELSE description END,
         event_types = COALESCE($6, event_types),
         enabled = COALESCE($7, enabled),
         -- Switching it back on starts a new run of failures.
         disabled_reason = CASE WHEN COALESCE($7, enabled) THEN NULL ELSE COALESCE(disabled_reason, 'admin') END,
         consecutive_failures = CASE WHEN $7::boolean THEN 0 ELSE consecutive_failures END,
         updated_at = now()
       WHERE id = $1 AND institution_id = $2 RETURNING ${ENDPOINT.select()}`,
      [id, institutionId, patch.url ?? null, patch.description !== undefined, patch.description ?? null, patch.eventTypes ?? null, patch.enabled ?? null],
    )) as [EndpointRow[], number];
    return row;
  }

  async deleteEndpoint(institutionId: string, id: string): Promise<boolean> {
    await this.db.manager.query(`DELETE FROM webhook_deliveries WHERE endpoint_id = $1 AND institution_id = $2`, [id, institutionId]);
    const [, deleted] = (await this.db.manager.query(`DELETE FROM webhook_endpoints WHERE id = $1 AND institution_id = $2`, [id, institutionId])) as [unknown[], number];
    return deleted > 0;
  }

  /** The old secret keeps signing until `until`; the new one signs from now on. */
  async rotateSecret(institutionId: string, id: string, secret: string, until: Date): Promise<EndpointRow | undefined> {
    const [[row]] = (await this.db.manager.query(
      `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = $4, secret = $3, updated_at = now()
       WHERE id = $1 AND institution_id = $2 RETURNING ${ENDPOINT.select()}`,
      [id, institutionId, secret, until],
    )) as [EndpointRow[], number];
    return row;
  }

  /**
   * Until this transaction ends, no other fan-out of the case's events goes on: a later event's
   * fan-out waits until the earlier one's deliveries are committed (it would not see them otherwise,
   * and would go first while the earlier one is still in flight to a slow receiver).
   */
  async lockCase(caseId: string): Promise<void> {
    await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('webhooks.case:' || $1, 0))`, [caseId]);
  }

  /** The institution's endpoints that asked for the event type (enabled or not: a disabled one gets it once back on). */
  async subscribed(institutionId: string, eventType: WebhookEventType): Promise<{ id: string }[]> {
    return (await this.db.manager.query(`SELECT id FROM webhook_endpoints WHERE institution_id = $1 AND $2 = ANY(event_types)`, [institutionId, eventType])) as { id: string }[];
  }

  async signingEndpoint(id: string): Promise<SigningEndpointRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${SIGNING.select()} FROM webhook_endpoints WHERE id = $1`, [id])) as SigningEndpointRow[];
    return row;
  }

  /** A failed attempt: counts the run of failures; at `limit` the endpoint is switched off. Answers whether this attempt switched it off. */
  async countFailure(id: string, limit: number): Promise<boolean> {
    const [[row]] = (await this.db.manager.query(
      `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
         enabled = CASE WHEN consecutive_failures + 1 >= $2 THEN false ELSE enabled END,
         disabled_reason = CASE WHEN consecutive_failures + 1 >= $2 AND enabled THEN 'failures' ELSE disabled_reason END
       WHERE id = $1 RETURNING (consecutive_failures = $2 AND NOT enabled) AS "justDisabled"`,
      [id, limit],
    )) as [{ justDisabled: boolean }[], number];
    return Boolean(row?.justDisabled);
  }

  async countSuccess(id: string): Promise<void> {
    await this.db.manager.query(`UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0`, [id]);
  }

  /** One delivery per endpoint for an outbox event; a second fan-out of the same event adds nothing. Answers the new ids. */
  async insertDeliveries(rows: { id: string; endpointId: string; institutionId: string; caseId: string; outboxId: string; eventType: WebhookEventType; payload: WebhookEvent }[]): Promise<string[]> {
    if (!rows.length) return [];
    const inserted = (await this.db.manager.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, institution_id, case_id, outbox_id, seq, event_type, payload)
       SELECT d, e, i, c, o, o, t, p FROM unnest($7::uuid[], $1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::text[], $6::jsonb[]) AS x(d, e, i, c, o, t, p)
       ON CONFLICT DO NOTHING RETURNING id`,
      [rows.map((r) => r.endpointId), rows.map((r) => r.institutionId), rows.map((r) => r.caseId), rows.map((r) => r.outboxId), rows.map((r) => r.eventType), rows.map((r) => JSON.stringify(r.payload)), rows.map((r) => r.id)],
    )) as { id: string }[];
    return inserted.map((r) => r.id);
  }

  /** The delivery, held until the attempt's transaction ends (a second job for it waits, then sees the outcome). */
  async lockDelivery(id: string): Promise<DeliveryRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${DELIVERY.select()} FROM webhook_deliveries WHERE id = $1 FOR UPDATE`, [id])) as DeliveryRow[];
    return row;
  }

  /** The case's earlier event for the endpoint still waiting to be delivered, if any: this one must wait for it. */
  async earlierOpen(d: Pick<DeliveryRow, 'endpointId' | 'caseId' | 'seq'>): Promise<{ id: string; nextAttemptAt: Date | null } | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT id, next_attempt_at AS "nextAttemptAt" FROM webhook_deliveries
       WHERE endpoint_id = $1 AND case_id = $2 AND seq < $3 AND status IN ('pending', 'retrying') ORDER BY seq LIMIT 1`,
      [d.endpointId, d.caseId, d.seq],
    )) as { id: string; nextAttemptAt: Date | null }[];
    return row;
  }

  /** The case's next event for the endpoint after this one, if it waits. */
  async nextOpen(d: Pick<DeliveryRow, 'endpointId' | 'caseId' | 'seq'>): Promise<string | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND case_id = $2 AND seq > $3 AND status IN ('pending', 'retrying') ORDER BY seq LIMIT 1`,
      [d.endpointId, d.caseId, d.seq],
    )) as { id: string }[];
    return row?.id;
  }

  /**
   * What a Redis that lost its jobs no longer knows: on every enabled endpoint, each case's first
   * delivery still to make (the later ones wait for it, and it hands over to them). Rare (once per
   * Redis loss): read through the chain index per endpoint, not kept in an index of its own.
   */
  async openChainHeads(): Promise<{ id: string; attempts: number; nextAttemptAt: Date | null }[]> {
    return (await this.db.manager.query(
      `SELECT DISTINCT ON (d.endpoint_id, d.case_id) d.id, d.attempts, d.next_attempt_at AS "nextAttemptAt"
       FROM webhook_endpoints e JOIN webhook_deliveries d ON d.endpoint_id = e.id
       WHERE e.enabled AND d.status IN ('pending', 'retrying') ORDER BY d.endpoint_id, d.case_id, d.seq`,
    )) as { id: string; attempts: number; nextAttemptAt: Date | null }[];
  }

  /** An endpoint back on: its waiting deliveries are due now; answers the first of each case's (to start again). */
  async resume(endpointId: string): Promise<string[]> {
    await this.db.manager.query(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE endpoint_id = $1 AND status = 'retrying'`, [endpointId]);
    const rows = (await this.db.manager.query(
      `SELECT DISTINCT ON (case_id) id FROM webhook_deliveries WHERE endpoint_id = $1 AND status IN ('pending', 'retrying') ORDER BY case_id, seq`,
      [endpointId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async recordAttempt(
    id: string,
    outcome: { status: WebhookDeliveryStatus; statusCode: number | null; latencyMs: number; response: string; nextAttemptAt: Date | null; at: Date },
  ): Promise<void> {
    await this.db.manager.query(
      `UPDATE webhook_deliveries SET status = $2::text, attempts = attempts + 1, last_status_code = $3, last_latency_ms = $4, last_response = $5,
         first_attempt_at = COALESCE(first_attempt_at, $6::timestamptz), next_attempt_at = $7,
         delivered_at = CASE WHEN $2::text = 'delivered' THEN $6::timestamptz ELSE delivered_at END, updated_at = now()
       WHERE id = $1`,
      [id, outcome.status, outcome.statusCode, outcome.latencyMs, outcome.response.slice(0, 1024), outcome.at, outcome.nextAttemptAt],
    );
  }

  async deliveries(endpointId: string, page: number, pageSize: number, status?: WebhookDeliveryStatus): Promise<{ items: DeliveryRow[]; total: number }> {
    const rows = (await this.db.manager.query(
      `SELECT ${DELIVERY.select()}, count(*) OVER () AS "total" FROM webhook_deliveries
       WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, seq DESC LIMIT $3 OFFSET $4`,
      [endpointId, status ?? null, pageSize, (page - 1) * pageSize],
    )) as (DeliveryRow & { total: string })[];
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && page > 1) {
      const [c] = (await this.db.manager.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2)`, [endpointId, status ?? null])) as { n: number }[];
      total = c.n;
    }
    return { items: rows.map(({ total: _, ...r }) => r), total };
  }

  /**
   * Sends deliveries again (one, or every one created in a time range): back to pending with a new
   * 3-day window. The webhook-id stays: a receiver that already processed one sees the same id.
   */
  async replay(endpointId: string, which: { id: string } | { from: Date; to: Date }): Promise<string[]> {
    const byId = 'id' in which;
    const [rows] = (await this.db.manager.query(
      `UPDATE webhook_deliveries SET status = 'pending', first_attempt_at = NULL, next_attempt_at = now(), updated_at = now()
       WHERE endpoint_id = $1 AND ${byId ? 'id = $2' : 'created_at >= $2 AND created_at < $3'} RETURNING id`,
      byId ? [endpointId, which.id] : [endpointId, which.from, which.to],
    )) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }
}

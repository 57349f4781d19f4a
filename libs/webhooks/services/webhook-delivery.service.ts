import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { WebhookEvent } from '@accord/contracts';
import { APP_CONFIG, AppConfig, Database, DelayedJobs, OutboxService } from '@accord/core';
import { CaseFacts } from '@accord/cases';
import { MessageService } from '@accord/notifications';
import { DirectoryService } from '@accord/organisations';
import { DeliveryRow, WebhookRepository } from '../repositories/webhook.repository';
import { webhookEventOf } from './webhook-events';
import { nextWebhookAttempt } from './webhook-retry';
import { postWebhook } from './webhook-sender';
import { signWebhook } from './webhook-signing';

/** One event's delivery to one endpoint has one id whenever it is made: a re-run fan-out reuses it. */
function deliveryId(endpointId: string, outboxId: string): string {
  const h = createHash('sha256').update(`webhook-delivery:${endpointId}:${outboxId}`).digest('hex');
  // Laid out as an RFC 9562 version-8 (custom) UUID.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A waiting delivery looks again this long after its case's earlier event is due (or now, if that one is in flight). */
const WAIT_STEP_MS = 1000;

/**
 * The worker's half: turns an outbox event into deliveries (one per subscribed endpoint of the
 * case's institution) and makes each attempt. Runs in the worker's system scope, inside the job's
 * transaction: an attempt's outcome and the job's processed row commit together, so a worker that
 * dies mid-attempt leaves the delivery as it was and the job runs again with the same webhook-id.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly db: Database,
    private readonly webhooks: WebhookRepository,
    private readonly cases: CaseFacts,
    private readonly directory: DirectoryService,
    private readonly messages: MessageService,
    private readonly outbox: OutboxService,
    private readonly delayed: DelayedJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async fanOut(source: { outboxId: string; type: string; at: string } & Record<string, unknown>): Promise<number> {
    const event = webhookEventOf(source.type, source);
    if (!event) return 0;
    const c = await this.cases.bankReference(event.caseId);
    if (!c) return 0;
    // Only the case's own institution hears of it: the endpoints are looked up by the case's institution id.
    const endpoints = await this.webhooks.subscribed(c.institutionId, event.type);
    if (!endpoints.length) return 0;
    await this.webhooks.lockCase(c.id);
    const branch = await this.directory.branch(c.institutionId, c.branchId);
    const payload = {
      type: event.type,
      timestamp: source.at,
      data: {
        case: { caseId: c.id, caseNumber: c.caseNumber, branchCode: branch?.code ?? null, externalComplaintId: c.priorComplaintRef },
        status: typeof source.status === 'string' && !source.status.startsWith('bank_') && event.type.startsWith('case.') ? source.status : c.status,
        ...event.data,
      },
    } as WebhookEvent;
    const ids = await this.webhooks.insertDeliveries(
      endpoints.map((e) => ({ id: deliveryId(e.id, source.outboxId), endpointId: e.id, institutionId: c.institutionId, caseId: c.id, outboxId: source.outboxId, eventType: event.type, payload })),
    );
    // The first attempts go out from here, side by side: no second trip through the outbox and
    // the queue (a delivery job each) between the case change and the bank. If this job dies
    // mid-way it runs again and makes the same deliveries with the same ids (webhook-ids).
    await Promise.all(ids.map((id) => this.attempt(id, { insertedHere: true })));
    return ids.length;
  }

  /**
   * One attempt at a delivery, unless it is done, not yet due, its endpoint is off, or its case's
   * earlier event still waits. `insertedHere`: the delivery row was inserted in this transaction
   * (the fan-out's first attempt), so no other transaction can see it before the commit.
   */
  async attempt(deliveryId: string, { insertedHere = false } = {}): Promise<void> {
    const d = await this.webhooks.lockDelivery(deliveryId);
    if (!d || d.status === 'delivered' || d.status === 'failed') return;
    const now = new Date();
    if (d.status === 'retrying' && d.nextAttemptAt && d.nextAttemptAt.getTime() > now.getTime() + 500) {
      // Too early (an early nudge: the earlier event just went out, or the fan-out's hand-over
      // below): the back-off is kept by the retry's delayed job, planned here if it is not yet.
      await this.scheduleRetry(d.id, d.attempts, d.nextAttemptAt);
      return;
    }
    const endpoint = await this.webhooks.signingEndpoint(d.endpointId);
    if (!endpoint?.enabled) return;
    const earlier = await this.webhooks.earlierOpen(d);
    if (earlier) {
      // A row inserted in this transaction is handed over through the outbox, like its retry
      // below: a delayed job planned from here could start before the commit and find nothing.
      if (insertedHere) return this.queue(deliveryId, endpoint.institutionId);
      const due = Math.max(now.getTime(), earlier.nextAttemptAt?.getTime() ?? 0) + WAIT_STEP_MS;
      await this.delayed.schedule('webhooks.deliver', { deliveryId }, `webhook-${deliveryId}-w${now.getTime()}`, new Date(due));
      return;
    }
    const timestamp = Math.floor(now.getTime() / 1000);
    const secrets = [endpoint.secret, ...(endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? [endpoint.previousSecret] : [])];
    const body = JSON.stringify(d.payload);
    const response = await postWebhook(
      new URL(endpoint.url),
      { 'webhook-id': d.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secrets, d.id, timestamp, body) },
      body,
      { timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE_URLS === 'true' },
    );
    const ok = response.statusCode !== null && response.statusCode >= 200 && response.statusCode < 300;
    const record = { statusCode: response.statusCode, latencyMs: response.latencyMs, response: response.snippet, at: now };
    if (ok) {
      await this.webhooks.recordAttempt(d.id, { ...record, status: 'delivered', nextAttemptAt: null });
      await this.webhooks.countSuccess(endpoint.id);
      await this.handOff(d, endpoint.institutionId);
      return;
    }
    const next = nextWebhookAttempt(d.firstAttemptAt ?? now, d.attempts + 1, this.config.WEBHOOK_RETRY_BASE_MS, now);
    await this.webhooks.recordAttempt(d.id, { ...record, status: next ? 'retrying' : 'failed', nextAttemptAt: next });
    this.logger.warn({ msg: 'webhook delivery failed', deliveryId: d.id, endpointId: endpoint.id, statusCode: response.statusCode, attempt: d.attempts + 1, nextAttemptAt: next?.toISOString() ?? null });
    const disabled = await this.webhooks.countFailure(endpoint.id, this.config.WEBHOOK_DISABLE_AFTER_FAILURES);
    if (disabled) await this.tellAdmins(endpoint.institutionId, endpoint.url, failureReason(response));
    if (next) {
      if (disabled) return;
      // A delayed job may fire before this transaction commits (an answer that took longer than
      // the back-off is due at once). A row another transaction committed is waited for (the
      // retry's lockDelivery), but one inserted here is invisible to it and the retry would find
      // nothing and be lost: the fan-out hands its retries over through the outbox instead, which
      // starts the job after the commit, and that job plans the delayed one if it is early.
      if (insertedHere) await this.queue(deliveryId, endpoint.institutionId);
      else await this.scheduleRetry(deliveryId, d.attempts + 1, next);
    } else {
      // A dead letter (replayable by hand) does not hold the case's later events back for ever.
      await this.handOff(d, endpoint.institutionId);
    }
  }

  /**
   * A Redis that lost its delayed jobs (DelayedJobsKeeper, through WebhookRetriesRestorer): each
   * case's first open delivery on each enabled endpoint is planned again at its due time (now, if
   * it fell due meanwhile) under its attempt's job id, so a retry Redis still holds is not doubled.
   */
  async planAgain(): Promise<number> {
    const heads = await this.webhooks.openChainHeads();
    const now = new Date();
    for (const d of heads) await this.scheduleRetry(d.id, d.attempts, d.nextAttemptAt && d.nextAttemptAt > now ? d.nextAttemptAt : now);
    return heads.length;
  }

  /** The retry after `failed` failed attempts, at `at`; one job id per attempt, so planning it twice plans it once. */
  private scheduleRetry(deliveryId: string, failed: number, at: Date): Promise<void> {
    return this.delayed.schedule('webhooks.deliver', { deliveryId }, `webhook-${deliveryId}-a${failed}`, at);
  }

  /** The case's next waiting event for the endpoint goes now. */
  private async handOff(d: DeliveryRow, institutionId: string): Promise<void> {
    const next = await this.webhooks.nextOpen(d);
    if (next) await this.queue(next, institutionId);
  }

  /** Through the outbox, so the job starts only once this transaction's rows are visible. */
  private queue(deliveryId: string, institutionId: string): Promise<void> {
    return this.outbox.add({ type: 'webhook.queued', organisationId: institutionId, payload: { deliveryId }, job: 'webhooks.deliver' });
  }

  /**
   * Once, when the run of failures switches the endpoint off (in this job's transaction, so a re-run
   * sends nothing twice): each active admin with an address hears why and where to switch it on.
   */
  private async tellAdmins(institutionId: string, url: string, reason: string): Promise<void> {
    const limit = this.config.WEBHOOK_DISABLE_AFTER_FAILURES;
    const page = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/webhooks`;
    for (const userId of await this.directory.activeUsersWithRole(institutionId, 'institution_admin')) {
      const user = await this.directory.user(userId);
      if (!user?.email) continue;
      await this.messages.queueEmail({
        organisationId: institutionId,
        caseId: null,
        caseNumber: null,
        email: user.email,
        subject: 'Webhook 端点已停用 / Webhook endpoint disabled',
        body:
          `您机构的 Webhook 端点 ${url} 连续 ${limit} 次投递失败，已自动停用。\n最后一次失败：${reason}\n` +
          `未送达的事件会保留，修复接收端后请在“Webhook 推送”页面重新启用：${page}\n\n` +
          `Your institution's webhook endpoint ${url} failed ${limit} deliveries in a row and has been disabled.\nLast failure: ${reason}\n` +
          `Undelivered events are kept; fix the receiver and enable it again on the Webhooks page: ${page}`,
      });
    }
  }
}

/** What the last attempt met, in one line: the HTTP status and the start of the answer, or the network error. */
export function failureReason(response: { statusCode: number | null; snippet: string }): string {
  const said = response.snippet.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (response.statusCode === null) return said || 'no answer';
  return said ? `HTTP ${response.statusCode}: ${said}` : `HTTP ${response.statusCode}`;
}

import { Inject, Injectable } from '@nestjs/common';
import type { Page, WebhookDeliveryStatus, WebhookDeliveryView, WebhookEndpointView, WebhookEndpointWithSecret, WebhookEventType, WebhookReplayResult } from '@accord/contracts';
import { APP_CONFIG, AppConfig, AuditService, Database, FieldError, NotFoundError, OutboxService, ValidationFailedError } from '@accord/core';
import { DeliveryRow, EndpointRow, WebhookRepository } from '../repositories/webhook.repository';
import { checkWebhookUrl } from './webhook-sender';
import { newWebhookSecret } from './webhook-signing';

/** After a rotation the old secret keeps signing this long, so the receiver can switch without losing a delivery. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** A replay of a time range queues at most this many deliveries (a wider range is refused, not cut short silently). */
export const REPLAY_LIMIT = 10000;

const EndpointNotFound = () => new NotFoundError('Webhook endpoint', 'WEBHOOK_ENDPOINT_NOT_FOUND');
const DeliveryNotFound = () => new NotFoundError('Webhook delivery', 'WEBHOOK_DELIVERY_NOT_FOUND');

/** An institution admin's endpoints: register, change, rotate the secret, read the log, replay. */
@Injectable()
export class WebhookEndpointService {
  constructor(
    private readonly db: Database,
    private readonly webhooks: WebhookRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get institutionId(): string {
    const { kind, organisationId } = this.db.scope;
    // Only institutions have endpoints; anyone else finds none (the route's role check comes first).
    if (kind !== 'institution' || !organisationId) throw EndpointNotFound();
    return organisationId;
  }

  async create(dto: { url: string; description?: string | null; eventTypes: WebhookEventType[] }): Promise<WebhookEndpointWithSecret> {
    const url = await this.checkedUrl(dto.url);
    const secret = newWebhookSecret();
    const row = await this.webhooks.insertEndpoint({
      institutionId: this.institutionId,
      url,
      description: dto.description ?? null,
      eventTypes: [...new Set(dto.eventTypes)],
      secret,
      createdByUserId: this.db.scope.userId,
    });
    await this.audit.record({ action: 'webhook-endpoint.created', subjectType: 'webhook_endpoint', subjectId: row.id, detail: { url, eventTypes: row.eventTypes } });
    return { ...view(row), secret };
  }

  async list(): Promise<{ items: WebhookEndpointView[] }> {
    return { items: (await this.webhooks.endpoints(this.institutionId)).map(view) };
  }

  async get(id: string): Promise<WebhookEndpointView> {
    return view(await this.owned(id));
  }

  async update(id: string, dto: { url?: string; description?: string | null; eventTypes?: WebhookEventType[]; enabled?: boolean }): Promise<WebhookEndpointView> {
    const before = await this.owned(id);
    const url = dto.url === undefined ? undefined : await this.checkedUrl(dto.url);
    const row = (await this.webhooks.updateEndpoint(this.institutionId, id, { ...dto, url, eventTypes: dto.eventTypes ? [...new Set(dto.eventTypes)] : undefined }))!;
    if (dto.enabled === true && !before.enabled) {
      // Back on: what waited while it was off goes out now, each case's events in order.
      for (const deliveryId of await this.webhooks.resume(id)) await this.queueDelivery(deliveryId);
    }
    await this.audit.record({ action: 'webhook-endpoint.updated', subjectType: 'webhook_endpoint', subjectId: id, detail: { ...dto } });
    return view(row);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.webhooks.deleteEndpoint(this.institutionId, id))) throw EndpointNotFound();
    await this.audit.record({ action: 'webhook-endpoint.deleted', subjectType: 'webhook_endpoint', subjectId: id });
  }

  /** A new secret, shown once; the old one stays valid (both sign) for 24 hours. */
  async rotateSecret(id: string): Promise<WebhookEndpointWithSecret> {
    await this.owned(id);
    const secret = newWebhookSecret();
    const row = (await this.webhooks.rotateSecret(this.institutionId, id, secret, new Date(Date.now() + ROTATION_OVERLAP_MS)))!;
    await this.audit.record({ action: 'webhook-endpoint.secret-rotated', subjectType: 'webhook_endpoint', subjectId: id });
    return { ...view(row), secret };
  }

  async deliveries(id: string, page: number, pageSize: number, status?: WebhookDeliveryStatus): Promise<Page<WebhookDeliveryView>> {
    await this.owned(id);
    const { items, total } = await this.webhooks.deliveries(id, page, pageSize, status);
    return { items: items.map(deliveryView), total, page, pageSize };
  }

  async replayOne(id: string, deliveryId: string): Promise<WebhookReplayResult> {
    await this.owned(id);
    const ids = await this.webhooks.replay(id, { id: deliveryId });
    if (!ids.length) throw DeliveryNotFound();
    return this.queueReplays(id, ids, { deliveryId });
  }

  async replayRange(id: string, from: Date, to: Date): Promise<WebhookReplayResult> {
    await this.owned(id);
    if (!(from < to)) throw new ValidationFailedError([new FieldError('to', 'must be after from')]);
    const ids = await this.webhooks.replay(id, { from, to });
    if (ids.length > REPLAY_LIMIT) throw new ValidationFailedError([new FieldError('from', `the range holds more than ${REPLAY_LIMIT} deliveries; replay a shorter one`)]);
    return this.queueReplays(id, ids, { from: from.toISOString(), to: to.toISOString() });
  }

  private async queueReplays(id: string, ids: string[], detail: Record<string, unknown>): Promise<WebhookReplayResult> {
    for (const deliveryId of ids) await this.queueDelivery(deliveryId);
    await this.audit.record({ action: 'webhook-endpoint.replayed', subjectType: 'webhook_endpoint', subjectId: id, detail: { ...detail, queued: ids.length } });
    return { queued: ids.length };
  }

  /** Through the outbox: the job runs only after this transaction (and its reset of the delivery) committed. */
  private queueDelivery(deliveryId: string): Promise<void> {
    return this.outbox.add({ type: 'webhook.queued', organisationId: this.institutionId, payload: { deliveryId }, job: 'webhooks.deliver' });
  }

  private async owned(id: string): Promise<EndpointRow> {
    const row = await this.webhooks.endpoint(this.institutionId, id);
    if (!row) throw EndpointNotFound();
    return row;
  }

  /** HTTPS (plain HTTP only where private addresses are allowed: a local receiver), never a private address. */
  private async checkedUrl(raw: string): Promise<string> {
    const allowPrivate = this.config.WEBHOOK_ALLOW_PRIVATE_URLS === 'true';
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ValidationFailedError([new FieldError('url', 'must be an absolute URL')]);
    }
    if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw new ValidationFailedError([new FieldError('url', 'must be an https:// URL')]);
    if (url.username || url.password) throw new ValidationFailedError([new FieldError('url', 'must not carry credentials')]);
    try {
      await checkWebhookUrl(url, allowPrivate);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ValidationFailedError([new FieldError('url', code ? `its host does not resolve (${code})` : 'resolves to a private, loopback or link-local address')]);
    }
    return url.toString();
  }
}

function view(r: EndpointRow): WebhookEndpointView {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    eventTypes: r.eventTypes,
    enabled: r.enabled,
    disabledReason: r.disabledReason,
    consecutiveFailures: r.consecutiveFailures,
    previousSecretExpiresAt: r.previousSecretExpiresAt && r.previousSecretExpiresAt > new Date() ? r.previousSecretExpiresAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
}

function deliveryView(d: DeliveryRow): WebhookDeliveryView {
  return {
    id: d.id,
    eventType: d.eventType,
    caseId: d.caseId,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastLatencyMs: d.lastLatencyMs,
    lastResponse: d.lastResponse,
    nextAttemptAt: d.status === 'retrying' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    payload: d.payload,
  };
}

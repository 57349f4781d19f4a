import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiCreated, ApiItems, ApiPage, ApiResult, Roles, UuidParam } from '@accord/core';
import { CreateWebhookEndpointDto, ReplayWebhookRangeDto, UpdateWebhookEndpointDto, WebhookDeliveriesQuery } from '../dto/webhook.dto';
import { WebhookEndpointService } from '../services/webhook-endpoint.service';

/**
 * A bank's webhook endpoints (Standard Webhooks). Every request carries `webhook-id` (the same on
 * retries and replays), `webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256>` of
 * `id.timestamp.body`, keyed with the `whsec_` secret; two signatures during a rotation). The body
 * is a WebhookEvent: one schema per event type.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('institution_admin')
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointService) {}

  @Get()
  @ApiItems('WebhookEndpointView')
  list() {
    return this.endpoints.list();
  }

  /** Registers an endpoint; the answer holds its `whsec_` secret, shown this once. */
  @Post()
  @ApiCreated('WebhookEndpointWithSecret')
  create(@Body() body: CreateWebhookEndpointDto) {
    return this.endpoints.create(body);
  }

  @Get(':id')
  @ApiResult('WebhookEndpointView')
  get(@Param('id', new UuidParam('Webhook endpoint')) id: string) {
    return this.endpoints.get(id);
  }

  /** Changes the URL, description or event types, or switches the endpoint on or off. */
  @Patch(':id')
  @ApiResult('WebhookEndpointView')
  update(@Param('id', new UuidParam('Webhook endpoint')) id: string, @Body() body: UpdateWebhookEndpointDto) {
    return this.endpoints.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', new UuidParam('Webhook endpoint')) id: string): Promise<void> {
    return this.endpoints.remove(id);
  }

  /** A new secret, shown once; the previous one keeps signing too for 24 hours. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiResult('WebhookEndpointWithSecret')
  rotate(@Param('id', new UuidParam('Webhook endpoint')) id: string) {
    return this.endpoints.rotateSecret(id);
  }

  /** The delivery log, newest first: status, attempts, the last answer's code, latency and first 1 KB. */
  @Get(':id/deliveries')
  @ApiPage('WebhookDeliveryView')
  deliveries(@Param('id', new UuidParam('Webhook endpoint')) id: string, @Query() query: WebhookDeliveriesQuery) {
    return this.endpoints.deliveries(id, query.page, query.pageSize, query.status);
  }

  /** Sends one delivery again (same webhook-id). */
  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(200)
  @ApiResult('WebhookReplayResult')
  replayOne(@Param('id', new UuidParam('Webhook endpoint')) id: string, @Param('deliveryId', new UuidParam('Webhook delivery')) deliveryId: string) {
    return this.endpoints.replayOne(id, deliveryId);
  }

  /** Sends again every delivery created in [from, to). */
  @Post(':id/replay')
  @HttpCode(200)
  @ApiResult('WebhookReplayResult')
  replayRange(@Param('id', new UuidParam('Webhook endpoint')) id: string, @Body() body: ReplayWebhookRangeDto) {
    return this.endpoints.replayRange(id, new Date(body.from), new Date(body.to));
  }
}

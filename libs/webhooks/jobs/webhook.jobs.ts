import { Injectable, OnModuleInit } from '@nestjs/common';
import { Database, DelayedJobs, HandlesJob, JobHandler, JobPayloads, SYSTEM_SCOPE } from '@accord/core';
import { WebhookDeliveryService } from '../services/webhook-delivery.service';

/** An event a bank may subscribe to: one delivery per subscribed endpoint of the case's institution. */
@Injectable()
@HandlesJob('webhooks.fan-out')
export class WebhookFanOutJob implements JobHandler<'webhooks.fan-out'> {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  async handle(payload: JobPayloads['webhooks.fan-out']): Promise<void> {
    await this.deliveries.fanOut(payload);
  }
}

/** One attempt at one delivery; a failure records itself and schedules the next attempt (the job succeeds). */
@Injectable()
@HandlesJob('webhooks.deliver')
export class WebhookDeliverJob implements JobHandler<'webhooks.deliver'> {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  async handle(payload: JobPayloads['webhooks.deliver']): Promise<void> {
    await this.deliveries.attempt(payload.deliveryId);
  }
}

/** Retries live in Redis as delayed jobs; a Redis that lost them gets them back from PostgreSQL. */
@Injectable()
export class WebhookRetriesRestorer implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly deliveries: WebhookDeliveryService,
    private readonly delayed: DelayedJobs,
  ) {}

  onModuleInit(): void {
    this.delayed.registerRestorer('webhooks.deliver', () => this.db.run(SYSTEM_SCOPE, () => this.deliveries.planAgain()));
  }
}

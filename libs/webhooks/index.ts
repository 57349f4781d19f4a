import { WebhookDeliveryEntity, WebhookEndpointEntity } from './entities/webhook.entity';

export const webhookEntities = [WebhookEndpointEntity, WebhookDeliveryEntity];
export { webhookMigrations } from './migrations';
export { WebhooksModule } from './webhooks.module';
export { signWebhook } from './services/webhook-signing';
export { webhookRetryDelay, nextWebhookAttempt, WEBHOOK_RETRY_WINDOW_MS } from './services/webhook-retry';

import { Module } from '@nestjs/common';
import { CasesModule } from '@accord/cases';
import { NotificationsModule } from '@accord/notifications';
import { OrganisationsModule } from '@accord/organisations';
import { WebhookEndpointsController } from './controllers/webhook-endpoints.controller';
import { WebhookDeliverJob, WebhookFanOutJob, WebhookRetriesRestorer } from './jobs/webhook.jobs';
import { WebhookRepository } from './repositories/webhook.repository';
import { WebhookDeliveryService } from './services/webhook-delivery.service';
import { WebhookEndpointService } from './services/webhook-endpoint.service';

/** Webhooks to banks' systems: endpoints and their log (API), fan-out and delivery (worker). */
@Module({
  imports: [CasesModule, NotificationsModule, OrganisationsModule],
  controllers: [WebhookEndpointsController],
  providers: [WebhookRepository, WebhookEndpointService, WebhookDeliveryService, WebhookFanOutJob, WebhookDeliverJob, WebhookRetriesRestorer],
})
export class WebhooksModule {}

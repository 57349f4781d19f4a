import { api, ok, type Schemas } from './http';
import type { operations } from './schema';

type Query<K extends keyof operations> = operations[K]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;

/** An institution's webhook endpoints, their secrets (shown once) and delivery log. */
export const webhooksApi = {
  list: (signal?: AbortSignal) => ok(api.GET('/api/v1/webhook-endpoints', { signal })),
  create: (body: Schemas['CreateWebhookEndpointDto']) => ok(api.POST('/api/v1/webhook-endpoints', { body })),
  update: (id: string, body: Schemas['UpdateWebhookEndpointDto']) => ok(api.PATCH('/api/v1/webhook-endpoints/{id}', { params: { path: { id } }, body })),
  remove: (id: string) => ok(api.DELETE('/api/v1/webhook-endpoints/{id}', { params: { path: { id } } })),
  rotate: (id: string) => ok(api.POST('/api/v1/webhook-endpoints/{id}/rotate-secret', { params: { path: { id } } })),
  deliveries: (id: string, query: Query<'WebhookEndpointsController_deliveries'>, signal?: AbortSignal) =>
    ok(api.GET('/api/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id }, query }, signal })),
  replay: (id: string, deliveryId: string) => ok(api.POST('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay', { params: { path: { id, deliveryId } } })),
};

export type WebhookEndpoint = Schemas['WebhookEndpointView'];
export type WebhookEndpointWithSecret = Schemas['WebhookEndpointWithSecret'];
export type WebhookDelivery = Schemas['WebhookDeliveryView'];

import createClient from 'openapi-fetch';
import { Webhook } from 'standardwebhooks';
import type { components, paths } from '../apps/portal/src/api/schema';

type Schemas = components['schemas'];

/** The typed client: every path, body and answer checked against Accord's OpenAPI spec. */
export const accord = (baseUrl: string, apiKey: string) => createClient<paths>({ baseUrl, headers: { 'X-Api-Key': apiKey } });

/** Files a referral; retried with the same complaint id (a timeout, a restart) it files nothing twice. */
export async function fileReferral(api: ReturnType<typeof accord>, complaintId: string, referral: Schemas['CreateCaseDto']) {
  const { data, error } = await api.POST('/api/v1/cases', {
    params: { header: { 'Idempotency-Key': `complaint-${complaintId}` } },
    body: { ...referral, priorComplaintRef: complaintId },
  });
  if (error) throw new Error(`${error.code}: ${error.detail}`); // problem+json, `code` from the documented list
  return data; // Schemas['CaseDetail']: data.id, data.caseNumber, data.status
}

/** Attaches evidence (PDF, images, office documents; at most 20 MB). */
export async function attachEvidence(api: ReturnType<typeof accord>, caseId: string, file: Blob, name: string) {
  const form = new FormData();
  form.append('file', file, name);
  const { data, error } = await api.POST('/api/v1/cases/{id}/attachments', { params: { path: { id: caseId } }, body: form as never, bodySerializer: () => form });
  if (error) throw new Error(`${error.code}: ${error.detail}`);
  return data; // Schemas['CaseAttachmentView']
}

/** A webhook request's raw body and headers in, the event out; a forged or stale one throws. */
export const readWebhook = (secret: string, rawBody: string, headers: Record<string, string>) => new Webhook(secret).verify(rawBody, headers) as Schemas['WebhookEvent'];

import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PROBLEM_CODES } from '@accord/contracts';
import { accord, attachEvidence, fileReferral, readWebhook } from '../examples/bank-client';
import { eventually, TestWorld } from './support/test-world';

const root = path.resolve(__dirname, '..');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * The README's client for banks (examples/bank-client.ts, shown there verbatim) run against a real
 * API and worker: a bank's system files with its API key and an Idempotency-Key, attaches
 * evidence, and reads the signed webhook that tells it the case arrived. The errors it may meet
 * are listed in /api/docs with their codes.
 */
describe('the bank client of the README', () => {
  let world: TestWorld;
  let hooks: Server;
  const heard: { body: string; headers: Record<string, string> }[] = [];

  beforeAll(async () => {
    world = await TestWorld.start({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    await world.startWorker();
    // The bank's webhook receiver: keeps the raw body (a signature is over the exact bytes).
    hooks = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        heard.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers as Record<string, string> });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await world?.stop();
    await new Promise((resolve) => hooks?.close(resolve));
  });

  it('files a case once however often it is retried, attaches evidence, and verifies the webhook that follows', async () => {
    const admin = await world.signIn('icbc.admin');
    const key = (await world.http.post('/api/v1/api-keys').set(admin.auth).send({ name: '投诉系统' }).expect(201)).body.key as string;
    const endpoint = (
      await world.http
        .post('/api/v1/webhook-endpoints')
        .set(admin.auth)
        .send({ url: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/accord`, eventTypes: ['case.submitted'] })
        .expect(201)
    ).body as { secret: string };

    const api = accord(world.url, key);
    const referral = {
      centerId: world.org('qd-center'),
      branchId: world.ids.branches['icbc-qd-ls'],
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 1234500,
      facts: '信用卡分期手续费争议',
      claims: '减免违约金',
      consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
      consentGiven: true,
    } as Parameters<typeof fileReferral>[2];
    const filed = await fileReferral(api, 'CMP-2026-9001', referral);
    expect(filed).toMatchObject({ status: 'submitted', priorComplaintRef: 'CMP-2026-9001', branchName: '青岛崂山支行' });
    // The same complaint sent again (a timeout, a restart of the bank's system): the same case, no second one.
    expect((await fileReferral(api, 'CMP-2026-9001', referral)).id).toBe(filed.id);
    const mine = await world.http.get('/api/v1/cases?pageSize=100').set({ 'X-Api-Key': key }).expect(200);
    expect(mine.body.items.filter((c: { id: string }) => c.id === filed.id)).toHaveLength(1);

    const evidence = await attachEvidence(api, filed.id, new Blob([PDF], { type: 'application/pdf' }), '分期合同.pdf');
    expect(evidence).toMatchObject({ fileName: '分期合同.pdf', sizeBytes: PDF.length });
    const listed = await world.http.get(`/api/v1/cases/${filed.id}/attachments`).set({ 'X-Api-Key': key }).expect(200);
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([evidence.id]);

    // The problem+json code comes through typed: a referral without the branch is refused by field.
    await expect(fileReferral(api, 'CMP-2026-9002', { ...referral, branchId: undefined as never })).rejects.toThrow(/^VALIDATION_FAILED: /);
    await expect(attachEvidence(api, filed.id, new Blob(['#!/bin/sh\n']), 'evidence.pdf')).rejects.toThrow(/^ATTACHMENT_TYPE_REFUSED: /);

    // The signed webhook: verified and read with the client's function; a forged one throws.
    const hook = await eventually(async () => heard.find((h) => h.body.includes(filed.id)), 15000);
    const event = readWebhook(endpoint.secret, hook.body, hook.headers);
    expect(event).toMatchObject({ type: 'case.submitted', data: { case: { caseId: filed.id, caseNumber: filed.caseNumber, externalComplaintId: 'CMP-2026-9001' } } });
    expect(() => readWebhook(endpoint.secret, hook.body.replace('submitted', 'rejected'), hook.headers)).toThrow();
    expect(() => readWebhook(`whsec_${Buffer.from('not the secret, 32 bytes long!!!').toString('base64')}`, hook.body, hook.headers)).toThrow();
  });

  it('the README shows the client exactly as it runs here', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const example = readFileSync(path.join(root, 'examples/bank-client.ts'), 'utf8');
    expect(readme).toContain('```ts\n' + example + '```');
  });

  it('/api/docs lists every error code with its status, and every operation answers problem+json on error', async () => {
    const spec = (await world.http.get('/api/docs/openapi.json').expect(200)).body;
    const code = spec.components.schemas.Problem.properties.code;
    expect(code.enum).toEqual(Object.keys(PROBLEM_CODES));
    expect(code.description).toContain('- `IDEMPOTENCY_KEY_REUSED` (422) — ');
    expect(code.description).toContain('- `CASE_NOT_FOUND` (404) — ');
    for (const [p, item] of Object.entries(spec.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(item)) {
        expect([p, method, op.responses.default]).toEqual([p, method, { description: expect.any(String), content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }]);
      }
    }
  });
});

import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QUEUE_EVENTS, QUEUE_WEBHOOKS, RedisService } from '@accord/core';
import { Webhook } from 'standardwebhooks';
import { eventually, SignedIn, TestWorld } from './support/test-world';
import { startWebhookReceiver, WebhookReceiver } from './support/webhook-receiver';

/**
 * Webhooks to a bank's system (issue 17), against real receivers on loopback: every request
 * verified with the Standard Webhooks reference library, each case's events in order, retries
 * after a 500, a hang, a dropped connection and an answer too late (same webhook-id throughout),
 * replay, rotation, the endpoint switched off after a run of failures (with an e-mail), SSRF
 * refusal, and no event of one bank ever reaching another bank's endpoint.
 */
describe('webhooks: signed events to a bank', () => {
  let world: TestWorld;
  let admin: SignedIn;
  let handler: SignedIn;
  let intake: SignedIn;
  let otherAdmin: SignedIn;
  let otherHandler: SignedIn;
  let pg: Client;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    world = await TestWorld.start({
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_TIMEOUT_MS: '800',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_DISABLE_AFTER_FAILURES: '5',
    });
    await world.startWorker();
    [admin, handler, intake, otherAdmin, otherHandler] = await Promise.all(
      ['icbc.admin', 'icbc.qd.handler', 'qd.intake', 'qdbank.admin', 'qdbank.handler'].map((u) => world.signIn(u)),
    );
    pg = new Client({ connectionString: world.env.DATABASE_URL });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await world?.stop();
    for (const r of receivers) await r.close();
  });

  async function receiver(): Promise<WebhookReceiver> {
    const r = await startWebhookReceiver();
    receivers.push(r);
    return r;
  }

  async function endpoint(who: SignedIn, url: string, eventTypes = ['case.submitted', 'case.accepted', 'case.assigned', 'case.rejected']) {
    const res = await world.http.post('/api/v1/webhook-endpoints').set(who.auth).send({ url, eventTypes, description: '投诉系统' });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string; enabled: boolean };
  }

  const remove = (who: SignedIn, id: string) => world.http.delete(`/api/v1/webhook-endpoints/${id}`).set(who.auth).expect(204);

  async function fileCase(by: SignedIn, centerKey = 'qd-center', ref = 'CMP-2026-0001'): Promise<{ id: string; caseNumber: string }> {
    const filed = await world.http.post('/api/v1/cases').set(by.auth).send({
      centerId: world.org(centerKey),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 520000,
      facts: '年费争议',
      claims: '退还年费',
      priorComplaintRef: ref,
      consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13912345678' },
      consentGiven: true,
    });
    expect(filed.status).toBe(201);
    return { id: filed.body.id, caseNumber: filed.body.caseNumber };
  }

  async function acceptAndAssign(caseId: string): Promise<void> {
    await world.http.post(`/api/v1/cases/${caseId}/accept`).set(intake.auth).send({}).expect(200);
    await world.http.post(`/api/v1/cases/${caseId}/assign`).set(intake.auth).send({ mediatorId: world.ids.users['qd.mediator'], overrideReason: '测试指定' }).expect(200);
  }

  const forCase = (r: WebhookReceiver, caseId: string) => r.received.filter((w) => w.event.data.case.caseId === caseId);
  const deliveredFor = (r: WebhookReceiver, caseId: string) => r.delivered().filter((w) => w.event.data.case.caseId === caseId);

  async function deliveries(who: SignedIn, endpointId: string) {
    return (await world.http.get(`/api/v1/webhook-endpoints/${endpointId}/deliveries?pageSize=100`).set(who.auth).expect(200)).body.items as {
      id: string;
      eventType: string;
      caseId: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
      lastResponse: string | null;
    }[];
  }

  it('signs each event per Standard Webhooks, names the case in the bank’s terms, and tells no other bank', async () => {
    const icbc = await receiver();
    const qdbank = await receiver();
    const mine = await endpoint(admin, icbc.url);
    expect(mine.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const theirs = await endpoint(otherAdmin, qdbank.url);

    // The secret is shown once: neither the list nor the endpoint carries it again.
    const listed = (await world.http.get('/api/v1/webhook-endpoints').set(admin.auth).expect(200)).body.items;
    expect(listed.map((e: { id: string }) => e.id)).toEqual([mine.id]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    expect(JSON.stringify((await world.http.get(`/api/v1/webhook-endpoints/${mine.id}`).set(admin.auth).expect(200)).body)).not.toContain('whsec_');

    const c = await fileCase(handler);
    await acceptAndAssign(c.id);
    const events = await eventually(async () => (deliveredFor(icbc, c.id).length >= 3 ? deliveredFor(icbc, c.id) : null), 15000);
    expect(events.map((e) => e.event.type)).toEqual(['case.submitted', 'case.accepted', 'case.assigned']);

    const verifier = new Webhook(mine.secret);
    for (const e of events) {
      expect(() => verifier.verify(e.body, { 'webhook-id': e.id, 'webhook-timestamp': e.timestamp, 'webhook-signature': e.signature })).not.toThrow();
      // Tampering breaks it: the receiver can trust what verifies.
      expect(() => verifier.verify(e.body.replace('case.', 'casE.'), { 'webhook-id': e.id, 'webhook-timestamp': e.timestamp, 'webhook-signature': e.signature })).toThrow();
      // No personal data the bank does not already hold in its own terms: no name, identity number or phone.
      expect(e.body).not.toMatch(/张小三|11010519491231002X|13912345678/);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(events[2].event.data).toEqual({
      case: { caseId: c.id, caseNumber: c.caseNumber, branchCode: expect.any(String), externalComplaintId: 'CMP-2026-0001' },
      status: 'assigned',
    });
    expect(events[0].event.data.case.branchCode.length).toBeGreaterThan(0);

    // The other bank's endpoint heard nothing of ICBC's case, and its own case reaches only it.
    const own = await fileCase(otherHandler, 'qd-center', 'QDB-77');
    await eventually(async () => deliveredFor(qdbank, own.id).length === 1);
    expect(qdbank.received.filter((w) => w.event.data.case.caseId !== own.id)).toEqual([]);
    expect(forCase(icbc, own.id)).toEqual([]);

    // Each sees its own endpoints and log only; the other's ids answer 404 like unknown ones.
    for (const path of [`/api/v1/webhook-endpoints/${mine.id}`, `/api/v1/webhook-endpoints/${mine.id}/deliveries`]) {
      expect((await world.http.get(path).set(otherAdmin.auth)).status).toBe(404);
    }
    expect((await world.http.post(`/api/v1/webhook-endpoints/${mine.id}/rotate-secret`).set(otherAdmin.auth)).status).toBe(404);
    expect((await world.http.patch(`/api/v1/webhook-endpoints/${mine.id}`).set(otherAdmin.auth).send({ enabled: false })).status).toBe(404);
    expect((await world.http.delete(`/api/v1/webhook-endpoints/${mine.id}`).set(otherAdmin.auth)).status).toBe(404);
    const firstDelivery = (await deliveries(admin, mine.id))[0];
    expect((await world.http.post(`/api/v1/webhook-endpoints/${theirs.id}/deliveries/${firstDelivery.id}/replay`).set(otherAdmin.auth)).status).toBe(404);
    // Only institution admins manage endpoints.
    expect((await world.http.get('/api/v1/webhook-endpoints').set(handler.auth)).status).toBe(403);
    expect((await world.http.get('/api/v1/webhook-endpoints').set(intake.auth)).status).toBe(403);

    // The log: delivered, one attempt, the receiver's answer (the receiver may hear of it a moment
    // before the attempt's transaction commits its outcome).
    const log = await eventually(async () => {
      const rows = (await deliveries(admin, mine.id)).filter((d) => d.caseId === c.id);
      return rows.length === 3 && rows.every((d) => d.status === 'delivered') && rows;
    });
    expect(log.filter((d) => d.caseId === c.id).map((d) => [d.eventType, d.status, d.attempts, d.lastStatusCode, d.lastResponse])).toEqual([
      ['case.assigned', 'delivered', 1, 200, 'received'],
      ['case.accepted', 'delivered', 1, 200, 'received'],
      ['case.submitted', 'delivered', 1, 200, 'received'],
    ]);
    await remove(admin, mine.id);
    await remove(otherAdmin, theirs.id);
  });

  it('holds a case’s later events until the earlier one is delivered, and retries a 500, a hang, a dropped connection and a late answer with the same webhook-id', async () => {
    const r = await receiver();
    const ep = await endpoint(admin, r.url);
    r.answerNext('error', 'hang', 'close', { lateMs: 1500 });
    const c = await fileCase(handler);
    await acceptAndAssign(c.id);
    const events = await eventually(async () => (deliveredFor(r, c.id).length >= 3 ? deliveredFor(r, c.id) : null), 30000);
    expect(events.map((e) => e.event.type)).toEqual(['case.submitted', 'case.accepted', 'case.assigned']);
    // The first event went five times (four failures, then 200), always with one webhook-id, and nothing after it went before.
    const all = forCase(r, c.id);
    expect(all.slice(0, 5).map((w) => w.event.type)).toEqual(Array(5).fill('case.submitted'));
    expect(new Set(all.slice(0, 5).map((w) => w.id))).toEqual(new Set([events[0].id]));
    expect(all.slice(0, 5).map((w) => w.answer)).toEqual(['error', 'hang', 'close', { lateMs: 1500 }, 'ok']);
    // Three events, three webhook-ids: a retry never lends its id to another event.
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(new Set(all.map((w) => w.id)).size).toBe(3);
    const submitted = (await deliveries(admin, ep.id)).find((d) => d.caseId === c.id && d.eventType === 'case.submitted')!;
    expect(submitted).toMatchObject({ id: events[0].id, status: 'delivered', attempts: 5, lastStatusCode: 200 });
    // Each failure was logged with what happened; the 500's 2 KB answer kept to 1 KB.
    const attempts = await pg.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE id = $1`, [submitted.id]);
    expect(attempts.rows[0].n).toBe(1);
    await remove(admin, ep.id);
  });

  it('replays one delivery or a time range with the same webhook-ids', async () => {
    const r = await receiver();
    const ep = await endpoint(admin, r.url);
    const c = await fileCase(handler);
    await eventually(async () => deliveredFor(r, c.id).length === 1);
    const [d] = await eventually(async () => {
      const rows = await deliveries(admin, ep.id);
      return rows[0]?.status === 'delivered' && rows;
    });
    expect((await world.http.post(`/api/v1/webhook-endpoints/${ep.id}/deliveries/${d.id}/replay`).set(admin.auth).expect(200)).body).toEqual({ queued: 1 });
    await eventually(async () => deliveredFor(r, c.id).length === 2);
    expect(deliveredFor(r, c.id).map((w) => w.id)).toEqual([d.id, d.id]);
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 1000).toISOString();
    expect((await world.http.post(`/api/v1/webhook-endpoints/${ep.id}/replay`).set(admin.auth).send({ from, to }).expect(200)).body).toEqual({ queued: 1 });
    await eventually(async () => deliveredFor(r, c.id).length === 3);
    expect((await world.http.post(`/api/v1/webhook-endpoints/${ep.id}/replay`).set(admin.auth).send({ from: to, to: from })).status).toBe(400);
    expect((await world.http.post(`/api/v1/webhook-endpoints/${ep.id}/deliveries/${ep.id}/replay`).set(admin.auth)).status).toBe(404);
    await remove(admin, ep.id);
  });

  it('switches an endpoint off after a run of failures, e-mails the admin, and delivers what waited once it is back on', async () => {
    await pg.query(`UPDATE users SET email = 'sun.li@icbc.example.cn' WHERE id = $1`, [world.ids.users['icbc.admin']]);
    const r = await receiver();
    const ep = await endpoint(admin, r.url, ['case.submitted']);
    r.answerNext('error', 'error', 'error', 'error', 'error');
    const c = await fileCase(handler);
    const off = await eventually(async () => {
      const e = (await world.http.get(`/api/v1/webhook-endpoints/${ep.id}`).set(admin.auth).expect(200)).body;
      return e.enabled ? null : e;
    }, 15000);
    expect(off).toMatchObject({ enabled: false, disabledReason: 'failures', consecutiveFailures: 5 });
    // The admin reads it in the institution's own message log: sent once, saying why and where to switch it on.
    const mails = async () =>
      ((await world.http.get('/api/v1/messages?channel=email&pageSize=100').set(admin.auth).expect(200)).body.items as { id: string; subject: string; status: string }[]).filter((m) =>
        m.subject.startsWith('Webhook 端点已停用'),
      );
    const [sent] = await eventually(async () => ((await mails()).some((m) => m.status === 'sent') ? mails() : null), 15000);
    const mail = (await world.http.get(`/api/v1/messages/${sent.id}`).set(admin.auth).expect(200)).body;
    expect(mail.body).toContain(r.url);
    expect(mail.body).toContain('连续 5 次投递失败');
    expect(mail.body).toContain('最后一次失败：HTTP 500: receiver broke: x');
    expect(mail.body).toContain('http://localhost:3000/webhooks');
    // Neither the other bank nor the center sees the institution's mail.
    expect((await world.http.get(`/api/v1/messages/${sent.id}`).set(otherAdmin.auth)).status).toBe(404);
    expect((await world.http.get(`/api/v1/messages/${sent.id}`).set(intake.auth)).status).toBe(404);
    expect((await world.http.get('/api/v1/messages?channel=email&pageSize=100').set(handler.auth)).status).toBe(403);
    const [d] = await deliveries(admin, ep.id);
    expect(d).toMatchObject({ status: 'retrying', attempts: 5, lastStatusCode: 500 });
    expect(d.lastResponse!.length).toBeLessThanOrEqual(1024);
    expect(d.lastResponse).toMatch(/^receiver broke: x+$/);
    // Nothing goes while it is off; switched on again, the waiting event is delivered.
    await new Promise((res) => setTimeout(res, 500));
    expect(r.received).toHaveLength(5);
    await world.http.patch(`/api/v1/webhook-endpoints/${ep.id}`).set(admin.auth).send({ enabled: true }).expect(200);
    await eventually(async () => deliveredFor(r, c.id).length === 1);
    expect(new Set(r.received.map((w) => w.id)).size).toBe(1);
    // One e-mail for the one switch-off, however many attempts failed.
    expect(await mails()).toHaveLength(1);
    await remove(admin, ep.id);
  });

  it.each([
    ['hangs past the timeout', 'hang', { status: null, said: 'no answer within 800 ms' }],
    ['drops the connection', 'close', { status: null, said: 'socket hang up' }],
    // Far past the 800 ms timeout: a busy machine may fire the timer late, but not by seconds.
    ['answers 200 after the timeout', { lateMs: 5000 }, { status: null, said: 'no answer within 800 ms' }],
  ] as const)('retries a receiver that %s under one webhook-id and logs what it met', async (_, behaviour, expected) => {
    const r = await receiver();
    const ep = await endpoint(otherAdmin, r.url, ['case.submitted']);
    r.answerOthersWith(behaviour);
    const c = await fileCase(otherHandler, 'qd-center', 'QDB-FAULT');
    // Five failures in a row switch the endpoint off: the log keeps what the last one met.
    await eventually(async () => !(await world.http.get(`/api/v1/webhook-endpoints/${ep.id}`).set(otherAdmin.auth).expect(200)).body.enabled, 45000);
    const [d] = await deliveries(otherAdmin, ep.id);
    expect(d).toMatchObject({ caseId: c.id, status: 'retrying', attempts: 5, lastStatusCode: expected.status, lastResponse: expected.said });
    expect(forCase(r, c.id).map((w) => w.id)).toEqual(Array(5).fill(d.id));
    await remove(otherAdmin, ep.id);
  });

  it('signs with both secrets for 24 hours after a rotation', async () => {
    const r = await receiver();
    const ep = await endpoint(admin, r.url, ['case.submitted']);
    const rotated = (await world.http.post(`/api/v1/webhook-endpoints/${ep.id}/rotate-secret`).set(admin.auth).expect(200)).body;
    expect(rotated.secret).not.toBe(ep.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const c = await fileCase(handler);
    const [w] = await eventually(async () => (deliveredFor(r, c.id).length ? deliveredFor(r, c.id) : null));
    expect(w.signature.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': w.id, 'webhook-timestamp': w.timestamp, 'webhook-signature': w.signature };
    expect(() => new Webhook(ep.secret).verify(w.body, headers)).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(w.body, headers)).not.toThrow();
    // After the overlap only the new secret signs.
    await pg.query(`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [ep.id]);
    const later = await fileCase(handler);
    const [w2] = await eventually(async () => (deliveredFor(r, later.id).length ? deliveredFor(r, later.id) : null));
    const headers2 = { 'webhook-id': w2.id, 'webhook-timestamp': w2.timestamp, 'webhook-signature': w2.signature };
    expect(w2.signature.split(' ')).toHaveLength(1);
    expect(() => new Webhook(rotated.secret).verify(w2.body, headers2)).not.toThrow();
    expect(() => new Webhook(ep.secret).verify(w2.body, headers2)).toThrow();
    await remove(admin, ep.id);
  });

  it('delivers with the same webhook-id after the worker restarts mid-delivery', async () => {
    const r = await receiver();
    const ep = await endpoint(admin, r.url, ['case.submitted']);
    r.answerNext('hang');
    const c = await fileCase(handler);
    await eventually(async () => forCase(r, c.id).length === 1);
    // The worker goes away while the receiver holds the request; a new one takes over.
    await world.stopWorker(world.workers[0]);
    await world.startWorker();
    const [w] = await eventually(async () => (deliveredFor(r, c.id).length ? deliveredFor(r, c.id) : null), 15000);
    expect(w.id).toBe(forCase(r, c.id)[0].id);
    await remove(admin, ep.id);
  });

  it('plans a retry again from PostgreSQL when Redis lost it, and makes it once', async () => {
    const redis = world.workers[0].get(RedisService).client;
    const mark = `${world.env.REDIS_PREFIX}:delayed:planned`;
    // The worker's keeper plans everything once as it starts (it cannot know what Redis lost before): that is done first.
    const planned = async () => {
      const at = await redis.get(mark);
      return at !== null && at !== 'restoring';
    };
    await eventually(planned, 15000);
    const r = await receiver();
    const ep = await endpoint(admin, r.url, ['case.submitted']);
    const c = await fileCase(handler);
    const [first] = await eventually(async () => {
      const rows = await deliveries(admin, ep.id);
      return rows[0]?.status === 'delivered' && rows;
    });
    // As if the attempt had failed and its retry, due a minute ago, had been in a Redis that
    // restarted empty: the delivery waits for a retry no queue holds.
    await pg.query(`UPDATE webhook_deliveries SET status = 'retrying', next_attempt_at = now() - interval '1 minute' WHERE id = $1`, [first.id]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(forCase(r, c.id)).toHaveLength(1);
    // The worker's keeper finds Redis without its mark and plans the delayed jobs again.
    await redis.del(mark);
    const [again] = await eventually(async () => {
      const rows = await deliveries(admin, ep.id);
      return rows[0]?.status === 'delivered' && rows[0].attempts === 2 && rows;
    }, 15000);
    expect(again.id).toBe(first.id);
    expect(forCase(r, c.id).map((w) => w.id)).toEqual([first.id, first.id]);
    // A second loss plans nothing twice: the delivery is done.
    await redis.del(mark);
    await eventually(planned, 15000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(forCase(r, c.id)).toHaveLength(2);
    await remove(admin, ep.id);
  });

  it('fans out and delivers on a queue of its own, beside the events queue', async () => {
    const r = await receiver();
    const ep = await endpoint(admin, r.url, ['case.submitted']);
    const c = await fileCase(handler);
    await eventually(async () => deliveredFor(r, c.id).length === 1);
    const queues = [QUEUE_EVENTS, QUEUE_WEBHOOKS].map((name) => new Queue(name, { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${world.env.REDIS_PREFIX}:bull` }));
    try {
      const [events, webhooks] = await Promise.all(queues.map(async (q) => (await q.getJobs(['completed', 'active', 'waiting', 'delayed'])).map((j) => j.name)));
      expect(webhooks).toContain('webhooks.fan-out');
      expect(webhooks.every((n) => n.startsWith('webhooks.'))).toBe(true);
      expect(events.filter((n) => n.startsWith('webhooks.'))).toEqual([]);
      // The case's own jobs (telling the parties) still run on the events queue.
      expect(events).toContain('cases.notify-parties');
    } finally {
      for (const q of queues) await q.close();
    }
    await remove(admin, ep.id);
  });

  it('refuses endpoints on private, loopback and link-local addresses unless configuration allows them', async () => {
    const strict = await world.startApiWith({ WEBHOOK_ALLOW_PRIVATE_URLS: 'false' });
    const http = (await import('supertest')).default(await strict.getUrl());
    for (const url of ['https://127.0.0.1/hooks', 'https://localhost/hooks', 'https://10.1.2.3/hooks', 'https://192.168.1.10/', 'https://169.254.169.254/latest', 'https://[::1]/', 'https://[fe80::1]/', 'https://[::ffff:127.0.0.1]/']) {
      const res = await http.post('/api/v1/webhook-endpoints').set(admin.auth).send({ url, eventTypes: ['case.submitted'] });
      expect([url, res.status, res.body.code, res.body.errors?.[0]?.field]).toEqual([url, 400, 'VALIDATION_FAILED', 'url']);
    }
    // Plain HTTP only where private addresses are allowed (a local receiver in development).
    const plain = await http.post('/api/v1/webhook-endpoints').set(admin.auth).send({ url: 'http://bank.example.cn/hooks', eventTypes: ['case.submitted'] });
    expect(plain.status).toBe(400);
    const unknown = await http.post('/api/v1/webhook-endpoints').set(admin.auth).send({ url: 'https://x.test/hooks', eventTypes: ['case.nope'] });
    expect(unknown.status).toBe(400);
  });
});

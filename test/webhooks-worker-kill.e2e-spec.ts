import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { eventually, SignedIn, TestWorld } from './support/test-world';
import { startWebhookReceiver, WebhookReceiver } from './support/webhook-receiver';
import { spawnWorker, WorkerProcess } from './support/worker-process';

/**
 * Issue 17's fault "the worker restarting mid-delivery": the real worker process (apps/worker's
 * main, spawned as a child) is SIGKILLed while a slow bank receiver holds its requests — no
 * shutdown hook, its BullMQ jobs left locked, its transactions cut. Events also pile up in the
 * outbox while no worker runs. A new worker process then delivers every event at least once, each
 * with the one webhook-id it was first sent with, and no two events share one.
 */
describe('webhooks: a worker killed mid-delivery', () => {
  let world: TestWorld;
  let admin: SignedIn;
  let handler: SignedIn;
  let intake: SignedIn;
  let pg: Client;
  let receiver: WebhookReceiver;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    world = await TestWorld.start({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_TIMEOUT_MS: '5000', WEBHOOK_RETRY_BASE_MS: '200' });
    [admin, handler, intake] = await Promise.all(['icbc.admin', 'icbc.qd.handler', 'qd.intake'].map((u) => world.signIn(u)));
    pg = new Client({ connectionString: world.env.DATABASE_URL });
    await pg.connect();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await pg?.end();
    await world?.stop();
    await receiver?.close();
  });

  async function fileCase(ref: string): Promise<string> {
    const filed = await world.http.post('/api/v1/cases').set(handler.auth).send({
      centerId: world.org('qd-center'),
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
    return filed.body.id;
  }

  async function worker(): Promise<WorkerProcess> {
    const w = await spawnWorker(world.env);
    workers.push(w);
    return w;
  }

  it('sends a case’s next event only once the bank answered the one before, however slow it is', async () => {
    const slow = await startWebhookReceiver();
    try {
      const created = await world.http.post('/api/v1/webhook-endpoints').set(admin.auth).send({ url: slow.url, eventTypes: ['case.submitted', 'case.accepted'] }).expect(201);
      slow.answerOthersWith({ lateMs: 1500 });
      const w = await worker();
      const caseId = await fileCase('CMP-SLOW-1');
      // Accepted while the submission is still held by the receiver.
      await eventually(async () => slow.inFlight().length === 1, 20000);
      await world.http.post(`/api/v1/cases/${caseId}/accept`).set(intake.auth).send({}).expect(200);
      await eventually(async () => slow.received.length === 2 && slow.inFlight().length === 0, 20000);
      expect(slow.received.map((r) => r.event.type)).toEqual(['case.submitted', 'case.accepted']);
      // The worker records the answer just after the bank gave it.
      const rows = await eventually(async () => {
        const { rows } = await pg.query(`SELECT status FROM webhook_deliveries WHERE endpoint_id = $1`, [created.body.id]);
        return rows.length === 2 && rows.every((r) => r.status === 'delivered') ? rows : null;
      }, 20000);
      expect(rows.map((r) => r.status)).toEqual(['delivered', 'delivered']);
      expect(slow.received[1].at).toBeGreaterThanOrEqual(slow.received[0].answeredAt!);
      await w.kill();
      await world.http.delete(`/api/v1/webhook-endpoints/${created.body.id}`).set(admin.auth).expect(204);
    } finally {
      await slow.close();
    }
  }, 60000);

  it('delivers every event at least once, each with its first webhook-id, after a SIGKILL and a new worker process', async () => {
    const created = await world.http
      .post('/api/v1/webhook-endpoints')
      .set(admin.auth)
      .send({ url: receiver.url, eventTypes: ['case.submitted', 'case.accepted'] })
      .expect(201);
    const { id: endpointId, secret } = created.body as { id: string; secret: string };
    // The bank's system takes 2 s over each request: the worker holds several at once.
    receiver.answerOthersWith({ lateMs: 2000 });

    const first = await worker();
    const cases: string[] = [];
    for (let i = 1; i <= 4; i++) cases.push(await fileCase(`CMP-KILL-${i}`));
    const held = await eventually(async () => (receiver.inFlight().length >= 2 ? receiver.inFlight() : null), 20000);
    await first.kill();
    // Killed before the answers came, nothing of it is recorded as delivered — unless a COMMIT the
    // worker sent just before dying lands a moment later (PostgreSQL finishes what it received):
    // those were delivered once and need not come again. Every other held one must.
    await new Promise((r) => setTimeout(r, 500));
    const recorded = await pg.query(`SELECT id FROM webhook_deliveries WHERE id = ANY($1::uuid[]) AND status = 'delivered'`, [held.map((w) => w.id)]);
    const deliveredBeforeKill = new Set(recorded.rows.map((r: { id: string }) => r.id));
    const heldIds = held.map((w) => w.id).filter((id) => !deliveredBeforeKill.has(id));
    expect(heldIds.length).toBeGreaterThan(0);
    const beforeRestart = receiver.received.length;

    // With no worker running the case moves on: these events wait in the outbox.
    cases.push(await fileCase('CMP-KILL-5'));
    for (const id of cases.slice(0, 2)) await world.http.post(`/api/v1/cases/${id}/accept`).set(intake.auth).send({}).expect(200);
    receiver.answerOthersWith({ lateMs: 300 });

    const second = await worker();
    // 5 submitted + 2 accepted, each delivered (the killed worker's jobs come back once BullMQ sees them stalled).
    const rows = await eventually(async () => {
      const { rows } = await pg.query(`SELECT id, case_id AS "caseId", event_type AS "eventType", status FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]);
      return rows.length === 7 && rows.every((r) => r.status === 'delivered') ? (rows as { id: string; caseId: string; eventType: string }[]) : null;
    }, 60000);
    await second.kill();

    const received = receiver.received;
    const verifier = new Webhook(secret);
    for (const w of received) {
      expect(() => verifier.verify(w.body, { 'webhook-id': w.id, 'webhook-timestamp': w.timestamp, 'webhook-signature': w.signature })).not.toThrow();
    }
    // Every event reached the bank; each under one webhook-id, the one its delivery row has, and no two events share one.
    const idsByEvent = new Map<string, Set<string>>();
    for (const w of received) {
      const key = `${w.event.data.case.caseId}/${w.event.type}`;
      idsByEvent.set(key, (idsByEvent.get(key) ?? new Set()).add(w.id));
    }
    expect(idsByEvent.size).toBe(7);
    expect([...idsByEvent.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(new Set(received.map((w) => w.id))).toEqual(new Set(rows.map((r) => r.id)));
    for (const r of rows) expect(idsByEvent.get(`${r.caseId}/${r.eventType}`)).toEqual(new Set([r.id]));
    expect(new Set(cases)).toEqual(new Set(rows.map((r) => r.caseId)));
    // The requests the killed worker held came again, with the same ids, from the new worker.
    const again = received.slice(beforeRestart).map((w) => w.id);
    for (const id of heldIds) expect(again).toContain(id);
    // The bank heard each case's submission before its acceptance (the submission may come again after it: at least once).
    for (const caseId of cases.slice(0, 2)) {
      const types = received.filter((w) => w.event.data.case.caseId === caseId).map((w) => w.event.type);
      expect(types.indexOf('case.submitted')).toBeLessThan(types.indexOf('case.accepted'));
    }
  }, 120000);
});

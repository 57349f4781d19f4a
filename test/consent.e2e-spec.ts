import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { eventually, SignedIn, TestWorld } from './support/test-world';
import { startWebhookReceiver, WebhookReceiver } from './support/webhook-receiver';

/**
 * The consumer's own consent (issue 17): a branch files a referral "awaiting consent", the
 * consumer gets an SMS link, proves the phone with a one-time code, reads what is shared with
 * which center and why, and answers. The center sees nothing before "given"; declined and expired
 * drafts close with the reason, live for the branch and by webhook; wrong, reused and expired
 * codes are refused and five wrong ones lock the link; nobody else's consent is reachable.
 */
describe('consent: the consumer answers by link', () => {
  let world: TestWorld;
  let handler: SignedIn;
  let admin: SignedIn;
  let intake: SignedIn;
  let otherHandler: SignedIn;
  let shIntake: SignedIn;
  let pg: Client;
  let receiver: WebhookReceiver;
  let secret: string;

  beforeAll(async () => {
    // Every consumer here answers from one address: the per-address code limit is not what this suite tests.
    world = await TestWorld.start({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_RETRY_BASE_MS: '100', RATE_LIMIT_CONSUMER_CODE_PER_MINUTE: '200' });
    await world.startWorker();
    [handler, admin, intake, otherHandler, shIntake] = await Promise.all(
      ['icbc.qd.handler', 'icbc.admin', 'qd.intake', 'qdbank.handler', 'sh.intake'].map((u) => world.signIn(u)),
    );
    pg = new Client({ connectionString: world.env.DATABASE_URL });
    await pg.connect();
    receiver = await startWebhookReceiver();
    const ep = await world.http
      .post('/api/v1/webhook-endpoints')
      .set(admin.auth)
      .send({ url: receiver.url, eventTypes: ['case.submitted', 'consent.declined', 'consent.expired'] });
    expect(ep.status).toBe(201);
    secret = ep.body.secret;
  });
  afterAll(async () => {
    await pg?.end();
    await receiver?.close();
    await world?.stop();
  });

  async function draft(by = handler, phone = '13912345678'): Promise<string> {
    const res = await world.http.post('/api/v1/cases').set(by.auth).send({
      centerId: world.org('qd-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 1280000,
      facts: '分期手续费争议',
      claims: '减免手续费',
      priorComplaintRef: 'CMP-CONSENT-1',
      consumer: { name: '刘小燕', idType: 'resident_id', idNumber: '11010519491231002X', phone },
      submit: false,
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('draft');
    return res.body.id as string;
  }

  /** The newest SMS of the case that matches, once queued (the bank's own message log, read as the database owner). */
  async function sms(caseId: string, pattern: RegExp, after = 0): Promise<RegExpExecArray> {
    return eventually(async () => {
      const { rows } = await pg.query<{ body: string; n: string }>(
        `SELECT body, extract(epoch from created_at) * 1000 AS n FROM outbound_messages WHERE case_id = $1 ORDER BY created_at DESC`,
        [caseId],
      );
      const m = rows.find((r) => Number(r.n) > after && pattern.test(r.body));
      return m ? pattern.exec(m.body)! : null;
    }, 20_000);
  }

  async function ask(caseId: string): Promise<{ token: string; url: string }> {
    const res = await world.http.post(`/api/v1/cases/${caseId}/consent-request`).set(handler.auth);
    expect(res.status).toBe(201);
    expect(res.body.request.state).toBe('awaiting');
    expect(res.body.request.sentTo).toMatch(/^139\*+5678$/);
    const url = res.body.url as string;
    const token = /\/c\/([A-Za-z0-9_-]+)$/.exec(url)![1];
    // The SMS carries the same link.
    expect((await sms(caseId, /请点击 (\S+) 查看/))[1]).toBe(url);
    return { token, url };
  }

  async function access(caseId: string, token: string): Promise<string> {
    const asked = Date.now() - 1000;
    const sent = await world.http.post(`/api/v1/public/consumer-links/${token}/code`);
    expect(sent.status).toBe(200);
    expect(sent.body.purpose).toBe('consent');
    const code = (await sms(caseId, /验证码 (\d{6})/, asked))[1];
    const ok = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code });
    expect(ok.status).toBe(200);
    expect(ok.body.purpose).toBe('consent');
    // The code is spent: the same code never works twice.
    const again = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('CODE_INVALID');
    return ok.body.accessToken as string;
  }

  const centerSees = async (caseId: string) => (await world.http.get(`/api/v1/cases/${caseId}`).set(intake.auth)).status;
  const queue = async () => ((await world.http.get('/api/v1/cases?view=intake&pageSize=100').set(intake.auth)).body.items as { id: string }[]).map((c) => c.id);

  it('given by link: the referral reaches the center only then, numbered, with the evidence of what the consumer read', async () => {
    const caseId = await draft();
    const { token } = await ask(caseId);

    // Waiting: frozen for the branch, invisible to the center.
    const waiting = await world.http.get(`/api/v1/cases/${caseId}`).set(handler.auth);
    expect(waiting.body.consentState).toBe('awaiting');
    expect(waiting.body.allowedActions).toEqual(expect.arrayContaining(['cancel_consent_request', 'request_consent']));
    expect(waiting.body.allowedActions).not.toContain('edit');
    const edit = await world.http.patch(`/api/v1/cases/${caseId}`).set(handler.auth).send({ version: waiting.body.version, facts: '改了' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('CONSENT_AWAITED');
    expect(await centerSees(caseId)).toBe(404);
    expect(await queue()).not.toContain(caseId);

    const accessToken = await access(caseId, token);
    const view = await world.http.get('/api/v1/public/consumer/consent').set('X-Consumer-Token', accessToken);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ state: 'awaiting', centerName: '青岛市银行保险业纠纷调解中心', institutionName: '中国工商银行', language: 'zh' });
    const text = (view.body.paragraphs as string[]).join('\n');
    expect(text).toContain('青岛市银行保险业纠纷调解中心');
    expect(text).toContain('12,800.00 元');
    expect(text).toContain('个人信息保护法');
    expect(text).toContain('您可以不同意');

    // An answer bound to another text is refused; nothing changes.
    const stale = await world.http
      .post('/api/v1/public/consumer/consent')
      .set('X-Consumer-Token', accessToken)
      .send({ answer: 'given', language: 'zh', textSha256: '0'.repeat(64) });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONSENT_TEXT_CHANGED');
    expect(await centerSees(caseId)).toBe(404);

    const given = await world.http
      .post('/api/v1/public/consumer/consent')
      .set('X-Consumer-Token', accessToken)
      .set('User-Agent', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)')
      .send({ answer: 'given', language: 'zh', textSha256: view.body.textSha256 });
    expect(given.status).toBe(200);
    expect(given.body.state).toBe('given');

    // Now it is the center's: in the queue, numbered, consent timed.
    const atCenter = await world.http.get(`/api/v1/cases/${caseId}`).set(intake.auth);
    expect(atCenter.status).toBe(200);
    expect(atCenter.body).toMatchObject({ status: 'submitted', consentState: 'given', consentAttestedBy: null });
    expect(atCenter.body.caseNumber).toMatch(/^QD-\d{4}-\d{6}$/);
    expect(atCenter.body.consentAt).not.toBeNull();
    expect(await queue()).toContain(caseId);
    const told = await eventually(async () => {
      const items = (await world.http.get('/api/v1/notifications?pageSize=50').set(handler.auth)).body.items as { kind: string; data: { caseId: string } }[];
      return items.find((n) => n.kind === 'case.consent-given' && n.data.caseId === caseId) ?? null;
    }, 20_000);
    expect(told).toBeTruthy();

    // The evidence, for the center as for the bank: version, hash of the exact text, device, address.
    const evidence = await world.http.get(`/api/v1/cases/${caseId}/consent`).set(intake.auth);
    expect(evidence.status).toBe(200);
    expect(evidence.body.items[0]).toMatchObject({ state: 'given', textVersion: 'consent-2026-12', textSha256: view.body.textSha256, language: 'zh' });
    expect(evidence.body.items[0].device).toContain('iPhone');
    expect(evidence.body.items[0].ip).toMatch(/127\.0\.0\.1|::1/);

    // Answered once: a second answer is refused.
    const twice = await world.http
      .post('/api/v1/public/consumer/consent')
      .set('X-Consumer-Token', accessToken)
      .send({ answer: 'declined', language: 'zh', textSha256: view.body.textSha256 });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CONSENT_ANSWERED');

    // The bank's system hears case.submitted, signed.
    const hook = await eventually(async () => receiver.received.find((w) => w.event.type === 'case.submitted' && w.event.data.case.caseId === caseId) ?? null, 20_000);
    expect(() => new Webhook(secret).verify(hook.body, { 'webhook-id': hook.id, 'webhook-timestamp': hook.timestamp, 'webhook-signature': hook.signature })).not.toThrow();
    expect(hook.event.data.case.externalComplaintId).toBe('CMP-CONSENT-1');
  });

  it('declined: the draft closes with the reason, the branch hears it by webhook, the center never sees it', async () => {
    const caseId = await draft();
    const { token } = await ask(caseId);
    const accessToken = await access(caseId, token);
    const view = await world.http.get('/api/v1/public/consumer/consent?lang=en').set('X-Consumer-Token', accessToken);
    expect(view.body.language).toBe('en');
    expect(view.body.paragraphs.join(' ')).toContain('You may say no');
    const declined = await world.http
      .post('/api/v1/public/consumer/consent')
      .set('X-Consumer-Token', accessToken)
      .send({ answer: 'declined', language: 'en', textSha256: view.body.textSha256, declineReason: 'prefer_other_route' });
    expect(declined.status).toBe(200);
    expect(declined.body.state).toBe('declined');

    const mine = await world.http.get(`/api/v1/cases/${caseId}`).set(handler.auth);
    expect(mine.body).toMatchObject({ status: 'draft', consentState: 'declined', caseNumber: null });
    expect(mine.body.allowedActions).toEqual(['discard']);
    const submit = await world.http.post(`/api/v1/cases/${caseId}/submit`).set(handler.auth);
    expect(submit.status).toBe(409);
    expect(submit.body.code).toBe('CONSENT_CLOSED');
    const again = await world.http.post(`/api/v1/cases/${caseId}/consent-request`).set(handler.auth);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONSENT_CLOSED');
    const record = (await world.http.get(`/api/v1/cases/${caseId}/consent`).set(handler.auth)).body.items[0];
    expect(record).toMatchObject({ state: 'declined', declineReason: 'prefer_other_route', language: 'en' });
    expect(await centerSees(caseId)).toBe(404);
    // The center cannot read the declined request either.
    expect((await world.http.get(`/api/v1/cases/${caseId}/consent`).set(intake.auth)).status).toBe(404);

    const hook = await eventually(async () => receiver.received.find((w) => w.event.type === 'consent.declined' && w.event.data.case.caseId === caseId) ?? null, 20_000);
    expect(hook.event.data).toMatchObject({ status: 'draft', reason: 'prefer_other_route', case: { caseNumber: null, externalComplaintId: 'CMP-CONSENT-1' } });
    // The handler who asked hears it in the bell, linking to the draft.
    const notice = await eventually(async () => {
      const items = (await world.http.get('/api/v1/notifications?pageSize=50').set(handler.auth)).body.items as { kind: string; data: { caseId: string } }[];
      return items.find((n) => n.kind === 'case.consent-declined' && n.data.caseId === caseId) ?? null;
    }, 20_000);
    expect(notice).toBeTruthy();
  });

  it('expired: an unanswered link closes the draft when its time runs out, and the link stops working', async () => {
    const caseId = await draft();
    const { token } = await ask(caseId);
    // Seven days pass (the request and its link end now); the worker's sweep runs on start and every five minutes.
    await pg.query(`UPDATE consent_requests SET expires_at = now() - interval '1 second' WHERE case_id = $1`, [caseId]);
    await pg.query(`UPDATE consumer_links SET expires_at = now() - interval '1 second' WHERE case_id = $1 AND purpose = 'consent'`, [caseId]);
    await world.startWorker();
    const closed = await eventually(async () => {
      const c = await world.http.get(`/api/v1/cases/${caseId}`).set(handler.auth);
      return c.body.consentState === 'expired' ? c.body : null;
    }, 20_000);
    expect(closed.status).toBe('draft');
    const late = await world.http.post(`/api/v1/public/consumer-links/${token}/code`);
    expect(late.status).toBe(404);
    const hook = await eventually(async () => receiver.received.find((w) => w.event.type === 'consent.expired' && w.event.data.case.caseId === caseId) ?? null, 20_000);
    expect(hook.event.data.case.caseNumber).toBeNull();
  });

  it('five wrong codes lock the link; asking again sends a new link and the old one stops', async () => {
    const caseId = await draft();
    const { token } = await ask(caseId);
    const asked = Date.now() - 1000;
    await world.http.post(`/api/v1/public/consumer-links/${token}/code`).expect(200);
    const code = (await sms(caseId, /验证码 (\d{6})/, asked))[1];
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code: wrong })).body.code);
    expect(answers).toEqual(['CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'LINK_LOCKED']);
    const right = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code });
    expect(right.body.code).toBe('LINK_LOCKED');

    const fresh = await ask(caseId);
    expect(fresh.token).not.toBe(token);
    expect((await world.http.post(`/api/v1/public/consumer-links/${token}/code`)).status).toBe(404);
    const requests = (await world.http.get(`/api/v1/cases/${caseId}/consent`).set(handler.auth)).body.items as { state: string }[];
    expect(requests.map((r) => r.state)).toEqual(['awaiting', 'cancelled']);

    // Taken back: the link stops, the draft is editable again, and consent at the counter still works (attested).
    await world.http.delete(`/api/v1/cases/${caseId}/consent-request`).set(handler.auth).expect(204);
    expect((await world.http.post(`/api/v1/public/consumer-links/${fresh.token}/code`)).status).toBe(404);
    const d = await world.http.get(`/api/v1/cases/${caseId}`).set(handler.auth);
    expect(d.body.consentState).toBeNull();
    const edited = await world.http.patch(`/api/v1/cases/${caseId}`).set(handler.auth).send({ version: d.body.version, consentGiven: true, consentNote: '柜台当面签字' });
    expect(edited.status).toBe(200);
    const submitted = await world.http.post(`/api/v1/cases/${caseId}/submit`).set(handler.auth);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', consentState: null, consentAttestedBy: handler.user.id });
  });

  it('the consumer picks their mediator from up to three offered (never one affiliated with the bank); intake sees the pick', async () => {
    const centerAdmin = await world.signIn('qd.admin');
    await world.http.put('/api/v1/case-settings/consumer-choice').set(centerAdmin.auth).send({ enabled: true }).expect(200);
    try {
      const caseId = await draft();
      const { token } = await ask(caseId);
      const accessToken = await access(caseId, token);
      const view = (await world.http.get('/api/v1/public/consumer/consent').set('X-Consumer-Token', accessToken)).body;
      const offered = view.mediatorChoices as { mediatorId: string; name: string }[];
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.length).toBeLessThanOrEqual(3);
      // 赵敏 (qd.mediator.pt) is affiliated with 中国工商银行, the respondent: never offered.
      expect(offered.map((m) => m.mediatorId)).not.toContain(world.ids.users['qd.mediator.pt']);

      // A mediator not offered: refused, and nothing changed (still waiting, not submitted).
      const wrong = await world.http
        .post('/api/v1/public/consumer/consent')
        .set('X-Consumer-Token', accessToken)
        .send({ answer: 'given', language: 'zh', textSha256: view.textSha256, mediatorId: world.ids.users['qd.mediator.pt'] });
      expect(wrong.status).toBe(422);
      expect(wrong.body.code).toBe('MEDIATOR_NOT_OFFERED');
      const still = (await world.http.get(`/api/v1/cases/${caseId}`).set(handler.auth)).body;
      expect(still).toMatchObject({ status: 'draft', consentState: 'awaiting', consumerChosenMediatorId: null });

      const pick = offered[offered.length - 1];
      const given = await world.http
        .post('/api/v1/public/consumer/consent')
        .set('X-Consumer-Token', accessToken)
        .send({ answer: 'given', language: 'zh', textSha256: view.textSha256, mediatorId: pick.mediatorId });
      expect(given.status).toBe(200);
      expect(given.body.chosenMediatorId).toBe(pick.mediatorId);

      // Intake sees the pick among the proposals, and assigning it needs no override reason.
      await world.http.post(`/api/v1/cases/${caseId}/accept`).set(intake.auth).send({}).expect(200);
      const proposals = (await world.http.get(`/api/v1/cases/${caseId}/mediator-proposals`).set(intake.auth)).body.items as { mediatorId: string; consumerChoice: boolean }[];
      expect(proposals.filter((p) => p.consumerChoice).map((p) => p.mediatorId)).toEqual([pick.mediatorId]);
      const assigned = await world.http.post(`/api/v1/cases/${caseId}/assign`).set(intake.auth).send({ mediatorId: pick.mediatorId });
      expect(assigned.status).toBe(200);
      expect(assigned.body.mediatorId).toBe(pick.mediatorId);
    } finally {
      await world.http.put('/api/v1/case-settings/consumer-choice').set(centerAdmin.auth).send({ enabled: false }).expect(200);
    }
  });

  it('when the center offers no choice, no mediator is offered and a pick is refused', async () => {
    const caseId = await draft();
    const { token } = await ask(caseId);
    const accessToken = await access(caseId, token);
    const view = (await world.http.get('/api/v1/public/consumer/consent').set('X-Consumer-Token', accessToken)).body;
    expect(view.mediatorChoices).toEqual([]);
    const pick = await world.http
      .post('/api/v1/public/consumer/consent')
      .set('X-Consumer-Token', accessToken)
      .send({ answer: 'given', language: 'zh', textSha256: view.textSha256, mediatorId: world.ids.users['qd.mediator'] });
    expect(pick.status).toBe(422);
    expect(pick.body.code).toBe('MEDIATOR_NOT_OFFERED');
  });

  it('an incomplete draft cannot be sent for consent; another bank, another center and a regulator reach nothing', async () => {
    const bare = await world.http.post('/api/v1/cases').set(handler.auth).send({ centerId: world.org('qd-center'), submit: false });
    expect(bare.status).toBe(201);
    const refused = await world.http.post(`/api/v1/cases/${bare.body.id}/consent-request`).set(handler.auth);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['businessLine', 'consumer', 'facts']));
    expect(refused.body.errors.map((e: { field: string }) => e.field)).not.toContain('consentGiven');

    const caseId = await draft();
    await ask(caseId);
    const regulator = await world.signIn('qd.regulator');
    for (const who of [otherHandler, shIntake, intake, regulator]) {
      expect((await world.http.post(`/api/v1/cases/${caseId}/consent-request`).set(who.auth)).status).toBe(who === otherHandler ? 404 : 403);
      expect((await world.http.get(`/api/v1/cases/${caseId}/consent`).set(who.auth)).status).toBe(404);
      expect((await world.http.delete(`/api/v1/cases/${caseId}/consent-request`).set(who.auth)).status).toBe(who === otherHandler ? 404 : 403);
    }
    // A session's or anyone's access token opens no consent.
    const none = await world.http.get('/api/v1/public/consumer/consent').set('X-Consumer-Token', 'x'.repeat(32));
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('CONSUMER_ACCESS_INVALID');
  });
});

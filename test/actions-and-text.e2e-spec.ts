import { assignedCase, inSessionCase } from './support/stories';
import { SignedIn, TestWorld } from './support/test-world';

/**
 * Issue 16, "actions that say when they work" and "system text from message keys", through
 * HTTP: the console tells from when a session may be opened (the same rule that refuses it
 * earlier); an outcome tells the case page whether a judicial window and a follow-up exist, so
 * it asks for neither before they do; and the timeline lines the system writes carry a message
 * key with its parameters beside the Chinese body old rows and exports keep.
 */
describe('actions that say when they work; system text from keys', () => {
  let world: TestWorld;
  let mediator: SignedIn;
  let intake: SignedIn;
  let handler: SignedIn;
  let otherBank: SignedIn;

  const inDays = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));

  beforeAll(async () => {
    world = await TestWorld.start();
    [mediator, intake, handler, otherBank] = await Promise.all(['qd.mediator', 'qd.intake', 'icbc.qd.handler', 'cmb.sh.handler'].map((u) => world.signIn(u)));
  });
  afterAll(async () => {
    await world.stop();
  });

  it('the console says from when a session opens; opening earlier is refused with that same time', async () => {
    const caseId = await assignedCase(world, { handler, intake }, 'qd.mediator');
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 3600_000) / 60_000) * 60_000).toISOString();
    const booked = await world.http
      .post(`/api/v1/cases/${caseId}/sessions`)
      .set(intake.auth)
      .send({ channel: 'phone', startsAt, minutes: 30, outsideHoursReason: '测试：三小时后', participants: [{ role: 'consumer', name: '张小三' }] });
    expect(booked.status).toBe(201);
    const sessionId = booked.body.id as string;
    const opensAt = new Date(Date.parse(startsAt) - 60 * 60_000).toISOString();

    // The bank reads the same time (it watches the console); another bank gets 404 as before.
    for (const who of [mediator, handler]) {
      const view = await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(who.auth).expect(200);
      expect(view.body.session.opensAt).toBe(opensAt);
    }
    await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(otherBank.auth).expect(404);

    for (const step of ['open', 'begin']) {
      const early = await world.http.post(`/api/v1/sessions/${sessionId}/${step}`).set(mediator.auth).send({});
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'SESSION_NOT_OPEN_YET', opensAt });
    }
  });

  it('an outcome says whether a judicial window and a survey exist; its timeline lines carry message keys', async () => {
    const { caseId, sessionId } = await inSessionCase(world, { handler, intake, mediator });
    const recorded = await world.http
      .post(`/api/v1/cases/${caseId}/outcome`)
      .set(mediator.auth)
      .send({
        outcome: 'settled',
        note: '双方当场同意',
        terms: {
          refundFen: 1280000,
          feeWaiverFen: 0,
          freeText: '银行退还手续费',
          obligations: [{ owedBy: 'institution', description: '退还手续费', amountFen: 1280000, dueOn: inDays(5) }],
        },
      });
    expect(recorded.status).toBe(201);
    // Nobody signed yet: no judicial window, so the page does not ask for it (it would be a 404).
    expect(recorded.body).toMatchObject({ judicialWindow: false, followUp: expect.any(Boolean) });
    await world.http.get(`/api/v1/cases/${caseId}/judicial-confirmation`).set(mediator.auth).expect(404);
    const bankView = await world.http.get(`/api/v1/cases/${caseId}/outcome`).set(handler.auth).expect(200);
    expect(bankView.body).toMatchObject({ judicialWindow: false, followUp: false });

    const timeline = (await world.http.get(`/api/v1/cases/${caseId}/timeline`).set(handler.auth).expect(200)).body.items as {
      kind: string;
      toStatus: string | null;
      body: string | null;
      detail: Record<string, unknown>;
    }[];
    const settled = timeline.find((e) => e.kind === 'transition' && e.toStatus === 'settled');
    // The Chinese sentence stays for old readers and exports; the key renders in the reader's language.
    expect(settled?.body).toContain('退款/赔偿 ¥12,800.00');
    expect(settled?.detail.message).toEqual({
      key: 'outcomeRecorded',
      params: { outcome: 'settled', refundFen: 1280000, feeWaiverFen: 0, instalmentCount: null, instalmentTotalFen: null, obligationCount: 1, reason: null, note: '双方当场同意' },
    });
    const ended = timeline.find((e) => e.kind === 'session' && e.detail.sessionId === sessionId && e.detail.change === 'concluded');
    expect(ended?.body).toBe('调解结果：调解成功');
    expect(ended?.detail.message).toEqual({ key: 'sessionEndedByOutcome', params: { outcome: 'settled' } });
    // The session keeps the same key for its status reason (the bank's session list shows it).
    const sessions = (await world.http.get(`/api/v1/cases/${caseId}/sessions`).set(handler.auth).expect(200)).body.items as Record<string, unknown>[];
    expect(sessions.find((x) => x.id === sessionId)).toMatchObject({
      status: 'concluded',
      statusReason: '调解结果：调解成功',
      statusReasonMessage: { key: 'sessionEndedByOutcome', params: { outcome: 'settled' } },
    });
    const run = await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(mediator.auth).expect(200);
    expect(run.body.session.statusReasonMessage).toEqual({ key: 'sessionEndedByOutcome', params: { outcome: 'settled' } });
  });
});

import { TestWorld, SignedIn } from './support/test-world';
import { assignedCase, inSessionCase } from './support/stories';

/**
 * The filters the home pages read (README "Home pages"): cases whose running clock falls due by a
 * day (?dueBy=), cases waiting on the bank (?awaiting=institution: returned, or the center's comment
 * unanswered), and the open obligations due by a day (GET /obligations) — each bad value a 400,
 * and each closed to other tenants (their rows never appear).
 */
describe('home page filters', () => {
  let world: TestWorld;
  let handler: SignedIn;
  let intake: SignedIn;
  let mediator: SignedIn;
  let otherBank: SignedIn;
  let otherIntake: SignedIn;
  let regulator: SignedIn;

  const day = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));
  const ids = async (who: SignedIn, query: string) => {
    const res = await world.http.get(`/api/v1/cases?pageSize=100&${query}`).set(who.auth);
    expect([res.status, res.body.detail]).toEqual([200, undefined]);
    return (res.body.items as { id: string }[]).map((c) => c.id);
  };
  const file = async (name: string) => {
    const res = await world.http.post('/api/v1/cases').set(handler.auth).send({
      centerId: world.org('qd-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 880000,
      facts: '分期手续费争议',
      claims: '减免手续费',
      consumer: { name, idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
      consentGiven: true,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; intakeClock: { dueOn: string } };
  };

  beforeAll(async () => {
    world = await TestWorld.start();
    [handler, intake, mediator, otherBank, otherIntake, regulator] = await Promise.all(
      ['icbc.qd.handler', 'qd.intake', 'qd.mediator', 'cmb.sh.handler', 'sh.intake', 'qd.regulator'].map((u) => world.signIn(u)),
    );
  });
  afterAll(() => world.stop());

  it('dueBy lists the cases whose running clock falls due on or before the day, for the center only', async () => {
    const filed = await file('王小明');
    const due = filed.intakeClock.dueOn;
    const dayBefore = new Date(Date.parse(`${due}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
    expect(await ids(intake, `view=intake&dueBy=${due}`)).toContain(filed.id);
    expect(await ids(intake, `view=intake&dueBy=${dayBefore}`)).not.toContain(filed.id);
    // Once accepted the first-session clock runs instead (10 working days later than the intake's).
    await world.http.post(`/api/v1/cases/${filed.id}/accept`).set(intake.auth).send({}).expect(200);
    expect(await ids(intake, `view=intake&dueBy=${due}`)).not.toContain(filed.id);
    expect(await ids(intake, `view=intake&dueBy=${day(60)}`)).toContain(filed.id);
    // Another center's intake never sees it, whatever the day.
    expect(await ids(otherIntake, `view=intake&dueBy=${day(365)}`)).not.toContain(filed.id);
    for (const bad of ['tomorrow', '2026-13-45', '2026-12-07T00:00:00Z']) {
      const res = await world.http.get(`/api/v1/cases?dueBy=${encodeURIComponent(bad)}`).set(intake.auth);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['dueBy']);
    }
  });

  it('awaiting=institution lists what waits on the bank: returned, or the center spoke last', async () => {
    const returned = await file('李小红');
    await world.http.post(`/api/v1/cases/${returned.id}/return`).set(intake.auth).send({ note: '请补充分期合同' }).expect(200);
    const asked = await assignedCase(world, { handler, intake }, 'qd.mediator', '赵小刚');
    const quiet = await assignedCase(world, { handler, intake }, 'qd.mediator', '钱小丽');

    expect(await ids(handler, 'awaiting=institution')).toEqual(expect.arrayContaining([returned.id]));
    expect(await ids(handler, 'awaiting=institution')).not.toContain(asked);
    // An internal note is not a question to the bank.
    await world.http.post(`/api/v1/cases/${asked}/comments`).set(mediator.auth).send({ body: '内部：先核对流水', internal: true }).expect(201);
    expect(await ids(handler, 'awaiting=institution')).not.toContain(asked);
    await world.http.post(`/api/v1/cases/${asked}/comments`).set(mediator.auth).send({ body: '请银行在12-15前提供退款凭证', internal: false }).expect(201);
    const waiting = await ids(handler, 'awaiting=institution');
    expect(waiting).toEqual(expect.arrayContaining([returned.id, asked]));
    expect(waiting).not.toContain(quiet);
    // The bank answers: no longer waiting on it.
    await world.http.post(`/api/v1/cases/${asked}/comments`).set(handler.auth).send({ body: '已上传退款凭证', internal: false }).expect(201);
    expect(await ids(handler, 'awaiting=institution')).not.toContain(asked);
    // Another bank sees none of it.
    expect(await ids(otherBank, 'awaiting=institution')).not.toEqual(expect.arrayContaining([returned.id]));
    expect((await ids(otherBank, 'awaiting=institution')).filter((id) => [returned.id, asked, quiet].includes(id))).toEqual([]);
    const bad = await world.http.get('/api/v1/cases?awaiting=center').set(handler.auth);
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'awaiting']);
  });

  it('GET /obligations lists the open obligations due by a day, soonest first, to the owing bank and its center only', async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator });
    const settled = await world.http
      .post(`/api/v1/cases/${caseId}/outcome`)
      .set(mediator.auth)
      .send({
        outcome: 'settled',
        terms: {
          refundFen: 120050,
          feeWaiverFen: 0,
          freeText: '银行退还手续费。',
          obligations: [
            { owedBy: 'institution', description: '退还已收取的分期手续费', amountFen: 120050, dueOn: day(1) },
            { owedBy: 'consumer', description: '按期还款', amountFen: 41667, dueOn: day(30) },
          ],
        },
      });
    expect([settled.status, settled.body.detail]).toEqual([201, undefined]);
    const list = async (who: SignedIn, query: string) => {
      const res = await world.http.get(`/api/v1/obligations?pageSize=100&${query}`).set(who.auth);
      expect([res.status, res.body.detail]).toEqual([200, undefined]);
      return res.body.items as { caseId: string; caseNumber: string; owedBy: string; dueOn: string; status: string; description: string }[];
    };
    const mine = (await list(handler, `owedBy=institution&dueBy=${day(1)}`)).filter((o) => o.caseId === caseId);
    expect(mine).toEqual([expect.objectContaining({ owedBy: 'institution', dueOn: day(1), status: 'due', description: '退还已收取的分期手续费', caseNumber: expect.stringMatching(/^QD-/) })]);
    expect((await list(handler, `owedBy=institution&dueBy=${day(0)}`)).filter((o) => o.caseId === caseId)).toEqual([]);
    expect((await list(handler, `dueBy=${day(30)}`)).filter((o) => o.caseId === caseId).map((o) => o.owedBy)).toEqual(['institution', 'consumer']);
    expect((await list(intake, `dueBy=${day(30)}`)).filter((o) => o.caseId === caseId)).toHaveLength(2);
    // Other tenants: another bank, another center.
    expect((await list(otherBank, `dueBy=${day(365)}`)).filter((o) => o.caseId === caseId)).toEqual([]);
    expect((await list(otherIntake, `dueBy=${day(365)}`)).filter((o) => o.caseId === caseId)).toEqual([]);
    // Regulators read aggregates, not obligations.
    expect((await world.http.get('/api/v1/obligations').set(regulator.auth)).status).toBe(403);
    const bad = await world.http.get('/api/v1/obligations?owedBy=bank&dueBy=soon').set(handler.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dueBy', 'owedBy']);
  });
});

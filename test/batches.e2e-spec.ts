import { SignedIn, TestWorld } from './support/test-world';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * Similar cases as a batch (类案批量, issue 20): intake groups open cases of one institution, one
 * dispute type and one product under a lead mediator, and books one session, shares one scheme
 * and attaches one document for all of them; a case that fails is reported on its own and the
 * others stand. Another center sees none of it.
 */
describe('case batches', () => {
  let world: TestWorld;
  let admin: SignedIn;
  let intake: SignedIn;
  let mediator: SignedIn;
  let handler: SignedIn;
  let qdbank: SignedIn;
  let shAdmin: SignedIn;
  let shHandler: SignedIn;
  let bank: SignedIn;

  const file = async (who: SignedIn, centerId: string, facts: string, disputeType = 'mis_selling', consumer = '李小四') => {
    const res = await world.http.post('/api/v1/cases').set(who.auth).send({
      centerId,
      businessLine: 'wealth_fund',
      disputeType,
      amountFen: 5000000,
      facts,
      claims: '赔偿本金损失',
      consumer: { name: consumer, idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
      consentGiven: true,
    });
    if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const accepted = async (who: SignedIn, facts: string, centerKey = 'qd-center', by = intake) => {
    const id = await file(who, world.org(centerKey), facts);
    await world.http.post(`/api/v1/cases/${id}/accept`).set(by.auth).send({}).expect(200);
    return id;
  };
  const caseOf = async (id: string, who = intake) => (await world.http.get(`/api/v1/cases/${id}`).set(who.auth).expect(200)).body;
  /** A time nobody books in the demo: 21:00 Shanghai, some days ahead. */
  const evening = (days: number) => {
    const d = new Date(Date.now() + days * 86400_000);
    return new Date(`${d.toISOString().slice(0, 10)}T13:00:00.000Z`).toISOString();
  };

  beforeAll(async () => {
    world = await TestWorld.start();
    [admin, intake, mediator, handler, qdbank, shAdmin, shHandler, bank] = await Promise.all(
      ['qd.admin', 'qd.intake', 'qd.mediator', 'icbc.qd.handler', 'qdbank.handler', 'sh.admin', 'cmb.sh.handler', 'icbc.admin'].map((u) => world.signIn(u)),
    );
  });
  afterAll(() => world.stop());

  it('suggests similar open cases and builds a batch of one institution; mixing, another center’s case or a case in another batch is refused and nothing changes', async () => {
    const icbc: string[] = [];
    for (let i = 0; i < 4; i++) icbc.push(await accepted(handler, `购买稳盈理财2号产品后亏损，销售时未做风险评估（${i}）`));
    const other = await accepted(qdbank, '购买稳盈理财2号产品后亏损，理财经理承诺保本');
    const sh = await accepted(shHandler, '购买稳盈理财2号产品后亏损', 'sh-center', await world.signIn('sh.intake'));

    const suggested = (await world.http.get('/api/v1/batches/suggestions?keyword=稳盈理财').set(intake.auth).expect(200)).body.items;
    expect(suggested).toHaveLength(1);
    expect(suggested[0]).toMatchObject({ institutionId: world.org('icbc'), disputeType: 'mis_selling', keyword: '稳盈理财' });
    expect(suggested[0].members.map((m: any) => m.caseId).sort()).toEqual([...icbc].sort());

    const before = (await world.http.get('/api/v1/batches').set(intake.auth).expect(200)).body.total;
    const create = (caseIds: string[], leadMediatorId = world.ids.users['qd.mediator']) =>
      world.http.post('/api/v1/batches').set(intake.auth).send({ label: '稳盈理财2号产品', leadMediatorId, caseIds });

    const mixed = await create([icbc[0], icbc[1], other]);
    expect(mixed.status).toBe(422);
    expect(mixed.headers['content-type']).toContain('application/problem+json');
    expect(mixed.body.code).toBe('BATCH_MIXES_INSTITUTIONS');
    const crossCenter = await create([icbc[0], sh]);
    expect(crossCenter.status).toBe(404);
    expect(crossCenter.body.code).toBe('CASE_NOT_FOUND');
    const affiliated = await create([icbc[0], icbc[1]], world.ids.users['qd.mediator.pt']);
    expect(affiliated.status).toBe(400);
    expect(affiliated.body.errors[0].field).toBe('leadMediatorId');
    // Nothing changed: no batch, the cases still wait for a mediator.
    expect((await world.http.get('/api/v1/batches').set(intake.auth)).body.total).toBe(before);
    expect((await caseOf(icbc[0])).status).toBe('accepted');
    expect((await world.http.get(`/api/v1/cases/${icbc[0]}/batch`).set(intake.auth).expect(200)).body.batch).toBeNull();

    const made = await create(icbc.slice(0, 3));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ label: '稳盈理财2号产品', institutionName: expect.any(String), leadMediatorName: '张伟', cases: 3, concluded: 0, settled: 0 });
    // The cases waiting for a mediator went to the lead.
    for (const m of made.body.members) expect(m).toMatchObject({ status: 'assigned', mediatorName: '张伟' });
    expect((await world.http.get(`/api/v1/cases/${icbc[1]}/batch`).set(mediator.auth).expect(200)).body.batch).toMatchObject({ id: made.body.id, label: '稳盈理财2号产品', cases: 3 });

    const again = await create([icbc[3], icbc[0]]);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CASE_ALREADY_IN_BATCH');
    expect((await caseOf(icbc[3])).status).toBe('accepted');
    expect((await world.http.get(`/api/v1/cases/${icbc[3]}/batch`).set(intake.auth)).body.batch).toBeNull();
    // The batched cases leave the suggestions: one ICBC case is left, no group.
    expect((await world.http.get('/api/v1/batches/suggestions?keyword=稳盈理财').set(intake.auth)).body.items).toHaveLength(0);
    // Bad input is named.
    const blank = await world.http.post('/api/v1/batches').set(intake.auth).send({ label: ' ', leadMediatorId: world.ids.users['qd.mediator'], caseIds: [icbc[3]] });
    expect(blank.status).toBe(400);
    expect(blank.body.errors.map((e: any) => e.field).sort()).toEqual(['caseIds', 'label']);
  });

  it('books one session for all, shares a scheme and attaches a document; a case that fails is reported and the others are unaffected', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await accepted(handler, `鑫享基金A款产品净值暴跌，认购时未告知风险（${i}）`));
    const batch = (await world.http.post('/api/v1/batches').set(intake.auth).send({ label: '鑫享基金A款', leadMediatorId: world.ids.users['qd.mediator'], caseIds: ids }).expect(201)).body;
    // The third case is withdrawn after batching: it can no longer be booked.
    await world.http.post(`/api/v1/cases/${ids[2]}/withdraw`).set(intake.auth).send({ reason: '消费者撤回' }).expect(200);

    const startsAt = evening(9);
    const booked = await world.http
      .post(`/api/v1/batches/${batch.id}/sessions`)
      .set(intake.auth)
      .send({ channel: 'video', startsAt, minutes: 60, outsideHoursReason: '类案集中调解，晚间方便消费者' });
    expect(booked.status).toBe(200);
    expect(booked.body).toMatchObject({ batchId: batch.id, succeeded: 2, failed: 1 });
    const byCase = new Map(booked.body.items.map((i: any) => [i.caseId, i]));
    expect(byCase.get(ids[2])).toMatchObject({ ok: false, resultId: null, problem: { code: 'CASE_NOT_ASSIGNED', status: 409 } });
    for (const id of ids.slice(0, 2)) {
      expect(byCase.get(id)).toMatchObject({ ok: true, problem: null });
      const sessions = (await world.http.get(`/api/v1/cases/${id}/sessions`).set(intake.auth).expect(200)).body.items;
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ startsAt, status: 'booked', mediatorId: world.ids.users['qd.mediator'] });
      expect((await caseOf(id)).status).toBe('scheduled');
    }
    expect((await world.http.get(`/api/v1/cases/${ids[2]}/sessions`).set(intake.auth)).body.items).toHaveLength(0);
    expect((await caseOf(ids[2])).status).toBe('withdrawn');
    // The joint booking shares the mediator's time; any other booking then is still refused.
    const single = await accepted(handler, '普通信用卡争议');
    await world.http.post(`/api/v1/cases/${single}/assign`).set(intake.auth).send({ mediatorId: world.ids.users['qd.mediator'], overrideReason: '测试' }).expect(200);
    const clash = await world.http.post(`/api/v1/cases/${single}/sessions`).set(intake.auth).send({ channel: 'video', startsAt, minutes: 30, outsideHoursReason: '测试' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('SLOT_TAKEN');

    const scheme = await world.http.post(`/api/v1/batches/${batch.id}/scheme`).set(intake.auth).send({ title: '统一调解方案', terms: '银行按本金的30%予以补偿，分两期支付。' });
    expect(scheme.status).toBe(200);
    expect(scheme.body.items.filter((i: any) => i.ok).map((i: any) => i.caseId).sort()).toEqual(ids.slice(0, 2).sort());
    expect(scheme.body.items.find((i: any) => i.caseId === ids[2]).problem.code).toBe('BATCH_CASE_NOT_OPEN');
    // The bank reads the scheme on its case's timeline.
    const timeline = (await world.http.get(`/api/v1/cases/${ids[0]}/timeline`).set(handler.auth).expect(200)).body.items;
    expect(timeline.some((e: any) => e.kind === 'comment' && e.body.includes('银行按本金的30%予以补偿'))).toBe(true);

    const attached = await world.http.post(`/api/v1/batches/${batch.id}/attachments`).set(intake.auth).attach('file', PDF, '产品说明书.pdf');
    expect(attached.status).toBe(200);
    for (const id of ids.slice(0, 2)) {
      const files = (await world.http.get(`/api/v1/cases/${id}/attachments`).set(handler.auth).expect(200)).body.items;
      expect(files.map((f: any) => f.fileName)).toContain('产品说明书.pdf');
    }
    // A file that is not evidence fails for every case, and nothing is attached.
    const bad = await world.http.post(`/api/v1/batches/${batch.id}/attachments`).set(intake.auth).attach('file', Buffer.from('#!/bin/sh\n'), 'x.pdf');
    expect(bad.body.succeeded).toBe(0);
    expect(bad.body.items[0].problem.code).toBe('ATTACHMENT_TYPE_REFUSED');

    expect((await world.http.get(`/api/v1/batches/${batch.id}`).set(intake.auth)).body).toMatchObject({ cases: 3, concluded: expect.any(Number), settled: 0 });
  });

  it('a joint session begins case by case and each case records its own outcome; the batch shows progress in cases', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await accepted(handler, `惠民保险理赔拒付（${i}）`));
    const batch = (await world.http.post('/api/v1/batches').set(intake.auth).send({ label: '惠民保险', leadMediatorId: world.ids.users['qd.mediator2'], caseIds: ids }).expect(201)).body;
    const startsAt = new Date(Math.ceil((Date.now() + 2 * 60_000) / 60_000) * 60_000).toISOString();
    const booked = await world.http.post(`/api/v1/batches/${batch.id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt, minutes: 30, outsideHoursReason: '测试：马上开始' });
    expect(booked.body.succeeded).toBe(3);
    const mediator2 = await world.signIn('qd.mediator2');
    for (const item of booked.body.items) {
      for (const step of ['open', 'begin']) await world.http.post(`/api/v1/sessions/${item.resultId}/${step}`).set(mediator2.auth).send({}).expect(200);
    }
    await world.http.post(`/api/v1/cases/${ids[0]}/outcome`).set(mediator2.auth).send({ outcome: 'not_settled', notSettledReason: '分歧过大', otherRoutes: ['litigation'] }).expect(201);
    await world.http.post(`/api/v1/cases/${ids[1]}/outcome`).set(mediator2.auth).send({ outcome: 'not_settled', notSettledReason: '消费者不接受', otherRoutes: ['litigation'] }).expect(201);
    expect((await world.http.get(`/api/v1/batches/${batch.id}`).set(intake.auth)).body).toMatchObject({ cases: 3, concluded: 2, settled: 0 });
    expect((await caseOf(ids[2])).status).toBe('in_session');
    const totals = (await world.http.get('/api/v1/batches/totals').set(admin.auth).expect(200)).body;
    expect(totals).toMatchObject({ batches: expect.any(Number), casesInBatches: expect.any(Number) });
    expect(totals.casesInBatches).toBeGreaterThanOrEqual(9);
  });

  it('another center sees no batch (404 on every endpoint); banks have no batch endpoints', async () => {
    const ids = [await accepted(handler, '跨中心测试A'), await accepted(handler, '跨中心测试B')];
    const batch = (await world.http.post('/api/v1/batches').set(intake.auth).send({ label: '跨中心', leadMediatorId: world.ids.users['qd.mediator'], caseIds: ids }).expect(201)).body;
    const calls: [string, string, object?][] = [
      ['get', `/api/v1/batches/${batch.id}`],
      ['post', `/api/v1/batches/${batch.id}/sessions`, { channel: 'video', startsAt: evening(12), minutes: 30, outsideHoursReason: 'x' }],
      ['post', `/api/v1/batches/${batch.id}/scheme`, { title: 't', terms: 'x' }],
      ['get', `/api/v1/cases/${ids[0]}/batch`],
    ];
    for (const [method, url, body] of calls) {
      const res = await (world.http as any)[method](url).set(shAdmin.auth).send(body);
      expect([url, res.status]).toEqual([url, 404]);
    }
    const upload = await world.http.post(`/api/v1/batches/${batch.id}/attachments`).set(shAdmin.auth).attach('file', PDF, 'a.pdf');
    expect(upload.status).toBe(404);
    const listed = (await world.http.get('/api/v1/batches?pageSize=100').set(shAdmin.auth).expect(200)).body.items;
    expect(listed.map((b: any) => b.id)).not.toContain(batch.id);
    expect((await world.http.get('/api/v1/batches/totals').set(shAdmin.auth).expect(200)).body.casesInBatches).toBe(0);
    const shCreate = await world.http.post('/api/v1/batches').set(shAdmin.auth).send({ label: 'x', leadMediatorId: world.ids.users['sh.mediator'], caseIds: ids });
    expect(shCreate.status).toBe(404);
    // Nothing was booked or shared by the other center.
    expect((await world.http.get(`/api/v1/cases/${ids[0]}/sessions`).set(intake.auth)).body.items).toHaveLength(0);
    // Banks: no batches at all.
    expect((await world.http.get('/api/v1/batches').set(bank.auth)).status).toBe(403);
    expect((await world.http.get(`/api/v1/cases/${ids[0]}/batch`).set(handler.auth)).status).toBe(403);
  });
});

import { Client } from 'pg';
import { drawnBySeed } from '@accord/quality';
import { inSessionCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * Quality review (质量评查, issue 20): the center's rule draws concluded cases into the queue
 * (deterministically by seed), a reviewer who did not mediate the case scores it on the center's
 * checklist or returns the agreement draft, the mediator reads their own reviews, the center the
 * scores per mediator and month beside the success rate — and nobody else sees any of it.
 */
describe('quality review', () => {
  let world: TestWorld;
  let admin: SignedIn;
  let reviewer: SignedIn;
  let mediator: SignedIn;
  let mediator2: SignedIn;
  let intake: SignedIn;
  let handler: SignedIn;
  let shAdmin: SignedIn;
  let bank: SignedIn;

  const day = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));
  const reviews = async (who: SignedIn, q = '') => (await world.http.get(`/api/v1/quality/reviews?pageSize=100${q}`).set(who.auth).expect(200)).body;

  beforeAll(async () => {
    world = await TestWorld.start();
    // 陈静 mediates and also reviews colleagues' cases (a center may give a mediator both roles).
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    await owner.query(`UPDATE users SET roles = '{mediator,quality_reviewer}' WHERE username = 'qd.mediator2'`).finally(() => owner.end());
    [admin, reviewer, mediator, mediator2, intake, handler, shAdmin, bank] = await Promise.all(
      ['qd.admin', 'qd.reviewer', 'qd.mediator', 'qd.mediator2', 'qd.intake', 'icbc.qd.handler', 'sh.admin', 'cmb.admin'].map((u) => world.signIn(u)),
    );
  });
  afterAll(() => world.stop());

  it('the demo queue holds the rule’s cases with two reviews done, for the admin to show', async () => {
    const page = await reviews(admin);
    expect(page.total).toBeGreaterThanOrEqual(3);
    const done = page.items.filter((r: any) => r.status === 'reviewed');
    expect(done).toHaveLength(2);
    for (const r of done) expect(r.reviewerId).not.toBe(r.mediatorId);
    expect(page.items.filter((r: any) => r.outcome === 'not_settled').length).toBeGreaterThanOrEqual(2);
  });

  it('draws the same settled cases for the same seed, every failure and breach, and nothing twice', async () => {
    const rule = (await world.http.get('/api/v1/quality/rule').set(admin.auth).expect(200)).body;
    expect(rule.checklist.length).toBe(4);
    // Every settled case drawn by seed 'audit-a' at 50 %: the queue holds exactly those the rule predicts.
    const saved = await world.http.put('/api/v1/quality/rule').set(admin.auth).send({ ...rule, updatedAt: undefined, settledPercent: 50, seed: 'audit-a' });
    expect(saved.status).toBe(200);
    const before = new Set((await reviews(admin)).items.map((r: any) => r.caseId));
    const drawn = await world.http.post('/api/v1/quality/queue/draw').set(admin.auth).send({ from: day(-400), to: day(0) }).expect(200);
    expect(drawn.body.considered).toBeGreaterThan(5);
    const after = (await reviews(admin)).items;
    const added = after.filter((r: any) => !before.has(r.caseId));
    expect(added.length).toBe(drawn.body.added);
    for (const r of added.filter((x: any) => x.outcome === 'settled')) {
      expect(r.reasons).toContain('settled_sample');
      expect(drawnBySeed('audit-a', r.caseId, 50)).toBe(true);
    }
    // Nothing twice: a second draw adds nothing.
    expect((await world.http.post('/api/v1/quality/queue/draw').set(admin.auth).send({ from: day(-400), to: day(0) }).expect(200)).body.added).toBe(0);
    // Bad input: a reversed period, a percent past 100, duplicate checklist keys — 400 with the fields, the rule unchanged.
    const reversed = await world.http.post('/api/v1/quality/queue/draw').set(admin.auth).send({ from: day(0), to: day(-1) });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors.map((f: any) => f.field)).toEqual(['to']);
    const bad = await world.http.put('/api/v1/quality/rule').set(admin.auth).send({ ...saved.body, updatedAt: undefined, settledPercent: 101 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((f: any) => f.field)).toContain('settledPercent');
    const dup = await world.http.put('/api/v1/quality/rule').set(admin.auth).send({ ...saved.body, updatedAt: undefined, checklist: [{ key: 'a', label: 'x', maxScore: 5 }, { key: 'a', label: 'y', maxScore: 5 }] });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].field).toBe('checklist.1.key');
    expect((await world.http.get('/api/v1/quality/rule').set(admin.auth)).body).toMatchObject({ settledPercent: 50, seed: 'audit-a' });
    // The reviewer reads the rule but may not change it.
    expect((await world.http.put('/api/v1/quality/rule').set(reviewer.auth).send({ ...saved.body, updatedAt: undefined })).status).toBe(403);
  });

  it('a case concluded now enters the queue by itself when the rule says so', async () => {
    const worker = await world.startWorker();
    try {
      // One of 张伟's and one of 陈静's: the next test scores the first and may not score the second
      // as 陈静 (the demo queue's own draw depends on the case ids made at seeding).
      for (const [who, username] of [[mediator, 'qd.mediator'], [mediator2, 'qd.mediator2']] as const) {
        const { caseId } = await inSessionCase(world, { handler, intake, mediator: who }, username);
        await world.http.post(`/api/v1/cases/${caseId}/outcome`).set(who.auth).send({ outcome: 'not_settled', notSettledReason: '分歧过大', otherRoutes: ['litigation'] }).expect(201);
        const entry = await eventually(async () => (await reviews(admin)).items.find((r: any) => r.caseId === caseId), 20_000);
        expect(entry).toMatchObject({ status: 'pending', reasons: ['not_settled'], mediatorId: who.user.id });
      }
    } finally {
      await world.stopWorker(worker);
    }
  });

  it('a reviewer scores a case on the checklist; never their own case; once', async () => {
    const pending = (await reviews(admin, '&status=pending')).items as any[];
    const own = pending.find((r) => r.mediatorId === mediator2.user.id)!;
    const other = pending.find((r) => r.mediatorId === mediator.user.id)!;
    const rule = (await world.http.get('/api/v1/quality/rule').set(reviewer.auth)).body;
    const full = rule.checklist.map((i: any) => ({ key: i.key, score: i.maxScore - 2 }));
    // 陈静 is a reviewer and a mediator: her own case is refused, and nothing changes.
    expect((await world.http.get(`/api/v1/quality/reviews/${own.id}`).set(mediator2.auth)).body.mayReview).toBe(false);
    const refused = await world.http.post(`/api/v1/quality/reviews/${own.id}/score`).set(mediator2.auth).send({ scores: full, findings: '自评' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'REVIEWER_IS_CASE_MEDIATOR' });
    expect((await world.http.get(`/api/v1/quality/reviews/${own.id}`).set(admin.auth)).body.status).toBe('pending');
    // A mediator without the reviewer role may not score at all.
    expect((await world.http.post(`/api/v1/quality/reviews/${other.id}/score`).set(mediator.auth).send({ scores: full, findings: 'x' })).status).toBe(403);
    // Bad scores: over an item's maximum, an unknown item, one missing — 400 with the fields.
    const over = await world.http.post(`/api/v1/quality/reviews/${other.id}/score`).set(reviewer.auth).send({ scores: [{ ...full[0], score: 99 }, ...full.slice(1)], findings: 'x' });
    expect(over.status).toBe(400);
    expect(over.body.errors.map((f: any) => f.field)).toEqual(['scores.0.score']);
    const missing = await world.http.post(`/api/v1/quality/reviews/${other.id}/score`).set(reviewer.auth).send({ scores: [...full.slice(1), { key: 'nope', score: 1 }], findings: 'x' });
    expect(missing.body.errors.map((f: any) => f.field)).toEqual(['scores.3.key', 'scores']);
    const ok = await world.http.post(`/api/v1/quality/reviews/${other.id}/score`).set(reviewer.auth).send({ scores: full, findings: '程序规范，告知充分。' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'reviewed', reviewerId: reviewer.user.id, totalScore: 92, maxScore: 100, findings: '程序规范，告知充分。' });
    expect(ok.body.scores[0]).toMatchObject({ key: 'method', label: expect.any(String), maxScore: 25, score: 23 });
    const again = await world.http.post(`/api/v1/quality/reviews/${other.id}/score`).set(reviewer.auth).send({ scores: full, findings: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REVIEW_ALREADY_DONE');

    // The mediator reads the reviews of their own cases only; another's is 404 to them.
    const mine = (await reviews(mediator)).items as any[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.mediatorId === mediator.user.id)).toBe(true);
    expect(mine.find((r) => r.id === other.id)).toMatchObject({ status: 'reviewed', totalScore: 92 });
    expect((await world.http.get(`/api/v1/quality/reviews/${own.id}`).set(mediator.auth)).status).toBe(404);

    // The scores per mediator and month, beside the success rate, with the 口径.
    const month = day(0).slice(0, 7);
    const scores = await world.http.get(`/api/v1/quality/scores?from=${day(-70).slice(0, 7)}&to=${month}`).set(admin.auth).expect(200);
    const row = scores.body.items.find((r: any) => r.month === month && r.mediatorId === mediator.user.id);
    expect(row.reviews).toBeGreaterThanOrEqual(1);
    expect(row.averagePercent).toBeGreaterThan(0);
    expect(row.concluded).toBeGreaterThanOrEqual(1);
    expect(scores.body.definitions.map((d: any) => d.key)).toEqual(['averagePercent', 'successRate', 'sampling']);
    expect((await world.http.get(`/api/v1/quality/scores?from=${month}&to=2020-01`).set(admin.auth)).status).toBe(400);
  });

  it('a reviewer returns a settled case’s agreement draft for correction before anyone signs', async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator');
    await world.http
      .post(`/api/v1/cases/${caseId}/outcome`)
      .set(mediator.auth)
      .send({ outcome: 'settled', terms: { refundFen: 10000, feeWaiverFen: 0, freeText: '退还年费', obligations: [{ owedBy: 'institution', description: '退还年费', amountFen: 10000, dueOn: day(5) }] } })
      .expect(201);
    const draft = await world.http.post(`/api/v1/cases/${caseId}/documents`).set(mediator.auth).send({ kind: 'agreement' }).expect(201);
    await world.http.put('/api/v1/quality/rule').set(admin.auth).send({ ...(await world.http.get('/api/v1/quality/rule').set(admin.auth)).body, updatedAt: undefined, settledPercent: 100 }).expect(200);
    await world.http.post('/api/v1/quality/queue/draw').set(admin.auth).send({ from: day(0), to: day(0) }).expect(200);
    const entry = (await reviews(admin)).items.find((r: any) => r.caseId === caseId);
    const returned = await world.http.post(`/api/v1/quality/reviews/${entry.id}/return-agreement`).set(reviewer.auth).send({ note: '退款期限请写明具体日期' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ agreementReturnNote: '退款期限请写明具体日期', agreementReturnedAt: expect.any(String) });
    const docs = (await world.http.get(`/api/v1/cases/${caseId}/documents`).set(mediator.auth)).body.items;
    expect(docs.find((d: any) => d.id === draft.body.id).status).toBe('superseded');
    const timeline = (await world.http.get(`/api/v1/cases/${caseId}/timeline`).set(mediator.auth)).body.items;
    expect(timeline.some((e: any) => /质量评查退回调解协议书草稿/.test(e.body ?? ''))).toBe(true);
    // Nothing left to return now: 409, and once the bank signed a new draft, also 409.
    expect((await world.http.post(`/api/v1/quality/reviews/${entry.id}/return-agreement`).set(reviewer.auth).send({ note: 'x' })).body.code).toBe('AGREEMENT_NOT_DRAFTED');
    const fresh = await world.http.post(`/api/v1/cases/${caseId}/documents`).set(mediator.auth).send({ kind: 'agreement' }).expect(201);
    await world.http.post(`/api/v1/cases/${caseId}/documents/${fresh.body.id}/sign`).set(handler.auth).send({}).expect(200);
    expect((await world.http.post(`/api/v1/quality/reviews/${entry.id}/return-agreement`).set(reviewer.auth).send({ note: 'x' })).body.code).toBe('DOCUMENT_SIGNING_STARTED');
  });

  it('another center, a bank and unknown ids get 404 or 403, never a review', async () => {
    const any = (await reviews(admin)).items[0];
    expect((await world.http.get(`/api/v1/quality/reviews/${any.id}`).set(shAdmin.auth)).status).toBe(404);
    expect((await world.http.get(`/api/v1/quality/reviews/not-a-uuid`).set(admin.auth)).body.code).toBe('QUALITY_REVIEW_NOT_FOUND');
    expect((await reviews(shAdmin)).items).toEqual([]);
    expect((await world.http.get('/api/v1/quality/rule').set(shAdmin.auth)).body.seed).toBe('accord');
    expect((await world.http.get('/api/v1/quality/reviews').set(bank.auth)).status).toBe(403);
    expect((await world.http.get(`/api/v1/quality/reviews/${any.id}`).set(bank.auth)).status).toBe(403);
    const shReviewer = await world.http.post(`/api/v1/quality/reviews/${any.id}/score`).set(shAdmin.auth).send({ scores: [{ key: 'method', score: 1 }], findings: 'x' });
    expect(shReviewer.status).toBe(403);
  });
});

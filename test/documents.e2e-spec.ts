import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { pdfText } from '../libs/testing/pdf-text';
import { connectTab, sockets } from './support/sockets';
import { inSessionCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

interface Message {
  caseId: string | null;
  body: string;
  status: string;
}

const compact = (s: string) => s.replace(/\s+/g, '');
const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * The case's documents (DOMAIN.md "Outcome", "Judicial confirmation"): the agreement drawn up
 * from the settlement in Chinese, signed in order by the bank, the consumer through an SMS
 * link and the mediator; then hashed, frozen (even against hand-written SQL) and verifiable by
 * anyone from the file alone; the termination notice issued by the mediator; other tenants 404.
 */
describe('documents', () => {
  let world: TestWorld;
  let sql: Client;
  let queue: Queue;
  let mediator: SignedIn;
  let mediator2: SignedIn;
  let intake: SignedIn;
  let handler: SignedIn;
  let viewer: SignedIn;
  let otherMediator: SignedIn;
  let otherBank: SignedIn;
  let siblingOutlet: SignedIn;

  const inDays = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));
  const settlement = {
    outcome: 'settled',
    terms: {
      refundFen: 120050,
      feeWaiverFen: 30000,
      instalment: { totalFen: 500000, count: 12, firstDueOn: inDays(30) },
      freeText: '银行减免分期手续费，消费者按期还款。',
      obligations: [{ owedBy: 'institution', description: '退还已收取的分期手续费', amountFen: 120050, dueOn: inDays(5) }],
    },
  };
  const settledCase = async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator', '张小三');
    await world.http.post(`/api/v1/cases/${caseId}/outcome`).set(mediator.auth).send(settlement).expect(201);
    return caseId;
  };
  const docs = (who: SignedIn, caseId: string) => world.http.get(`/api/v1/cases/${caseId}/documents`).set(who.auth);
  const generate = (who: SignedIn, caseId: string, kind = 'agreement') => world.http.post(`/api/v1/cases/${caseId}/documents`).set(who.auth).send({ kind });
  const sign = (who: SignedIn, caseId: string, docId: string) => world.http.post(`/api/v1/cases/${caseId}/documents/${docId}/sign`).set(who.auth).send({});
  const download = async (who: SignedIn, caseId: string, docId: string) => {
    const res = await world.http.get(`/api/v1/cases/${caseId}/documents/${docId}/pdf`).set(who.auth).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return res.body as Buffer;
  };
  const verify = (pdf: Buffer) => world.http.post('/api/v1/public/documents/verify').attach('file', pdf, { filename: 'agreement.pdf', contentType: 'application/pdf' });
  const messages = async () => (await world.http.get('/api/v1/messages?pageSize=100').set(intake.auth)).body.items as Message[];

  /** The consumer opens the signing SMS of the case and enters the code: their access token. */
  async function consumerOpens(caseId: string, sms = /调解协议书已生成/): Promise<string> {
    const link = await eventually(async () => (await messages()).find((m) => m.caseId === caseId && sms.test(m.body) && m.status === 'sent'), 20_000);
    const token = /\/c\/([A-Za-z0-9_-]+)/.exec(link.body)![1];
    const seen = new Set((await messages()).filter((m) => /验证码/.test(m.body)).map((m) => m.body));
    const asked = await world.http.post(`/api/v1/public/consumer-links/${token}/code`).expect(200);
    expect(asked.body.purpose).toBe('signing');
    const code = await eventually(async () => (await messages()).find((m) => m.caseId === caseId && /验证码 \d{6}/.test(m.body) && !seen.has(m.body) && m.status === 'sent'), 20_000);
    const ok = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code: /验证码 (\d{6})/.exec(code.body)![1] }).expect(200);
    expect(ok.body.purpose).toBe('signing');
    return ok.body.accessToken as string;
  }

  beforeAll(async () => {
    world = await TestWorld.start();
    await world.startWorker();
    sql = new Client({ connectionString: world.env.DATABASE_URL });
    await sql.connect();
    queue = new Queue('events', { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${world.env.REDIS_PREFIX}:bull` });
    [mediator, mediator2, intake, handler, viewer, otherMediator, otherBank] = await Promise.all(
      ['qd.mediator', 'qd.mediator2', 'qd.intake', 'icbc.qd.handler', 'icbc.viewer', 'sh.mediator', 'cmb.sh.handler'].map((u) => world.signIn(u)),
    );
    // the same bank's handler pinned to the neighbouring outlet (中山路网点): outside the case's subtree
    const bankAdmin = await world.signIn('icbc.admin');
    await world.http
      .post('/api/v1/users')
      .set(bankAdmin.auth)
      .send({ username: 'icbc.zsl.handler', displayName: '高远', password: 'Handler-pass-2026', roles: ['complaint_handler'], branchId: world.ids.branches['icbc-qd-zsl'] })
      .expect(201);
    siblingOutlet = await world.signIn('icbc.zsl.handler', 'Handler-pass-2026');
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await sql.end();
    await queue.close();
    await world.stop();
  });

  it('the agreement: Chinese draft, signed in order (bank, consumer by link, mediator), hashed, frozen and verifiable', async () => {
    const caseId = await settledCase();

    // A case not settled yet has no agreement; a termination notice does not fit a settlement.
    expect((await generate(mediator, caseId, 'termination_notice')).body.code).toBe('OUTCOME_DOES_NOT_FIT');
    expect((await generate(handler, caseId)).status).toBe(403);

    const first = await generate(mediator, caseId);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'agreement', version: 1, status: 'draft', nextParty: 'institution', parties: ['institution', 'consumer', 'mediator'], sha256: null });

    // The draft reads as the settlement: Chinese text, the consumer's full name, the amounts.
    const draft = compact(await pdfText(await download(handler, caseId, first.body.id)));
    for (const s of ['调解协议书', '张小三', '¥1,200.50', '人民币壹仟贰佰元伍角', '¥300.00', '¥5,000.00', '分12期偿还', '退还已收取的分期手续费', '银行减免分期手续费', '司法确认', '民事诉讼法', '审阅稿']) {
      expect(draft).toContain(compact(s));
    }

    // The bank spots a wrong amount at review: the mediator corrects the terms before anyone signs.
    const outcomeUrl = `/api/v1/cases/${caseId}/outcome`;
    expect((await world.http.get(outcomeUrl).set(mediator.auth)).body.amendable).toBe(true);
    expect((await world.http.get(outcomeUrl).set(handler.auth)).body.amendable).toBe(false);
    const obligation = settlement.terms.obligations[0];
    const corrected = { ...settlement, terms: { ...settlement.terms, refundFen: 125050, obligations: [{ ...obligation, amountFen: 125050 }] } };
    expect((await world.http.put(outcomeUrl).set(handler.auth).send(corrected)).status).toBe(403);
    for (const stranger of [otherMediator, mediator2]) expect((await world.http.put(outcomeUrl).set(stranger.auth).send(corrected)).status).toBe(404);
    const otherKind = await world.http.put(outcomeUrl).set(mediator.auth).send({ outcome: 'not_settled', notSettledReason: '分歧', otherRoutes: ['litigation'] });
    expect(otherKind.body).toMatchObject({ code: 'OUTCOME_KIND_FIXED', currentOutcome: 'settled' });
    const past = await world.http.put(outcomeUrl).set(mediator.auth).send({ ...corrected, terms: { ...corrected.terms, obligations: [{ ...obligation, dueOn: inDays(-1) }] } });
    expect(past.status).toBe(400);
    expect(past.body.errors.map((e: { field: string }) => e.field)).toEqual(['terms.obligations.0.dueOn']);
    expect((await world.http.get(outcomeUrl).set(mediator.auth)).body.terms.refundFen).toBe(120050); // nothing written
    const amended = await world.http.put(outcomeUrl).set(mediator.auth).send(corrected);
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ outcome: 'settled', settledAmountFen: 155050, terms: { refundFen: 125050 }, obligations: [{ amountFen: 125050, status: 'due' }] });
    expect((await sql.query(`SELECT settled_amount_fen::int AS fen FROM cases WHERE id = $1`, [caseId])).rows[0].fen).toBe(155050);
    // The draft of the old terms is void; the case's story says what changed.
    expect(((await docs(mediator, caseId)).body.items as { status: string }[]).map((d) => d.status)).toEqual(['superseded']);
    expect((await sign(handler, caseId, first.body.id)).body.code).toBe('DOCUMENT_SUPERSEDED');
    const story = (await world.http.get(`/api/v1/cases/${caseId}/timeline`).set(handler.auth)).body.items as { kind: string; body: string | null }[];
    expect(story.some((e) => e.kind === 'outcome' && e.body?.startsWith('修改调解结果：调解成功；退款/赔偿 ¥1,250.50'))).toBe(true);

    // The new draft carries the corrected terms.
    const second = await generate(mediator, caseId);
    expect(second.body).toMatchObject({ version: 2, status: 'draft' });
    const listed = (await docs(mediator, caseId)).body.items as { id: string; status: string; version: number }[];
    expect(listed.map((d) => [d.version, d.status])).toEqual([
      [2, 'draft'],
      [1, 'superseded'],
    ]);
    const redrawn = compact(await pdfText(await download(handler, caseId, second.body.id)));
    expect(redrawn).toContain('¥1,250.50');
    expect(redrawn).not.toContain('¥1,200.50');
    const docId = second.body.id as string;
    expect((await sign(handler, caseId, first.body.id)).body.code).toBe('DOCUMENT_SUPERSEDED');

    // Out of order: the mediator and the consumer wait for the bank.
    const early = await sign(mediator, caseId, docId);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'SIGNATURE_OUT_OF_ORDER', nextParty: 'institution' });
    expect((await world.http.post(`/api/v1/cases/${caseId}/documents/${docId}/consumer-link`).set(intake.auth)).body).toMatchObject({ code: 'SIGNATURE_OUT_OF_ORDER', nextParty: 'institution' });
    expect((await sign(viewer, caseId, docId)).status).toBe(403);
    // the PDF names the consumer in full: not for a read-only viewer
    expect((await world.http.get(`/api/v1/cases/${caseId}/documents/${docId}/pdf`).set(viewer.auth)).status).toBe(403);
    expect((await docs(viewer, caseId)).status).toBe(200);

    // The bank signs; every open page of the case hears of it.
    const tab = await connectTab(world.url, mediator.accessToken);
    const bankSigned = await sign(handler, caseId, docId);
    expect(bankSigned.status).toBe(200);
    expect(bankSigned.body).toMatchObject({ status: 'signing', nextParty: 'consumer', signatures: [{ party: 'institution', name: '吴婷', via: 'portal' }] });
    await tab.next('case.updated', (r) => r.data.caseId === caseId && r.data.change === 'document_signature');
    expect((await sign(handler, caseId, docId)).body).toMatchObject({ code: 'SIGNATURE_OUT_OF_ORDER', nextParty: 'consumer' });
    expect((await generate(mediator, caseId)).body.code).toBe('DOCUMENT_SIGNING_STARTED');
    // Once the bank has signed, what it signed stays as it is.
    expect((await world.http.put(outcomeUrl).set(mediator.auth).send(settlement)).body.code).toBe('TERMS_FIXED');
    expect((await world.http.get(outcomeUrl).set(mediator.auth)).body.amendable).toBe(false);
    expect((await sign(mediator, caseId, docId)).body).toMatchObject({ code: 'SIGNATURE_OUT_OF_ORDER', nextParty: 'consumer' });

    // The consumer signs through the SMS link; a wrong token opens nothing.
    await world.http.post(`/api/v1/cases/${caseId}/documents/${docId}/consumer-link`).set(intake.auth).expect(201);
    expect((await docs(mediator, caseId)).body.items[0].consumerLinkSentAt).not.toBeNull();
    expect((await world.http.get('/api/v1/public/consumer/document').set('X-Consumer-Token', 'x'.repeat(32))).status).toBe(401);
    expect((await world.http.post('/api/v1/public/consumer/document/sign').set('X-Consumer-Token', 'x'.repeat(32))).status).toBe(401);
    const token = await consumerOpens(caseId);
    const seen = await world.http.get('/api/v1/public/consumer/document').set('X-Consumer-Token', token).expect(200);
    expect(seen.body).toMatchObject({ kind: 'agreement', status: 'signing', nextParty: 'consumer', yourSignatureAt: null });
    const consumerCopy = await world.http.get('/api/v1/public/consumer/document/pdf').set('X-Consumer-Token', token).buffer(true).parse(binary).expect(200);
    expect(compact(await pdfText(consumerCopy.body as Buffer))).toContain('张小三');
    const consumerSigned = await world.http.post('/api/v1/public/consumer/document/sign').set('X-Consumer-Token', token).expect(200);
    expect(consumerSigned.body).toMatchObject({ status: 'signing', nextParty: 'mediator' });
    expect(consumerSigned.body.yourSignatureAt).not.toBeNull();
    expect((await world.http.post('/api/v1/public/consumer/document/sign').set('X-Consumer-Token', token)).body.code).toBe('SIGNATURE_OUT_OF_ORDER');

    // The mediator signs last: the signed original is stored with its hash; the judicial window opens.
    const done = await sign(mediator, caseId, docId);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'signed', nextParty: null });
    expect(done.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    await tab.next('case.updated', (r) => r.data.caseId === caseId && r.data.change === 'document_signed');
    const original = await download(handler, caseId, docId);
    expect(createHash('sha256').update(original).digest('hex')).toBe(done.body.sha256);
    expect(original.length).toBe(done.body.sizeBytes);
    // The consumer gets their copy of what came into force: a new SMS link shows it read-only.
    const copy = await consumerOpens(caseId, /调解协议书已由各方签署生效.*\/c\//);
    const mine = await world.http.get('/api/v1/public/consumer/document').set('X-Consumer-Token', copy).expect(200);
    expect(mine.body).toMatchObject({ status: 'signed', sha256: done.body.sha256, nextParty: null });
    const myCopy = await world.http.get('/api/v1/public/consumer/document/pdf').set('X-Consumer-Token', copy).buffer(true).parse(binary).expect(200);
    expect(createHash('sha256').update(myCopy.body as Buffer).digest('hex')).toBe(done.body.sha256);
    expect((await world.http.post('/api/v1/public/consumer/document/sign').set('X-Consumer-Token', copy)).body.code).toBe('DOCUMENT_SIGNED');
    const signedText = compact(await pdfText(original));
    for (const s of ['吴婷', '张小三', '张伟', '短信验证码确认', '平台账户确认', '北京时间']) expect(signedText).toContain(s);
    expect(signedText).not.toContain('审阅稿');
    const [judicial] = (
      await sql.query(`SELECT to_char(effective_on, 'YYYY-MM-DD') AS eff, (window_ends_on - effective_on) AS days FROM judicial_confirmations WHERE case_id = $1`, [caseId])
    ).rows;
    expect(judicial).toEqual({ eff: inDays(0), days: 30 });
    // The 30-day clock: delayed reminders 7 days and 1 day before it runs out, at 09:00 Beijing time.
    const windowEnds = inDays(30);
    const due = (daysBefore: number) => Date.parse(`${windowEnds}T09:00:00+08:00`) - daysBefore * 86400_000;
    const reminder = async (kind: '7d' | '1d') => queue.getJob(`judicial-${caseId}-${kind}-${windowEnds}`);
    const week = await eventually(async () => reminder('7d'));
    const day = (await reminder('1d'))!;
    expect([week.timestamp + week.opts.delay!, day.timestamp + day.opts.delay!]).toEqual([due(7), due(1)]);
    // Fired (promoted to now): the mediator and the bank hear that the window closes.
    const notices = async (who: SignedIn, kind: string) =>
      ((await world.http.get('/api/v1/notifications?pageSize=50').set(who.auth)).body.items as { kind: string; body: string; data?: { caseId?: string } }[]).filter(
        (n) => n.kind === kind && n.data?.caseId === caseId,
      );
    await week.promote();
    const [told] = await eventually(async () => ((await notices(mediator, 'judicial.window-7d')).length ? notices(mediator, 'judicial.window-7d') : undefined), 20_000);
    expect(told.body).toContain(`将于 ${windowEnds} 届满（剩余 7 天）`);
    await eventually(async () => (await notices(handler, 'judicial.window-7d')).length === 1);
    // Once the parties have decided, the last reminder does nothing.
    await world.http.put(`/api/v1/cases/${caseId}/judicial-confirmation`).set(mediator.auth).send({ applying: false, note: '双方不申请司法确认' }).expect(200);
    await day.promote();
    await eventually(async () => ['completed', 'unknown'].includes(await day.getState()), 20_000);
    expect(await notices(mediator, 'judicial.window-1d')).toEqual([]);

    // Frozen: no second signature, no regeneration, and the database refuses even direct SQL.
    expect((await sign(mediator, caseId, docId)).body.code).toBe('DOCUMENT_SIGNED');
    expect((await generate(mediator, caseId)).body.code).toBe('DOCUMENT_SIGNED');
    await expect(sql.query(`UPDATE case_documents SET sha256 = NULL, status = 'draft' WHERE id = $1`, [docId])).rejects.toMatchObject({ code: 'AC001' });
    await expect(sql.query(`UPDATE document_signatures SET signer_name = '冒名' WHERE document_id = $1`, [docId])).rejects.toMatchObject({ code: 'AC001' });
    await expect(sql.query(`UPDATE case_outcomes SET refund_fen = 1 WHERE case_id = $1`, [caseId])).rejects.toMatchObject({ code: 'AC001' });

    // Anyone verifies the file: the original is valid, one flipped byte is not.
    const valid = await verify(original).expect(200);
    expect(valid.body).toMatchObject({ valid: true, kind: 'agreement', sha256: done.body.sha256, centerName: '青岛市银行保险业纠纷调解中心' });
    expect(valid.body.caseNumber).toBeTruthy();
    expect(valid.body.signatures.map((s: { party: string }) => s.party)).toEqual(['institution', 'consumer', 'mediator']);
    const consumerLine = valid.body.signatures.find((s: { party: string }) => s.party === 'consumer');
    expect(consumerLine.name).not.toBe('张小三');
    expect(consumerLine.name).toContain('*');
    const tampered = Buffer.from(original);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    const invalid = await verify(tampered).expect(200);
    expect(invalid.body).toEqual({ valid: false, sha256: createHash('sha256').update(tampered).digest('hex') });
    expect((await world.http.get(`/api/v1/public/documents/verify/${done.body.sha256}`).expect(200)).body.valid).toBe(true);
    expect((await world.http.get(`/api/v1/public/documents/verify/${'0'.repeat(64)}`).expect(200)).body.valid).toBe(false);

    // Another bank, the same bank's outlet beside the case's, another center, and a mediator of
    // the same center not on the case: 404 everywhere (the center-only routes refuse a bank by role).
    for (const stranger of [otherBank, siblingOutlet, otherMediator, mediator2]) {
      expect((await docs(stranger, caseId)).status).toBe(404);
      expect((await world.http.get(`/api/v1/cases/${caseId}/documents/${docId}/pdf`).set(stranger.auth)).status).toBe(404);
      expect((await sign(stranger, caseId, docId)).status).toBe(404);
      if (stranger !== otherBank && stranger !== siblingOutlet) {
        expect((await generate(stranger, caseId)).status).toBe(404);
        expect((await world.http.post(`/api/v1/cases/${caseId}/documents/${docId}/consumer-link`).set(stranger.auth)).status).toBe(404);
      }
    }
  });

  it('the termination notice of a case not settled: issued by the mediator alone, then frozen; no judicial window', async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator', '李四');
    await world.http
      .post(`/api/v1/cases/${caseId}/outcome`)
      .set(mediator.auth)
      .send({ outcome: 'not_settled', notSettledReason: '双方对退款金额分歧较大', otherRoutes: ['litigation', 'arbitration', 'regulator_complaint'] })
      .expect(201);
    expect((await generate(mediator, caseId)).body.code).toBe('OUTCOME_DOES_NOT_FIT');
    const notice = await generate(mediator, caseId, 'termination_notice');
    expect(notice.status).toBe(201);
    expect(notice.body).toMatchObject({ kind: 'termination_notice', parties: ['mediator'], nextParty: 'mediator' });
    const draft = compact(await pdfText(await download(mediator, caseId, notice.body.id)));
    for (const s of ['终止调解告知书', '李四', '未能达成调解协议', '双方对退款金额分歧较大', '人民法院提起诉讼', '申请仲裁', '12378']) expect(draft).toContain(compact(s));

    expect((await sign(handler, caseId, notice.body.id)).body).toMatchObject({ code: 'SIGNATURE_OUT_OF_ORDER', nextParty: 'mediator' });
    expect((await world.http.post(`/api/v1/cases/${caseId}/documents/${notice.body.id}/consumer-link`).set(intake.auth)).body.code).toBe('SIGNATURE_OUT_OF_ORDER');
    const issued = await sign(mediator, caseId, notice.body.id);
    expect(issued.body).toMatchObject({ status: 'signed', signatures: [{ party: 'mediator', name: '张伟' }] });
    const original = await download(handler, caseId, notice.body.id);
    expect((await verify(original)).body).toMatchObject({ valid: true, kind: 'termination_notice' });
    // The consumer never signs the notice; it reaches them by SMS link, the signed original itself.
    const copy = await consumerOpens(caseId, /调解中心已出具终止调解告知书.*\/c\//);
    expect((await world.http.get('/api/v1/public/consumer/document').set('X-Consumer-Token', copy).expect(200)).body).toMatchObject({
      kind: 'termination_notice',
      status: 'signed',
      sha256: issued.body.sha256,
    });
    const theirs = await world.http.get('/api/v1/public/consumer/document/pdf').set('X-Consumer-Token', copy).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(theirs.body as Buffer, original)).toBe(0);
    expect((await sql.query(`SELECT 1 FROM judicial_confirmations WHERE case_id = $1`, [caseId])).rowCount).toBe(0);
    await expect(sql.query(`DELETE FROM case_documents WHERE id = $1`, [notice.body.id])).rejects.toMatchObject({ code: 'AC001' });
    expect((await docs(otherBank, caseId)).status).toBe(404);
  });
});

import { Queue } from 'bullmq';
import { RedisService } from '@accord/core';
import { assignedCase, inSessionCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

interface Message {
  caseId: string | null;
  body: string;
  status: string;
}

/**
 * The outcome of a mediation and what follows it (DOMAIN.md "Outcome", "Performance",
 * "Follow-up"): each outcome through HTTP with the details it needs, nothing written on bad
 * input, the obligations' reminders and overdue flag as BullMQ jobs, performance with evidence,
 * and the consumer's follow-up answer read per case and per mediator — other tenants seeing none.
 */
describe('outcomes', () => {
  let world: TestWorld;
  let queue: Queue;
  let mediator: SignedIn;
  let mediator2: SignedIn;
  let intake: SignedIn;
  let handler: SignedIn;
  let admin: SignedIn;
  let otherMediator: SignedIn;
  let otherBank: SignedIn;

  const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const inDays = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));
  const settlement = (over: Record<string, unknown> = {}) => ({
    outcome: 'settled',
    terms: {
      refundFen: 120050,
      feeWaiverFen: 30000,
      instalment: { totalFen: 500000, count: 12, firstDueOn: inDays(30) },
      freeText: '银行减免分期手续费，消费者按期还款。',
      obligations: [
        { owedBy: 'institution', description: '退还已收取的分期手续费', amountFen: 120050, dueOn: inDays(2) },
        { owedBy: 'consumer', description: '按新的分期计划归还首期款', amountFen: 41667, dueOn: inDays(30) },
      ],
      ...over,
    },
  });
  const inSession = (who: 'qd.mediator' | 'qd.mediator2' = 'qd.mediator') => inSessionCase(world, { handler, intake, mediator: who === 'qd.mediator' ? mediator : mediator2 }, who);
  const record = (who: SignedIn, caseId: string, body: object) => world.http.post(`/api/v1/cases/${caseId}/outcome`).set(who.auth).send(body);
  const messages = async (reader: SignedIn) => (await world.http.get('/api/v1/messages?pageSize=100').set(reader.auth)).body.items as Message[];

  /** The consumer opens the newest link of the case whose SMS matches, and enters the code. */
  async function consumerOpens(caseId: string, sms: RegExp): Promise<string> {
    const link = await eventually(async () => (await messages(intake)).find((m) => m.caseId === caseId && sms.test(m.body) && m.status === 'sent'), 20_000);
    const token = /\/c\/([A-Za-z0-9_-]+)/.exec(link.body)![1];
    const before = new Set((await messages(intake)).filter((m) => /验证码/.test(m.body)).map((m) => m.body));
    const asked = await world.http.post(`/api/v1/public/consumer-links/${token}/code`).expect(200);
    expect(asked.body.purpose).toBe('survey');
    const code = await eventually(async () => (await messages(intake)).find((m) => m.caseId === caseId && /验证码 \d{6}/.test(m.body) && !before.has(m.body)), 20_000);
    const ok = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code: /验证码 (\d{6})/.exec(code.body)![1] }).expect(200);
    return ok.body.accessToken as string;
  }

  beforeAll(async () => {
    world = await TestWorld.start();
    await world.startWorker();
    queue = new Queue('events', { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${world.env.REDIS_PREFIX}:bull` });
    [mediator, mediator2, intake, handler, admin, otherMediator, otherBank] = await Promise.all(
      ['qd.mediator', 'qd.mediator2', 'qd.intake', 'icbc.qd.handler', 'qd.admin', 'sh.mediator', 'cmb.sh.handler'].map((u) => world.signIn(u)),
    );
  });
  afterAll(async () => {
    await queue.close();
    await world.stop();
  });

  it('a settlement records its terms and obligations, moves the case and keeps the outcome on it; others see nothing', async () => {
    const { caseId, sessionId } = await inSession();
    const before = await world.http.get(`/api/v1/cases/${caseId}`).set(mediator.auth);
    expect(before.body.allowedActions).toContain('record_outcome');
    const bankView = await world.http.get(`/api/v1/cases/${caseId}`).set(handler.auth);
    expect(bankView.body.allowedActions).not.toContain('record_outcome');

    const res = await record(mediator, caseId, settlement());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      outcome: 'settled',
      recordedByName: '张伟',
      settledAmountFen: 150050,
      terms: { refundFen: 120050, feeWaiverFen: 30000, instalment: { totalFen: 500000, count: 12, firstDueOn: inDays(30) }, freeText: '银行减免分期手续费，消费者按期还款。' },
      obligations: [
        { owedBy: 'institution', description: '退还已收取的分期手续费', amountFen: 120050, dueOn: inDays(2), status: 'due', performedAt: null },
        { owedBy: 'consumer', description: '按新的分期计划归还首期款', amountFen: 41667, dueOn: inDays(30), status: 'due' },
      ],
    });
    const after = await world.http.get(`/api/v1/cases/${caseId}`).set(handler.auth);
    expect(after.body).toMatchObject({ status: 'settled', outcome: 'settled' });
    // The session that was running ended with it.
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(handler.auth)).body.session.status).toBe('concluded');
    expect(Date.parse(after.body.concludedAt)).toBeGreaterThan(Date.now() - 60_000);
    const timeline = await world.http.get(`/api/v1/cases/${caseId}/timeline`).set(handler.auth);
    expect(timeline.body.items).toContainEqual(expect.objectContaining({ kind: 'transition', toStatus: 'settled', body: expect.stringContaining('退款/赔偿 ¥1,200.50') }));

    // The bank reads the outcome; another bank and another center's mediator get 404 alike.
    expect((await world.http.get(`/api/v1/cases/${caseId}/outcome`).set(handler.auth)).body.settledAmountFen).toBe(150050);
    for (const stranger of [otherBank, otherMediator]) {
      const seen = await world.http.get(`/api/v1/cases/${caseId}/outcome`).set(stranger.auth);
      expect(seen.status).toBe(404);
      expect(seen.body.code).toBe('CASE_NOT_FOUND');
    }
    expect((await record(otherMediator, caseId, { outcome: 'withdrawn', note: 'x' })).status).toBe(404);
    // A second outcome loses: the case has moved on.
    const again = await record(mediator, caseId, { outcome: 'withdrawn', note: '消费者撤回' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'settled' });
  });

  // Each mediator runs at most four sessions here: they start a quarter hour apart within the hour.
  it('refuses bad terms with the fields at fault, and writes nothing', async () => {
    const { caseId } = await inSession('qd.mediator2');
    const cases: [object, string[]][] = [
      [settlement({ refundFen: 100.5 }), ['terms.refundFen']],
      [settlement({ feeWaiverFen: -1 }), ['terms.feeWaiverFen']],
      [settlement({ obligations: [{ owedBy: 'institution', description: '退款', amountFen: 100, dueOn: inDays(-1) }] }), ['terms.obligations.0.dueOn']],
      [settlement({ obligations: [{ owedBy: 'bank', description: '', dueOn: '2026-02-30' }] }), ['terms.obligations.0.owedBy', 'terms.obligations.0.description']],
      [settlement({ instalment: { totalFen: 1000, count: 0, firstDueOn: inDays(3) } }), ['terms.instalment.count']],
      [{ outcome: 'settled' }, ['terms']],
      [{ outcome: 'settled', terms: { refundFen: 0, feeWaiverFen: 0, obligations: [] } }, ['terms']],
      [{ outcome: 'not_settled' }, ['notSettledReason', 'otherRoutes']],
      [{ outcome: 'not_settled', notSettledReason: '差距过大', otherRoutes: ['duel'] }, ['otherRoutes']],
      [{ outcome: 'terminated' }, ['terminationReason']],
      [{ outcome: 'withdrawn', terms: settlement().terms, note: '撤回' }, ['terms']],
      [{ outcome: 'won' }, ['outcome']],
    ];
    for (const [body, fields] of cases) {
      const res = await record(mediator2, caseId, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(expect.arrayContaining(fields.sort()));
    }
    const past = await record(mediator2, caseId, settlement({ obligations: [{ owedBy: 'institution', description: '退款', amountFen: 100, dueOn: inDays(-1) }] }));
    expect(past.body.errors).toContainEqual({ field: 'terms.obligations.0.dueOn', message: `must not be in the past (today is ${today()})` });
    expect((await world.http.get(`/api/v1/cases/${caseId}`).set(mediator2.auth)).body).toMatchObject({ status: 'in_session', outcome: null, concludedAt: null });
    expect((await world.http.get(`/api/v1/cases/${caseId}/outcome`).set(mediator2.auth)).status).toBe(404);
    // An obligation due today is fine.
    expect((await record(mediator2, caseId, settlement({ obligations: [{ owedBy: 'institution', description: '当日退款', dueOn: today() }] }))).status).toBe(201);
  });

  it('not settled, withdrawn and terminated each keep what they need; a bank withdrawing a referral concludes it too', async () => {
    const a = await inSession();
    const notSettled = await record(mediator, a.caseId, { outcome: 'not_settled', notSettledReason: '双方对减免金额分歧过大', otherRoutes: ['litigation', 'arbitration'] });
    expect(notSettled.status).toBe(201);
    expect(notSettled.body).toMatchObject({ outcome: 'not_settled', notSettledReason: '双方对减免金额分歧过大', otherRoutes: ['litigation', 'arbitration'], terms: null, settledAmountFen: 0, obligations: [] });

    const b = await inSession('qd.mediator2');
    const terminated = await record(admin, b.caseId, { outcome: 'terminated', terminationReason: 'litigation_started', note: '消费者已向法院起诉' });
    expect(terminated.body).toMatchObject({ outcome: 'terminated', terminationReason: 'litigation_started', note: '消费者已向法院起诉' });

    const c = await inSession();
    // The assigned mediator's colleague, and the bank, may not conclude it.
    expect((await record(mediator2, c.caseId, { outcome: 'withdrawn', note: 'x' })).status).toBe(404);
    expect((await record(handler, c.caseId, { outcome: 'withdrawn', note: 'x' })).status).toBe(403);
    const withdrawn = await record(mediator, c.caseId, { outcome: 'withdrawn', note: '消费者主动撤回申请' });
    expect(withdrawn.body).toMatchObject({ outcome: 'withdrawn', note: '消费者主动撤回申请' });
    expect((await world.http.get(`/api/v1/cases/${c.caseId}`).set(handler.auth)).body).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });


    const filed = await world.http.post('/api/v1/cases').set(handler.auth).send({
      centerId: world.org('qd-center'),
      businessLine: 'debit_card_account',
      disputeType: 'service_attitude',
      amountFen: 0,
      facts: '服务态度',
      claims: '道歉',
      consumer: { name: '李四', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345679' },
      consentGiven: true,
    });
    await world.http.post(`/api/v1/cases/${filed.body.id}/withdraw`).set(handler.auth).send({ reason: '已与客户和解' }).expect(200);
    expect((await world.http.get(`/api/v1/cases/${filed.body.id}`).set(handler.auth)).body).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
  });

  it('before any hearing a case ends only terminated or withdrawn; a session still ahead is cancelled with the outcome, its reminders gone, the consumer told', async () => {
    // The time limit ran out with no session held: the case is terminated from "assigned".
    const idle = await assignedCase(world, { handler, intake }, 'qd.mediator2', '周八');
    expect((await world.http.get(`/api/v1/cases/${idle}`).set(mediator2.auth)).body.allowedActions).toContain('record_outcome');
    const tooSoon = await record(mediator2, idle, settlement());
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'assigned' });
    expect((await world.http.get(`/api/v1/cases/${idle}/outcome`).set(mediator2.auth)).status).toBe(404);
    expect((await record(mediator2, idle, { outcome: 'terminated', terminationReason: 'time_limit', note: '超过调解期限，消费者未回应' })).status).toBe(201);
    expect((await world.http.get(`/api/v1/cases/${idle}`).set(handler.auth)).body).toMatchObject({ status: 'terminated', outcome: 'terminated' });

    // A session booked three days out; the consumer tells the center they went to court.
    const ahead = await assignedCase(world, { handler, intake }, 'qd.mediator2', '吴九');
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 86400_000) / 60_000) * 60_000).toISOString();
    const booked = await world.http.post(`/api/v1/cases/${ahead}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt, minutes: 30, outsideHoursReason: '测试' });
    expect(booked.status).toBe(201);
    const reminders = async () => (await queue.getDelayed()).filter((j) => j.id?.includes(booked.body.id)).length;
    await eventually(async () => (await reminders()) === 2);
    const notHeard = await record(mediator2, ahead, { outcome: 'not_settled', notSettledReason: 'x', otherRoutes: ['litigation'] });
    expect(notHeard.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'scheduled' });
    expect((await record(mediator2, ahead, { outcome: 'terminated', terminationReason: 'litigation_started', note: '消费者已起诉' })).status).toBe(201);

    const session = (await world.http.get(`/api/v1/cases/${ahead}/sessions`).set(handler.auth)).body.items[0];
    expect(session).toMatchObject({ id: booked.body.id, status: 'cancelled' });
    await eventually(async () => (await reminders()) === 0);
    // The consumer's SMS and the bank's e-mail (with the .ics that takes it off their calendar).
    const cancelled = async () => (await messages(intake)).filter((m) => m.caseId === ahead && m.body.includes('已取消') && m.status === 'sent');
    const told = await eventually(async () => ((await cancelled()).length === 2 ? cancelled() : undefined), 20_000);
    expect(told.find((m) => m.body.startsWith('【'))!.body).toContain('原因：调解已有结果（终止调解），本次会议取消。');
    expect(told.find((m) => m.body.startsWith('吴婷您好'))!.body).toContain('附件中的日历文件（.ics）会从您的日历中移除这次会议。');
    // The mediator's time is free again: another case can take the very slot.
    const other = await assignedCase(world, { handler, intake }, 'qd.mediator2', '郑十');
    expect((await world.http.post(`/api/v1/cases/${other}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt, minutes: 30, outsideHoursReason: '测试' })).status).toBe(201);
  });

  it("obligations: a reminder to the owing bank before the due date, overdue after it (BullMQ), performed with evidence", async () => {
    const { caseId } = await inSession('qd.mediator2');
    const recorded = await record(mediator2, caseId, settlement());
    const [bankOwes, consumerOwes] = recorded.body.obligations as { id: string }[];

    // Due in two days: the reminder (three days before, 09:00) is already due, so it fires now.
    const notices = async (who: SignedIn) => (await world.http.get('/api/v1/notifications?pageSize=100').set(who.auth)).body.items as { kind: string; data: { obligationId?: string } }[];
    await eventually(async () => (await notices(handler)).find((n) => n.kind === 'obligation.due-soon' && n.data.obligationId === bankOwes.id), 20_000);
    expect((await notices(otherBank)).some((n) => n.data.obligationId === bankOwes.id)).toBe(false);
    // Redis forgets its delayed jobs (a restart with nothing on disk): the worker's keeper plans them
    // again from PostgreSQL with the same ids — all but the reminder that already went out.
    const waiting = [`obligation-${consumerOwes.id}-before_due`, `obligation-${bankOwes.id}-overdue`, `obligation-${consumerOwes.id}-overdue`].sort();
    const delayedIds = async () => (await queue.getDelayed()).map((j) => j.id!).filter((id) => id.includes(bankOwes.id) || id.includes(consumerOwes.id)).sort();
    await eventually(async () => (await delayedIds()).length === waiting.length);
    for (const job of await queue.getDelayed()) if (waiting.includes(job.id!)) await job.remove();
    expect(await delayedIds()).toEqual([]);
    await world.workers[0].get(RedisService).client.del(`${world.env.REDIS_PREFIX}:delayed:planned`);
    expect(await eventually(async () => ((await delayedIds()).length >= waiting.length ? delayedIds() : undefined), 20_000)).toEqual(waiting);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await notices(handler)).filter((n) => n.kind === 'obligation.due-soon' && n.data.obligationId === bankOwes.id)).toHaveLength(1);
    // The consumer's reminder waits for its day; both overdue flags wait in BullMQ for theirs.
    const consumerReminder = await eventually(() => queue.getJob(`obligation-${consumerOwes.id}-before_due`));
    expect(await consumerReminder.getState()).toBe('delayed');
    const overdue = await eventually(() => queue.getJob(`obligation-${bankOwes.id}-overdue`));
    expect(await overdue.getState()).toBe('delayed');
    // Due the first minute after the due day (BullMQ keeps the delay from the moment it was added).
    expect(Math.abs(overdue.timestamp + overdue.opts.delay! - Date.parse(`${inDays(3)}T00:00:00+08:00`))).toBeLessThan(1000);

    // Time passes (the job is promoted): the bank's obligation turns overdue, the center and the bank are told.
    await overdue.promote();
    await eventually(async () => (await world.http.get(`/api/v1/cases/${caseId}/outcome`).set(handler.auth)).body.obligations[0].status === 'overdue', 20_000);
    await eventually(async () => (await notices(admin)).find((n) => n.kind === 'obligation.overdue' && n.data.obligationId === bankOwes.id), 20_000);
    await eventually(async () => (await notices(mediator2)).find((n) => n.kind === 'obligation.overdue'), 20_000);
    // … and the statistics count it on its due day (the job asked the worker to recount the case).
    const overdueOn = async () =>
      (await world.http.get(`/api/v1/statistics/dashboard?from=${inDays(2)}&to=${inDays(2)}`).set(admin.auth)).body.total?.obligationsOverdue;
    await eventually(async () => (await overdueOn()) === 1, 20_000);

    // Nothing closes while something is owed.
    const early = await world.http.post(`/api/v1/cases/${caseId}/close`).set(mediator2.auth).send({});
    expect(early.body).toMatchObject({ code: 'OBLIGATIONS_OPEN', open: 2 });

    // The bank performs what it owes, with a receipt attached to the case; not what the consumer owes.
    const receipt = await world.http.post(`/api/v1/cases/${caseId}/attachments`).set(handler.auth).attach('file', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'), 'receipt.pdf');
    expect(receipt.status).toBe(201);
    const mine = await world.http.post(`/api/v1/cases/${caseId}/obligations/${bankOwes.id}/performed`).set(handler.auth).send({ note: '已退款至尾号 5678 账户，流水号 20261201001', attachmentId: receipt.body.id });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'performed', evidenceNote: '已退款至尾号 5678 账户，流水号 20261201001', evidenceAttachmentId: receipt.body.id, evidenceFileName: 'receipt.pdf' });
    expect((await world.http.post(`/api/v1/cases/${caseId}/obligations/${bankOwes.id}/performed`).set(handler.auth).send({ note: '再次' })).body.code).toBe('OBLIGATION_PERFORMED');
    expect((await world.http.post(`/api/v1/cases/${caseId}/obligations/${consumerOwes.id}/performed`).set(handler.auth).send({ note: '代为确认' })).body.code).toBe('OBLIGATION_NOT_YOURS');
    expect((await world.http.post(`/api/v1/cases/${caseId}/obligations/${consumerOwes.id}/performed`).set(otherBank.auth).send({ note: 'x' })).status).toBe(404);
    expect((await world.http.post(`/api/v1/cases/${caseId}/obligations/${consumerOwes.id}/performed`).set(mediator2.auth).send({ note: '' })).body.errors).toEqual([
      expect.objectContaining({ field: 'note' }),
    ]);
    const theirs = await world.http.post(`/api/v1/cases/${caseId}/obligations/${consumerOwes.id}/performed`).set(mediator2.auth).send({ note: '消费者已还首期款' });
    expect(theirs.body.status).toBe('performed');
    // A reminder for a performed obligation does nothing.
    await consumerReminder.promote();
    await eventually(async () => (await consumerReminder.getState()) === 'completed', 20_000);
    expect((await messages(intake)).some((m) => m.caseId === caseId && m.body.includes('按新的分期计划归还首期款'))).toBe(false);

    // All performed: the center closes the case (结案); it keeps its outcome for the statistics. The bank may not close.
    expect((await world.http.post(`/api/v1/cases/${caseId}/close`).set(handler.auth).send({})).status).toBe(403);
    const closed = await world.http.post(`/api/v1/cases/${caseId}/close`).set(mediator2.auth).send({ note: '协议履行完毕' });
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'settled' });
  });

  it('the follow-up survey: the consumer answers once from the link; the center reads it per case and per mediator', async () => {
    const first = await inSession('qd.mediator');
    await record(mediator, first.caseId, { outcome: 'not_settled', notSettledReason: '未达成一致', otherRoutes: ['litigation'] });
    const second = await inSession('qd.mediator2');
    await record(mediator2, second.caseId, { outcome: 'withdrawn', note: '撤回' });

    type Line = { mediatorName: string; sent: number; answered: number; average: number | null; distribution: number[] };
    const lines = async () => (await world.http.get('/api/v1/follow-ups/by-mediator').set(admin.auth)).body.items as Line[];
    const sent = async (caseId: string) => (await world.http.get(`/api/v1/cases/${caseId}/follow-up`).set(admin.auth)).status === 200;
    await eventually(async () => (await sent(first.caseId)) && (await sent(second.caseId)), 20_000);
    const before = await lines();
    const access = await consumerOpens(first.caseId, /请花一分钟评价/);
    const survey = await world.http.get('/api/v1/public/consumer/survey').set('x-consumer-token', access);
    expect(survey.body).toMatchObject({ mediatorName: '张伟', outcome: 'not_settled', satisfaction: null });
    expect((await world.http.post('/api/v1/public/consumer/survey').set('x-consumer-token', access).send({ satisfaction: 6 })).body.errors).toEqual([expect.objectContaining({ field: 'satisfaction' })]);
    const answered = await world.http.post('/api/v1/public/consumer/survey').set('x-consumer-token', access).send({ satisfaction: 4, comment: '调解员很耐心' });
    expect(answered.body).toMatchObject({ satisfaction: 4, comment: '调解员很耐心' });
    const twice = await world.http.post('/api/v1/public/consumer/survey').set('x-consumer-token', access).send({ satisfaction: 1 });
    expect({ status: twice.status, body: twice.body }).toMatchObject({ status: 409, body: { code: 'FOLLOW_UP_ANSWERED' } });
    expect((await world.http.get('/api/v1/public/consumer/survey').set('x-consumer-token', 'nope')).status).toBe(401);

    expect((await world.http.get(`/api/v1/cases/${first.caseId}/follow-up`).set(admin.auth)).body).toMatchObject({ satisfaction: 4, comment: '调解员很耐心' });
    // Nothing else was owed: the answered follow-up closes the case on its own, keeping its outcome.
    await eventually(async () => (await world.http.get(`/api/v1/cases/${first.caseId}`).set(handler.auth)).body.status === 'closed', 20_000);
    expect((await world.http.get(`/api/v1/cases/${first.caseId}`).set(handler.auth)).body.outcome).toBe('not_settled');
    expect((await world.http.get(`/api/v1/cases/${first.caseId}/follow-up`).set(handler.auth)).status).toBe(403);
    expect((await world.http.get(`/api/v1/cases/${first.caseId}/follow-up`).set(otherMediator.auth)).status).toBe(404);

    // Per mediator: 张伟's line gains this answer (a 4); 陈静's, whose consumer has not answered, stays as it was.
    const after = await lines();
    const zw = (l: Line[]) => l.find((m) => m.mediatorName === '张伟')!;
    const cj = (l: Line[]) => l.find((m) => m.mediatorName === '陈静')!;
    const d = zw(before).distribution;
    expect(zw(after)).toMatchObject({ sent: zw(before).sent, answered: zw(before).answered + 1, distribution: [d[0], d[1], d[2], d[3] + 1, d[4]] });
    const sum = (l: Line) => l.distribution.reduce((acc, n, i) => acc + n * (i + 1), 0);
    expect(zw(after).average).toBeCloseTo(sum(zw(after)) / zw(after).answered, 2);
    expect(cj(after)).toEqual(cj(before));
    // A mediator reads their own line and answers only; another center reads none of these.
    const own = (await eventually(async () => {
      const page = (await world.http.get('/api/v1/follow-ups?pageSize=100').set(mediator2.auth)).body;
      return page.items.some((f: { caseId: string }) => f.caseId === second.caseId) && page;
    }, 20_000)) as { items: { caseId: string; mediatorName: string }[] };
    expect(own.items.map((f) => f.caseId)).not.toContain(first.caseId);
    expect(new Set(own.items.map((f) => f.mediatorName))).toEqual(new Set(['陈静']));
    expect((await world.http.get('/api/v1/follow-ups/by-mediator').set(mediator2.auth)).body.items.map((m: { mediatorName: string }) => m.mediatorName)).toEqual(['陈静']);
    const elsewhere = (await world.http.get('/api/v1/follow-ups').set(otherMediator.auth)).body;
    expect(elsewhere.items.map((f: { caseId: string }) => f.caseId)).not.toContain(first.caseId);
    const all = (await world.http.get('/api/v1/follow-ups?pageSize=100').set(admin.auth)).body;
    expect(all.items).toContainEqual(expect.objectContaining({ caseId: first.caseId, satisfaction: 4, mediatorName: '张伟' }));
  });
});

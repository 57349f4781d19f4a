import { JobRegistry, JobRunner } from '@accord/core';
import { startAliyunSms, startSmtpServer } from './support/mail-servers';
import { eventually, SignedIn, TestWorld } from './support/test-world';

interface Message {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  channel: 'sms' | 'email';
  recipientMasked: string;
  subject: string;
  body: string;
  status: 'queued' | 'sent' | 'failed';
  provider: string | null;
  error: string | null;
  attempts: number;
  attachments: { filename: string; contentType: string; size: number }[];
}

/**
 * Notification channels end to end: e-mail through a real SMTP server started here (the
 * invitation's .ics received and parsed), SMS through the Alibaba Cloud adapter against a
 * local endpoint that recomputes the signature, every attempt and failure in the center's
 * message log, and the log closed to everyone else.
 */
describe('messages: e-mail invitations and SMS through real transports', () => {
  let world: TestWorld;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let aliyun: Awaited<ReturnType<typeof startAliyunSms>>;
  let intake: SignedIn;
  let handler: SignedIn;
  const year = new Date().getUTCFullYear() + 1;
  const at = (mmdd: string, time: string) => new Date(`${year}-${mmdd}T${time}:00+08:00`).toISOString();
  const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const smsEnv = {
    SMS_PROVIDER: 'aliyun',
    SMS_ACCESS_KEY_ID: 'LTAI5tAccordTest',
    SMS_ACCESS_KEY_SECRET: 'accord-test-secret-0123456789',
    SMS_SIGN_NAME: '青岛调解中心',
    SMS_TEMPLATE_CODE: 'SMS_465900001',
  };

  beforeAll(async () => {
    smtp = await startSmtpServer({ user: 'accord', password: 'mail-pass-1' });
    aliyun = await startAliyunSms(smsEnv.SMS_ACCESS_KEY_ID, smsEnv.SMS_ACCESS_KEY_SECRET);
    world = await TestWorld.start({
      ...smsEnv,
      SMS_ENDPOINT: `http://127.0.0.1:${aliyun.port}`,
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: `smtp://accord:mail-pass-1@127.0.0.1:${smtp.port}`,
      MAIL_FROM: '青岛调解中心 <noreply@qd-center.example.cn>',
    });
    await world.startWorker();
    [intake, handler] = await Promise.all([world.signIn('qd.intake'), world.signIn('icbc.qd.handler')]);
  });
  afterAll(async () => {
    await world.stop();
    await smtp.close();
    await aliyun.close();
  });

  /** A referral from ICBC's 香港中路 outlet, accepted and assigned; the consumer's contact as given. */
  async function assignedCase(consumer: { phone: string; email?: string }, mediator = 'qd.mediator'): Promise<{ id: string; caseNumber: string }> {
    const filed = await world.http.post('/api/v1/cases').set(handler.auth).send({
      centerId: world.org('qd-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 520000,
      facts: '年费争议',
      claims: '退还年费',
      consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', ...consumer },
      consentGiven: true,
    });
    expect(filed.status).toBe(201);
    await world.http.post(`/api/v1/cases/${filed.body.id}/accept`).set(intake.auth).send({}).expect(200);
    await world.http.post(`/api/v1/cases/${filed.body.id}/assign`).set(intake.auth).send({ mediatorId: world.ids.users[mediator], overrideReason: '测试指定' }).expect(200);
    return { id: filed.body.id, caseNumber: filed.body.caseNumber };
  }

  const log = async (query = '') => (await world.http.get(`/api/v1/messages?pageSize=100${query}`).set(intake.auth).expect(200)).body.items as Message[];
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const smsFor = (caseMessages: Message[]) => aliyun.requests.filter((r) => caseMessages.some((m) => m.id === r.params.OutId));

  it('a booking e-mails the invitation (.ics, REQUEST) to the consumer and the branch\'s handler; a reschedule and a cancel follow, with SMS', async () => {
    const c = await assignedCase({ phone: '13912345678', email: 'xiaosan.zhang@example.cn' });
    const booked = await world.http
      .post(`/api/v1/cases/${c.id}/sessions`)
      .set(intake.auth)
      .send({ channel: 'video', startsAt: at('03-03', '14:00'), minutes: 60, outsideHoursReason: '测试' });
    expect(booked.status).toBe(201);
    const sid = booked.body.id as string;

    const [toConsumer] = await eventually(async () => (mailsTo('xiaosan.zhang@example.cn').length ? mailsTo('xiaosan.zhang@example.cn') : undefined));
    const [toHandler] = await eventually(async () => (mailsTo('icbc.qd.handler@demo.accord.test').length ? mailsTo('icbc.qd.handler@demo.accord.test') : undefined));
    expect(toConsumer.user).toBe('accord'); // it signed in to the SMTP server
    expect(toConsumer.from).toBe('noreply@qd-center.example.cn');
    expect(toConsumer.mime.headers.from).toContain('青岛调解中心');
    expect(toConsumer.subject).toBe(`调解会议邀请：${c.caseNumber} 视频调解 3月3日 14:00`);
    expect(toConsumer.text).toContain(`案件 ${c.caseNumber} 的视频调解已预约。`);
    expect(toConsumer.text).toMatch(new RegExp(`时间：${year}年3月3日周. 14:00–15:00（北京时间）`));
    expect(toConsumer.text).toContain('调解员：张伟');
    expect(toHandler.text).toContain('吴婷您好：');
    for (const mail of [toConsumer, toHandler]) {
      expect(mail.attachments).toHaveLength(1);
      const [ics] = mail.attachments;
      expect(ics.filename).toBe(`${c.caseNumber}.ics`);
      expect(ics.contentType).toMatch(/^text\/calendar/);
      expect(ics.contentType).toMatch(/method=REQUEST/i);
      const unfolded = ics.content.replace(/\r\n /g, '');
      expect(unfolded).toContain('METHOD:REQUEST');
      expect(unfolded).toContain(`UID:${sid}@accord`);
      expect(unfolded).toContain('SEQUENCE:1');
      expect(unfolded).toContain(`DTSTART:${utc(at('03-03', '14:00'))}`);
      expect(unfolded).toContain(`DTEND:${utc(at('03-03', '15:00'))}`);
      expect(unfolded).toContain('ORGANIZER;CN="青岛市银行保险业纠纷调解中心":mailto:noreply@qd-center.example.cn');
    }
    // Nobody else got it (one complaint handler in that branch; the bank's other users are not invited).
    expect(smtp.received.filter((m) => m.subject.includes(c.caseNumber))).toHaveLength(2);

    // The center's log: both e-mails sent by SMTP, masked, with the attachment named; no SMS for a booking.
    const sentMails = await eventually(async () => {
      const mine = (await log('&channel=email')).filter((m) => m.caseId === c.id);
      return mine.length === 2 && mine.every((m) => m.status === 'sent') ? mine : undefined;
    });
    expect(sentMails.map((m) => m.recipientMasked).sort()).toEqual(['i***@demo.accord.test', 'x***@example.cn']);
    for (const m of sentMails) {
      expect(m).toMatchObject({ channel: 'email', provider: 'smtp', attempts: 1, error: null, subject: toConsumer.subject, caseNumber: c.caseNumber });
      expect(m.attachments).toEqual([{ filename: `${c.caseNumber}.ics`, contentType: 'text/calendar; charset=utf-8; method=REQUEST', size: expect.any(Number) }]);
    }
    expect((await log()).filter((m) => m.caseId === c.id && m.channel === 'sms')).toEqual([]);
    // The filter is validated.
    expect((await world.http.get('/api/v1/messages?channel=fax').set(intake.auth)).status).toBe(400);

    // A reschedule: a new invitation (SEQUENCE 2) and the consumer's SMS through Alibaba Cloud.
    await world.http
      .post(`/api/v1/sessions/${sid}/reschedule`)
      .set(intake.auth)
      .send({ startsAt: at('03-04', '09:30'), minutes: 60, reason: '消费者出差', outsideHoursReason: '测试' })
      .expect(200);
    const moved = await eventually(async () => mailsTo('xiaosan.zhang@example.cn').find((m) => m.subject.startsWith('调解会议改期')));
    expect(moved.text).toContain('原定时间：3月3日 14:00（北京时间）');
    expect(moved.text).toContain('原因：消费者出差');
    const movedIcs = moved.attachments[0].content.replace(/\r\n /g, '');
    expect(movedIcs).toContain('SEQUENCE:2');
    expect(movedIcs).toContain(`DTSTART:${utc(at('03-04', '09:30'))}`);
    const movedSms = await eventually(async () => smsFor((await log()).filter((m) => m.caseId === c.id)).find((r) => r.content.includes('已改期')));
    expect(movedSms.signatureValid).toBe(true);
    expect(movedSms.params).toMatchObject({ PhoneNumbers: '13912345678', SignName: '青岛调解中心', TemplateCode: 'SMS_465900001' });
    // The provider adds the 【signature】 itself.
    expect(movedSms.content).toBe(`您的调解会议（案件 ${c.caseNumber}）已改期至 3月4日 09:30（北京时间），方式：视频调解。原因：消费者出差。`);

    // A cancel: METHOD:CANCEL, SEQUENCE 3, to both, and the consumer's SMS.
    await world.http.post(`/api/v1/sessions/${sid}/cancel`).set(intake.auth).send({ reason: '双方已和解' }).expect(200);
    const cancels = await eventually(async () => {
      const got = smtp.received.filter((m) => m.subject.startsWith(`调解会议取消：${c.caseNumber}`));
      return got.length === 2 ? got : undefined;
    });
    for (const mail of cancels) {
      expect(mail.attachments[0].contentType).toMatch(/method=CANCEL/i);
      const ics = mail.attachments[0].content.replace(/\r\n /g, '');
      expect(ics).toContain('METHOD:CANCEL');
      expect(ics).toContain('STATUS:CANCELLED');
      expect(ics).toContain('SEQUENCE:3');
      expect(ics).toContain(`UID:${sid}@accord`);
    }
    expect(cancels.find((m) => m.to.includes('xiaosan.zhang@example.cn'))!.text).toContain('原因：双方已和解');
    const cancelSms = await eventually(async () => smsFor((await log()).filter((m) => m.caseId === c.id)).find((r) => r.content.includes('已取消')));
    expect(cancelSms.content).toContain('原定于 3月4日 09:30（北京时间）');
    const all = await eventually(async () => {
      const mine = (await log()).filter((m) => m.caseId === c.id);
      return mine.length === 8 && mine.every((m) => m.status === 'sent') ? mine : undefined;
    });
    expect(all.filter((m) => m.channel === 'sms').map((m) => m.provider)).toEqual(['aliyun', 'aliyun']);

    // The bank's handler (who filed the case, in the branch that holds it) sees each change in the
    // portal's bell as well, once each; another bank's handler sees none of it.
    type Notice = { kind: string; title: string; body: string; data: { caseId?: string; startsAt?: string; channel?: string } };
    const bell = async (who: SignedIn) =>
      ((await world.http.get('/api/v1/notifications?pageSize=100').set(who.auth).expect(200)).body.items as Notice[]).filter((n) => n.data.caseId === c.id && n.kind.startsWith('session.'));
    const heard = await eventually(async () => {
      const got = await bell(handler);
      return got.length === 3 ? got : undefined;
    });
    const byKind = Object.fromEntries(heard.map((n) => [n.kind, n]));
    expect(Object.keys(byKind).sort()).toEqual(['session.booked', 'session.cancelled', 'session.rescheduled']);
    expect(byKind['session.booked']).toMatchObject({
      title: `调解会议已预约：${c.caseNumber}`,
      body: `青岛市银行保险业纠纷调解中心为案件 ${c.caseNumber} 预约了视频调解，时间 3月3日 14:00，请在案件页确认出席。`,
      data: { startsAt: at('03-03', '14:00'), channel: 'video' },
    });
    expect(byKind['session.rescheduled'].data.startsAt).toBe(at('03-04', '09:30'));
    expect(byKind['session.cancelled'].title).toBe(`调解会议取消：${c.caseNumber}`);
    expect(await bell(await world.signIn('cmb.sh.handler'))).toEqual([]);
  });

  it('invitations go to the handlers whose branch holds the case, with the address their admin gave them', async () => {
    const admin = await world.signIn('icbc.admin');
    const user = (username: string, branch: string, email?: string) =>
      world.http.post('/api/v1/users').set(admin.auth).send({
        username,
        displayName: username === 'icbc.sn.handler' ? '林涛' : '高远',
        password: 'Handler-pass-2026',
        roles: ['complaint_handler'],
        branchId: world.ids.branches[branch],
        ...(email ? { email } : {}),
      });
    const bad = await user('icbc.bad.handler', 'icbc-qd-sn', 'not-an-address');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('email');
    // Above the case's outlet (市南支行): invited. A sibling outlet (中山路): not.
    const above = await user('icbc.sn.handler', 'icbc-qd-sn', 'Lin.Tao@ICBC.example.cn');
    expect(above.status).toBe(201);
    expect((await user('icbc.zsl.handler', 'icbc-qd-zsl', 'gao.yuan@icbc.example.cn')).status).toBe(201);
    const listed = (await world.http.get('/api/v1/users?pageSize=100').set(admin.auth)).body.items as { username: string; email: string | null }[];
    expect(listed.find((u) => u.username === 'icbc.sn.handler')?.email).toBe('lin.tao@icbc.example.cn');

    const c = await assignedCase({ phone: '13955556666' }, 'qd.mediator2');
    await world.http.post(`/api/v1/cases/${c.id}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt: at('03-10', '10:00'), minutes: 30, outsideHoursReason: '测试' }).expect(201);
    const invited = await eventually(async () => {
      const got = smtp.received.filter((m) => m.subject.includes(c.caseNumber));
      return got.length === 2 ? got : undefined;
    });
    expect(invited.map((m) => m.to[0]).sort()).toEqual(['icbc.qd.handler@demo.accord.test', 'lin.tao@icbc.example.cn']);
    expect(invited.find((m) => m.to[0] === 'lin.tao@icbc.example.cn')!.text).toContain('林涛您好：');
    await world.http.post(`/api/v1/users/${above.body.id}/deactivate`).set(admin.auth).expect(200);
  });

  it('the invitation job run twice (a stalled job re-run) queues its e-mails once; one for an older version does nothing', async () => {
    const c = await assignedCase({ phone: '13966667777', email: 'twice@example.cn' }, 'qd.mediator2');
    const s = (await world.http.post(`/api/v1/cases/${c.id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt: at('03-11', '10:00'), minutes: 30, outsideHoursReason: '测试' })).body;
    const count = async () => (await log()).filter((m) => m.caseId === c.id).length;
    await eventually(async () => (await count()) === 2);
    const runner = world.workers[0].get(JobRunner);
    const handler = world.workers[0].get(JobRegistry).get('sessions.send-invitation');
    const payload = { outboxId: '0', sessionId: s.id, change: 'booked', version: s.version, previousStartsAt: null };
    const runs = [await runner.runOnce('manual-invitation-1', 'sessions.send-invitation', handler, payload), await runner.runOnce('manual-invitation-1', 'sessions.send-invitation', handler, payload)];
    expect(runs).toEqual([true, false]);
    expect(await count()).toBe(4);
    expect(await runner.runOnce('manual-invitation-2', 'sessions.send-invitation', handler, { ...payload, version: s.version - 1 })).toBe(true);
    expect(await count()).toBe(4);
  });

  it('a day before, the consumer gets an SMS reminder besides the in-app ones', async () => {
    const c = await assignedCase({ phone: '13911112222' }, 'qd.mediator2');
    // 24 hours and 4 seconds from now: the 24-hour reminder is due in 4 seconds.
    const startsAt = new Date(Math.ceil((Date.now() + 24 * 3600_000 + 4000) / 1000) * 1000).toISOString();
    await world.http.post(`/api/v1/cases/${c.id}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt, minutes: 30, outsideHoursReason: '测试' }).expect(201);
    const reminder = await eventually(async () => smsFor((await log()).filter((m) => m.caseId === c.id)).find((r) => r.content.startsWith('提醒')), 20000);
    expect(reminder.params.PhoneNumbers).toBe('13911112222');
    expect(reminder.content).toContain(`（案件 ${c.caseNumber}）将于明天`);
    expect(reminder.content).toContain('方式：电话调解');
    // No e-mail address on this case: the consumer gets none; the handler's invitation went.
    expect(smtp.received.filter((m) => m.subject.includes(c.caseNumber)).map((m) => m.to)).toEqual([['icbc.qd.handler@demo.accord.test']]);
  });

  it('a rate-limited SMS is retried with back-off; each failed attempt is recorded with the provider\'s message', async () => {
    const c = await assignedCase({ phone: '13922223333' });
    const s = (await world.http.post(`/api/v1/cases/${c.id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt: at('03-05', '10:00'), minutes: 60, outsideHoursReason: '测试' })).body;
    aliyun.failNext.push({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' }, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' });
    await world.http.post(`/api/v1/sessions/${s.id}/consumer-link`).set(intake.auth).expect(201);
    const link = await eventually(async () => (await log('&channel=sms')).find((m) => m.caseId === c.id && m.body.includes('/c/')));
    // Still queued between attempts, the provider's refusal on record.
    const retrying = await eventually(async () => {
      const m = (await world.http.get(`/api/v1/messages/${link.id}`).set(intake.auth).expect(200)).body as Message;
      return m.attempts >= 1 && m.status === 'queued' ? m : undefined;
    });
    expect(retrying.error).toBe('isv.BUSINESS_LIMIT_CONTROL: 触发分钟级流控Permits:1');
    expect(retrying.provider).toBe('aliyun');
    const sent = await eventually(async () => {
      const m = (await world.http.get(`/api/v1/messages/${link.id}`).set(intake.auth)).body as Message;
      return m.status === 'sent' ? m : undefined;
    }, 20000);
    expect(sent).toMatchObject({ attempts: 3, error: null, provider: 'aliyun' });
    expect(sent.body).toContain('/c/'); // the whole body, for a developer to read
    const tries = aliyun.requests.filter((r) => r.params.OutId === link.id);
    expect(tries).toHaveLength(3);
    expect(tries.every((r) => r.signatureValid)).toBe(true);
    // Each attempt signs anew.
    expect(new Set(tries.map((r) => r.params.SignatureNonce)).size).toBe(3);
  });

  it('a message whose retries run out shows as failed, with the last error, and is not sent afterwards', async () => {
    const c = await assignedCase({ phone: '13977778888' });
    const s = (await world.http.post(`/api/v1/cases/${c.id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt: at('03-12', '10:00'), minutes: 60, outsideHoursReason: '测试' })).body;
    aliyun.failNext.push({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发小时级流控Permits:5' }, { Code: 'isp.SYSTEM_ERROR', Message: '系统错误' });
    await world.http.post(`/api/v1/sessions/${s.id}/consumer-link`).set(intake.auth).expect(201);
    const first = await eventually(async () => (await log('&channel=sms')).find((m) => m.caseId === c.id && m.attempts === 1));
    expect(first).toMatchObject({ status: 'queued', error: 'isv.BUSINESS_LIMIT_CONTROL: 触发小时级流控Permits:5' });
    // The job's last attempt (8 of 8), as BullMQ would run it after its back-off.
    const runner = world.workers[0].get(JobRunner);
    const handler = world.workers[0].get(JobRegistry).get('messages.deliver');
    await expect(runner.runOnce(`manual-last-${first.id}`, 'messages.deliver', handler, { outboxId: '0', messageId: first.id }, { attempt: 8, attempts: 8 })).rejects.toThrow('isp.SYSTEM_ERROR');
    aliyun.failNext.length = 0;
    const failed = (await world.http.get(`/api/v1/messages/${first.id}`).set(intake.auth)).body as Message;
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, error: 'isp.SYSTEM_ERROR: 系统错误' });
    // The worker's own retry, when it comes, finds it failed and sends nothing.
    await new Promise((r) => setTimeout(r, 2500));
    expect(aliyun.requests.filter((r) => r.params.OutId === first.id)).toHaveLength(2);
    expect(((await world.http.get(`/api/v1/messages/${first.id}`).set(intake.auth)).body as Message).status).toBe('failed');
  });

  it('a refusal for good fails at once and shows as failed: an illegal number (SMS), a mailbox that does not exist (550)', async () => {
    const c = await assignedCase({ phone: '13800000000', email: 'nobody@bounce.example.cn' });
    const s = (await world.http.post(`/api/v1/cases/${c.id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt: at('03-08', '10:00'), minutes: 60, outsideHoursReason: '测试' })).body;
    await world.http.post(`/api/v1/sessions/${s.id}/consumer-link`).set(intake.auth).expect(201);
    const failed = await eventually(async () => {
      const mine = (await log()).filter((m) => m.caseId === c.id && m.status === 'failed');
      return mine.length === 2 ? mine : undefined;
    });
    const sms = failed.find((m) => m.channel === 'sms')!;
    const mail = failed.find((m) => m.channel === 'email')!;
    expect(sms).toMatchObject({ attempts: 1, provider: 'aliyun', error: 'isv.MOBILE_NUMBER_ILLEGAL: 非法手机号' });
    expect(mail).toMatchObject({ attempts: 1, provider: 'smtp', recipientMasked: 'n***@bounce.example.cn' });
    expect(mail.error).toMatch(/^smtp: 550 .*No such user here/);
    // The handler's copy of the same invitation went.
    const handlersCopy = await eventually(async () => (await log()).find((m) => m.caseId === c.id && m.channel === 'email' && m.status === 'sent'));
    expect(handlersCopy.recipientMasked).toBe('i***@demo.accord.test');
    // No retry follows a permanent refusal.
    await new Promise((r) => setTimeout(r, 2500));
    expect(aliyun.requests.filter((r) => r.params.OutId === sms.id)).toHaveLength(1);
    expect(((await world.http.get(`/api/v1/messages/${sms.id}`).set(intake.auth)).body as Message).attempts).toBe(1);
  });

  it('the endpoint checks the signature: a worker with the wrong secret is refused, and the message says so', async () => {
    const c = await assignedCase({ phone: '13933334444' }, 'qd.mediator2');
    const s = (await world.http.post(`/api/v1/cases/${c.id}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt: at('03-09', '10:00'), minutes: 30, outsideHoursReason: '测试' })).body;
    await world.stopWorker(world.workers[0]);
    await world.startWorker({ SMS_ACCESS_KEY_SECRET: 'not-the-secret' });
    await world.http.post(`/api/v1/sessions/${s.id}/consumer-link`).set(intake.auth).expect(201);
    const failed = await eventually(async () => (await log('&channel=sms')).find((m) => m.caseId === c.id && m.status === 'failed'));
    expect(failed.error).toBe('SignatureDoesNotMatch: Specified signature is not matched with our calculation.');
    expect(aliyun.requests.filter((r) => r.params.OutId === failed.id).map((r) => r.signatureValid)).toEqual([false]);
    await world.stopWorker(world.workers[0]);
    await world.startWorker();
  });

  it('the log is the center\'s own: another center lists none of it and reads none of it; banks may not read it', async () => {
    const [mine] = await log();
    expect(mine).toBeDefined();
    const sh = await world.signIn('sh.intake');
    const theirs = await world.http.get('/api/v1/messages?pageSize=100').set(sh.auth);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    const other = await world.http.get(`/api/v1/messages/${mine.id}`).set(sh.auth);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('MESSAGE_NOT_FOUND');
    expect((await world.http.get('/api/v1/messages/not-a-uuid').set(intake.auth)).body.code).toBe('MESSAGE_NOT_FOUND');
    expect((await world.http.get(`/api/v1/messages/${mine.id}`).set(handler.auth)).status).toBe(403);
    expect((await world.http.get('/api/v1/messages').set(handler.auth)).status).toBe(403);
    expect((await world.http.get(`/api/v1/messages/${mine.id}`)).status).toBe(401);
  });
});

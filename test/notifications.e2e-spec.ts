import { randomUUID } from 'node:crypto';
import { startSmtpServer } from './support/mail-servers';
import { connectTab, sockets } from './support/sockets';
import { eventually, SignedIn, TestWorld } from './support/test-world';

interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
}

/**
 * The inbox (issue 16): each notification carries the params of its kind's message, reaches its
 * user's sockets live and no one else's, is listed, counted, marked read one by one or all at
 * once by its user only, and also goes by e-mail (through the message queue and a real SMTP
 * server) for the kinds the user chose.
 */
describe('notifications: inbox, bell count, live push, e-mail preferences', () => {
  let world: TestWorld;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let handler: SignedIn;
  let intake: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpServer({ user: 'accord', password: 'mail-pass-1' });
    world = await TestWorld.start({
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: `smtp://accord:mail-pass-1@127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Accord <noreply@accord.example.cn>',
      PUBLIC_URL: 'https://accord.example.cn',
    });
    await world.startWorker();
    [handler, intake] = await Promise.all([world.signIn('icbc.qd.handler'), world.signIn('qd.intake')]);
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await world.stop();
    await smtp.close();
  });

  const referral = () => ({
    centerId: world.org('qd-center'),
    businessLine: 'credit_card',
    disputeType: 'fee_reduction',
    amountFen: 880000,
    facts: '信用卡违约金争议',
    claims: '减免违约金',
    consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
    consentGiven: true,
  });
  const list = async (who: SignedIn, query = '') => {
    const res = await world.http.get(`/api/v1/notifications${query}`).set(who.auth);
    expect(res.status).toBe(200);
    return res.body as { items: Notice[]; total: number; unread: number; page: number; pageSize: number };
  };
  const unread = async (who: SignedIn) => (await world.http.get('/api/v1/notifications/unread-count').set(who.auth).expect(200)).body.unread as number;

  it('a filing reaches the intake officer live, in words with params, and nobody else; counted, filtered, marked read by its user only', async () => {
    const intakeTab = await connectTab(world.url, intake.accessToken);
    const otherCenter = await connectTab(world.url, (await world.signIn('sh.intake')).accessToken);
    const filerTab = await connectTab(world.url, handler.accessToken);
    const before = await unread(intake);

    const created = (await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201)).body;
    const pushed = await intakeTab.next('notification.created', (r) => r.data.kind === 'case.submitted');
    const notice = (await list(intake)).items.find((n) => n.id === pushed.data.notificationId)!;
    expect(notice).toMatchObject({
      kind: 'case.submitted',
      readAt: null,
      data: { caseId: created.id, caseNumber: created.caseNumber, actorName: '吴婷', institutionName: '中国工商银行', centerName: '青岛市银行保险业纠纷调解中心' },
    });
    expect(notice.title).toContain(created.caseNumber);
    expect(await unread(intake)).toBe(before + 1);

    // Only the intake officer's sockets heard it: not another center's, not the filer's.
    await new Promise((r) => setTimeout(r, 300));
    expect(otherCenter.of('notification.created')).toHaveLength(0);
    expect(filerTab.of('notification.created')).toHaveLength(0);
    // A socket may not listen to another user's room.
    expect(await otherCenter.join(`user:${intake.user.id}`)).toEqual({ ok: false, code: 'ROOM_NOT_FOUND' });

    // The unread filter; paging.
    const unreadOnly = await list(intake, '?unread=true&pageSize=1');
    expect(unreadOnly.items).toHaveLength(1);
    expect(unreadOnly.items[0].readAt).toBeNull();
    expect(unreadOnly.total).toBe(before + 1);
    expect(unreadOnly.unread).toBe(before + 1);
    expect((await world.http.get('/api/v1/notifications?unread=maybe').set(intake.auth)).status).toBe(400);

    // Another user's notification answers 404 like an unknown one, to another tenant and to a colleague of the same center.
    for (const who of [handler, await world.signIn('sh.intake'), await world.signIn('qd.admin')]) {
      expect((await world.http.post(`/api/v1/notifications/${notice.id}/read`).set(who.auth)).status).toBe(404);
      expect((await list(who)).items.some((n) => n.id === notice.id)).toBe(false);
    }
    expect((await world.http.post(`/api/v1/notifications/${randomUUID()}/read`).set(intake.auth)).status).toBe(404);
    expect(await unread(intake)).toBe(before + 1);

    // Its user marks it read: the count drops, every tab of theirs hears it, a second time changes nothing.
    await world.http.post(`/api/v1/notifications/${notice.id}/read`).set(intake.auth).expect(204);
    await intakeTab.next('notification.read', (r) => r.data.notificationId === notice.id);
    const readAt = (await list(intake)).items.find((n) => n.id === notice.id)!.readAt;
    expect(readAt).not.toBeNull();
    await world.http.post(`/api/v1/notifications/${notice.id}/read`).set(intake.auth).expect(204);
    expect((await list(intake)).items.find((n) => n.id === notice.id)!.readAt).toBe(readAt);
    expect(await unread(intake)).toBe(before);
    expect(otherCenter.of('notification.read')).toHaveLength(0);
  });

  it('read-all marks the user\'s own unread ones only', async () => {
    const mediator = await world.signIn('qd.mediator');
    await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201);
    await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201);
    await eventually(async () => (await unread(intake)) >= 2);
    const handlerUnread = await unread(handler);
    const mediatorUnread = await unread(mediator);

    const res = await world.http.post('/api/v1/notifications/read-all').set(intake.auth).expect(200);
    expect(res.body.updated).toBeGreaterThanOrEqual(2);
    expect(await unread(intake)).toBe(0);
    expect((await list(intake, '?unread=true')).items).toEqual([]);
    expect((await world.http.post('/api/v1/notifications/read-all').set(intake.auth).expect(200)).body).toEqual({ updated: 0 });
    // Nobody else's changed.
    expect(await unread(handler)).toBe(handlerUnread);
    expect(await unread(mediator)).toBe(mediatorUnread);
  });

  it('preferences: every kind that can reach the user, own rows only, validated', async () => {
    const initial = (await world.http.get('/api/v1/notifications/preferences').set(handler.auth).expect(200)).body;
    expect(initial.hasEmail).toBe(true);
    const kinds = initial.items.map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['case.returned', 'case.accepted', 'session.reminder-24h', 'obligation.due-soon', 'user.welcome']));
    expect(kinds).not.toContain('case.submitted'); // the center's intake officers'
    expect(kinds).not.toContain('warning.raised'); // the institution's admins'
    const admin = (await world.http.get('/api/v1/notifications/preferences').set((await world.signIn('icbc.admin')).auth).expect(200)).body;
    expect(admin.items.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['warning.raised', 'warning.notice_sent', 'membership.changed']));
    expect(initial.items.every((i: { email: boolean }) => i.email === false)).toBe(true);

    const saved = await world.http.put('/api/v1/notifications/preferences').set(handler.auth).send({ items: [{ kind: 'case.returned', email: true }] });
    expect(saved.status).toBe(200);
    expect(saved.body.items.find((i: { kind: string }) => i.kind === 'case.returned').email).toBe(true);

    // Another user (of the same bank, and of a center) sees their own defaults.
    for (const who of [await world.signIn('icbc.admin'), intake]) {
      const theirs = (await world.http.get('/api/v1/notifications/preferences').set(who.auth).expect(200)).body;
      expect(theirs.items.every((i: { email: boolean }) => i.email === false)).toBe(true);
    }

    const bad = async (body: object) => (await world.http.put('/api/v1/notifications/preferences').set(handler.auth).send(body)).body;
    expect((await bad({ items: [{ kind: 'case.nothing', email: true }] })).code).toBe('VALIDATION_FAILED');
    expect((await bad({ items: [{ kind: 'case.submitted', email: true }] })).code).toBe('VALIDATION_FAILED'); // not a bank's kind
    expect((await bad({ items: [{ kind: 'case.returned', email: 'yes' }] })).code).toBe('VALIDATION_FAILED');
    expect((await bad({ items: [{ kind: 'case.returned', email: true }], extra: 1 })).code).toBe('VALIDATION_FAILED');
  });

  it('a kind chosen by e-mail also arrives by e-mail with the link; one not chosen does not', async () => {
    await world.http.put('/api/v1/notifications/preferences').set(handler.auth).send({ items: [{ kind: 'case.returned', email: true }, { kind: 'case.accepted', email: false }] }).expect(200);
    const returned = (await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201)).body;
    const accepted = (await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201)).body;
    await world.http.post(`/api/v1/cases/${returned.id}/return`).set(intake.auth).send({ note: '请补充 12-15 前的退款凭证' }).expect(200);
    await world.http.post(`/api/v1/cases/${accepted.id}/accept`).set(intake.auth).send({}).expect(200);

    const mail = await eventually(async () => smtp.received.find((m) => m.subject.includes(returned.caseNumber)), 15000);
    expect(mail.to).toEqual(['icbc.qd.handler@demo.accord.test']);
    expect(mail.text).toContain('请补充 12-15 前的退款凭证');
    expect(mail.text).toContain(`https://accord.example.cn/cases/${returned.id}`);
    const notice = (await list(handler)).items.find((n) => n.kind === 'case.returned' && n.data.caseId === returned.id)!;
    expect(notice.data).toMatchObject({ caseNumber: returned.caseNumber, actorName: '王芳', note: '请补充 12-15 前的退款凭证' });

    // The acceptance is in the inbox but not e-mailed.
    await eventually(async () => (await list(handler)).items.some((n) => n.kind === 'case.accepted' && n.data.caseId === accepted.id));
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.received.filter((m) => m.subject.includes(accepted.caseNumber))).toHaveLength(0);
    // The copy went out for the bank's user: the center's message log does not list it.
    const log = (await world.http.get('/api/v1/messages?channel=email').set(intake.auth).expect(200)).body.items as { caseId: string | null }[];
    expect(log.some((m) => m.caseId === returned.id)).toBe(false);
  });

  it('a user who chose English gets the e-mail in English, from the same message keys as the portal', async () => {
    const me = async (who: SignedIn) => (await world.http.get('/api/v1/me').set(who.auth).expect(200)).body as { language: string };
    expect((await me(handler)).language).toBe('zh-CN');
    const bad = await world.http.put('/api/v1/me/language').set(handler.auth).send({ language: 'fr' });
    expect({ status: bad.status, field: bad.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'language' });
    expect((await world.http.put('/api/v1/me/language').set(handler.auth).send({ language: 'en' }).expect(200)).body.language).toBe('en');
    // Only the caller's own row: a colleague of the same bank and anyone elsewhere keep theirs.
    expect((await me(await world.signIn('icbc.qd.manager'))).language).toBe('zh-CN');
    expect((await me(intake)).language).toBe('zh-CN');
    expect((await world.http.put('/api/v1/me/language').send({ language: 'en' })).status).toBe(401);

    await world.http.put('/api/v1/notifications/preferences').set(handler.auth).send({ items: [{ kind: 'case.returned', email: true }] }).expect(200);
    const returned = (await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201)).body;
    await world.http.post(`/api/v1/cases/${returned.id}/return`).set(intake.auth).send({ note: '请补充退款凭证' }).expect(200);
    const mail = await eventually(async () => smtp.received.find((m) => m.subject.includes(returned.caseNumber)), 15000);
    expect(mail.subject).toBe(`Case ${returned.caseNumber} returned for information`);
    expect(mail.text).toContain(`王芳 (青岛市银行保险业纠纷调解中心) returned case ${returned.caseNumber}; please add the information and submit it again. Note: 请补充退款凭证`);
    expect(mail.text).toContain(`Open in Accord: https://accord.example.cn/cases/${returned.id}`);
    expect(mail.text).toContain('notification settings');
    // No Chinese but the names and the note from the case.
    expect(mail.text.replace(/王芳|青岛市银行保险业纠纷调解中心|请补充退款凭证/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    // The inbox row keeps its params (the portal renders it in the viewer's language).
    const notice = (await list(handler)).items.find((n) => n.kind === 'case.returned' && n.data.caseId === returned.id)!;
    expect(notice.data).toMatchObject({ caseNumber: returned.caseNumber, actorName: '王芳' });

    // Back to Chinese: the next one is in Chinese.
    await world.http.put('/api/v1/me/language').set(handler.auth).send({ language: 'zh-CN' }).expect(200);
    const again = (await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201)).body;
    await world.http.post(`/api/v1/cases/${again.id}/return`).set(intake.auth).send({ note: '请补充' }).expect(200);
    const zh = await eventually(async () => smtp.received.find((m) => m.subject.includes(again.caseNumber)), 15000);
    expect(zh.subject).toBe(`案件 ${again.caseNumber} 被退回补正`);
    expect(zh.text).toContain('您在 Accord 的通知设置中选择了以邮件接收此类通知');
  });

  it('a comment reaches the other side in words (the center\'s the filer, the bank\'s the intake officers while no mediator is assigned); an internal note nobody', async () => {
    const created = (await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201)).body;
    const comment = async (who: SignedIn, body: string, internal = false) =>
      world.http.post(`/api/v1/cases/${created.id}/comments`).set(who.auth).send({ body, internal }).expect(201);
    const commented = async (who: SignedIn) => (await list(who, '?pageSize=100')).items.filter((n) => n.kind === 'case.commented' && n.data.caseId === created.id);

    await comment(intake, '请于 12-15 前补充退款凭证');
    await comment(intake, '内部：先核实流水', true);
    const toHandler = await eventually(async () => (await commented(handler))[0]);
    expect(toHandler.data).toMatchObject({ caseNumber: created.caseNumber, actorName: '王芳', organisationName: '青岛市银行保险业纠纷调解中心', comment: '请于 12-15 前补充退款凭证' });
    expect(toHandler.body).toBe(`王芳（青岛市银行保险业纠纷调解中心）在案件 ${created.caseNumber} 留言：请于 12-15 前补充退款凭证`);

    await comment(handler, '凭证已上传');
    const toIntake = await eventually(async () => (await commented(intake))[0]);
    expect(toIntake.data).toMatchObject({ actorName: '吴婷', comment: '凭证已上传' });
    await new Promise((r) => setTimeout(r, 1000));
    // Each heard the other once; the writer never hears their own, and the internal note reached no one.
    expect(await commented(handler)).toHaveLength(1);
    expect(await commented(intake)).toHaveLength(1);
    expect((await commented(await world.signIn('qdbank.handler')))).toHaveLength(0);
  });
});

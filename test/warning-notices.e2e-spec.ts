import { Client } from 'pg';
import { connectTab, sockets, Tab } from './support/sockets';
import { eventually, SignedIn, TestWorld } from './support/test-world';
import { detectWarnings, seedWarningHistory, WARNINGS_JAN } from './support/warnings';

/**
 * Supervisory notices (监管提示) on early warnings and warnings in people's notifications, on the
 * history of test/support/warnings.ts (January 2030 spikes at the 青岛 center: 青岛银行, 工商银行 and
 * its credit-card line). The 青岛 regulator sends 青岛银行 a notice on its warning; 青岛银行's admin
 * answers it; both see the timeline and the notice state; the sockets and the notifications reach
 * the regulator of the jurisdiction and the bank concerned only.
 */
describe('warnings: supervisory notices, live updates, notifications', () => {
  let world: TestWorld;
  let owner: Client;
  const users: Record<string, SignedIn> = {};
  const as = (u: string) => users[u].auth;
  const tabs: Record<string, Tab> = {};
  let qdbankWarning: string;
  let icbcWarning: string;
  let icbcLineWarning: string;

  const notificationsOf = async (u: string, kind: string) =>
    (await owner.query(`SELECT title, body, data FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at`, [users[u].user.id, kind])).rows as {
      title: string;
      body: string;
      data: Record<string, string>;
    }[];
  const notifyJobsDone = () =>
    eventually(async () => {
      const [r] = (
        await owner.query(
          `SELECT (SELECT count(*) FROM outbox WHERE job_name = 'supervision.notify-warning')::int AS q, (SELECT count(*) FROM processed_jobs WHERE job_name = 'supervision.notify-warning')::int AS d`,
        )
      ).rows;
      return r.q > 0 && r.q === r.d;
    }, 30000);

  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    await world.startWorker();
    for (const u of ['qd.regulator', 'qd.supervisor', 'sh.regulator', 'icbc.admin', 'icbc.viewer', 'icbc.qd.handler', 'qdbank.admin', 'cmb.admin', 'srcb.admin', 'qd.admin']) {
      users[u] = await world.signIn(u);
    }
    await seedWarningHistory(world, owner, users['icbc.qd.handler']);
    for (const u of ['qd.regulator', 'qd.supervisor', 'sh.regulator', 'qdbank.admin', 'cmb.admin', 'icbc.admin']) tabs[u] = await connectTab(world.url, users[u].accessToken);
    expect(await detectWarnings(world, 'detect-warnings-notices')).toBe(true);
    const rows = (await owner.query(`SELECT id, institution_id, business_line FROM supervision_warnings WHERE period_start = $1`, [WARNINGS_JAN])).rows;
    qdbankWarning = rows.find((r) => r.institution_id === world.org('qdbank')).id;
    icbcWarning = rows.find((r) => r.institution_id === world.org('icbc') && r.business_line === '').id;
    icbcLineWarning = rows.find((r) => r.institution_id === world.org('icbc') && r.business_line === 'credit_card').id;
  }, 120000);

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await owner?.end();
    await world?.stop();
  });

  it('a raised warning notifies the jurisdiction’s analysts and supervisors and the bank’s admins, nobody else, with a link to it', async () => {
    await notifyJobsDone();
    for (const u of ['qd.regulator', 'qd.supervisor']) {
      const got = await notificationsOf(u, 'warning.raised');
      expect(got.map((n) => n.data.warningId).sort()).toEqual([qdbankWarning, icbcWarning, icbcLineWarning].sort());
    }
    const [q] = await notificationsOf('qdbank.admin', 'warning.raised');
    expect(q).toMatchObject({ title: '投诉风险预警：青岛银行', data: { warningId: qdbankWarning, link: `/warnings?id=${qdbankWarning}` } });
    expect(q.body).toContain('2030-01 月的调解申请 20 件');
    expect((await notificationsOf('icbc.admin', 'warning.raised')).map((n) => n.title).sort()).toEqual(['投诉风险预警：中国工商银行', '投诉风险预警：中国工商银行（信用卡）']);
    // Another jurisdiction's regulator, another bank, a bank's non-admin: nothing.
    for (const u of ['sh.regulator', 'cmb.admin', 'srcb.admin', 'icbc.viewer', 'qd.admin']) expect(await notificationsOf(u, 'warning.raised')).toEqual([]);
    // The API lists them to their owner (the bell of issue 16 reads this).
    const mine = await world.http.get('/api/v1/notifications').set(as('qdbank.admin')).expect(200);
    expect(mine.body.items.find((n: any) => n.kind === 'warning.raised')).toMatchObject({ title: '投诉风险预警：青岛银行', readAt: null, data: { link: `/warnings?id=${qdbankWarning}` } });
  });

  it('refuses a notice from anyone but the jurisdiction’s regulator, and bad input', async () => {
    const url = `/api/v1/warnings/${qdbankWarning}/notices`;
    const ok = { text: '请说明一月份投诉激增的原因及整改措施' };
    expect((await world.http.post(url).set(as('qdbank.admin')).send(ok).expect(403)).body.code).toBe('ROLE_REQUIRED');
    await world.http.post(url).set(as('qd.admin')).send(ok).expect(403);
    await world.http.post(url).set(as('icbc.viewer')).send(ok).expect(403);
    const unknown = await world.http.post('/api/v1/warnings/00000000-0000-4000-8000-000000000000/notices').set(as('qd.regulator')).send(ok).expect(404);
    expect((await world.http.post(url).set(as('sh.regulator')).send(ok).expect(404)).body.code).toBe(unknown.body.code);

    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await world.http.post(url).set(as('qd.regulator')).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body)).toContain(field);
    };
    await bad({}, 'text');
    await bad({ text: '   ' }, 'text');
    await bad({ text: 'x'.repeat(2001) }, 'text');
    await bad({ ...ok, answerBy: '2030-02-30' }, 'answerBy');
    await bad({ ...ok, answerBy: '明天' }, 'answerBy');
    await bad({ ...ok, answerBy: '2020-01-01' }, 'answerBy');
    await bad({ ...ok, extra: 1 }, 'extra');
    expect((await owner.query(`SELECT count(*)::int AS n FROM supervision_notices`)).rows[0].n).toBe(0);
  });

  let noticeId: string;

  it('the regulator sends a notice: the warning awaits the bank’s answer, on the timeline, audited, live, and notified to the bank’s admins', async () => {
    const sent = await world.http
      .post(`/api/v1/warnings/${qdbankWarning}/notices`)
      .set(as('qd.regulator'))
      .send({ text: '  请于两周内说明一月份投诉激增的原因及整改措施  ', answerBy: '2099-12-31' })
      .expect(201);
    expect(sent.body).toMatchObject({ status: 'open', noticeState: 'awaiting_answer' });
    expect(sent.body.notices).toEqual([
      expect.objectContaining({ text: '请于两周内说明一月份投诉激增的原因及整改措施', answerBy: '2099-12-31', sentByName: '何军', regulatorName: '国家金融监督管理总局青岛监管局', answer: null, answeredAt: null }),
    ]);
    noticeId = sent.body.notices[0].id;
    expect(sent.body.events.map((e: any) => [e.kind, e.actorName, e.noticeId])).toEqual([
      ['raised', null, null],
      ['notice_sent', '何军', noticeId],
    ]);

    // One awaiting an answer at a time.
    expect((await world.http.post(`/api/v1/warnings/${qdbankWarning}/notices`).set(as('qd.supervisor')).send({ text: '再次提示' }).expect(409)).body.code).toBe('WARNING_NOTICE_OPEN');

    const audit = await owner.query(`SELECT organisation_id, actor_user_id, detail FROM audit_events WHERE action = 'warning.notice_sent' AND subject_id = $1`, [qdbankWarning]);
    expect(audit.rows).toEqual([expect.objectContaining({ organisation_id: world.org('qd-regulator'), actor_user_id: users['qd.regulator'].user.id })]);
    expect(audit.rows[0].detail).toMatchObject({ noticeId, answerBy: '2099-12-31' });

    // Live: the bank and the jurisdiction's regulators, nobody else.
    for (const u of ['qdbank.admin', 'qd.supervisor']) {
      const ev = await tabs[u].next('warning.updated', (r) => r.data.noticeId === noticeId);
      expect(ev.data).toMatchObject({ warningId: qdbankWarning, change: 'notice_sent', institutionId: world.org('qdbank'), centerId: world.org('qd-center') });
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const u of ['sh.regulator', 'cmb.admin', 'icbc.admin']) expect(tabs[u].of('warning.updated')).toEqual([]);
    // Another bank cannot join the bank's or the regulator's room to listen in.
    expect((await tabs['cmb.admin'].join(`org:${world.org('qdbank')}`)).ok).toBe(false);
    expect((await tabs['sh.regulator'].join(`org:${world.org('qd-regulator')}`)).ok).toBe(false);
    expect((await tabs['cmb.admin'].join(`org:${world.org('qd-regulator')}`)).ok).toBe(false);

    await notifyJobsDone();
    const [n] = await notificationsOf('qdbank.admin', 'warning.notice_sent');
    expect(n).toMatchObject({ title: '监管提示：国家金融监督管理总局青岛监管局', data: { warningId: qdbankWarning, noticeId, link: `/warnings?id=${qdbankWarning}` } });
    expect(n.body).toContain('请于 2099-12-31 前答复');
    for (const u of ['icbc.admin', 'cmb.admin', 'qd.regulator', 'sh.regulator']) expect(await notificationsOf(u, 'warning.notice_sent')).toEqual([]);
  });

  it('the bank finds the notices awaiting its answer; other tenants see nothing of them', async () => {
    const awaiting = await world.http.get('/api/v1/warnings?noticeState=awaiting_answer').set(as('qdbank.admin')).expect(200);
    expect(awaiting.body.items.map((w: any) => w.id)).toEqual([qdbankWarning]);
    expect((await world.http.get('/api/v1/warnings?noticeState=awaiting_answer').set(as('icbc.admin')).expect(200)).body.items).toEqual([]);
    expect((await world.http.get('/api/v1/warnings?noticeState=awaiting_answer').set(as('sh.regulator')).expect(200)).body.items).toEqual([]);
    expect((await world.http.get('/api/v1/warnings?noticeState=someday').set(as('qdbank.admin'))).status).toBe(400);
    const seen = await world.http.get(`/api/v1/warnings/${qdbankWarning}`).set(as('qdbank.admin')).expect(200);
    expect(seen.body.notices.map((n: any) => n.id)).toEqual([noticeId]);
    const icbcSeen = await world.http.get(`/api/v1/warnings/${icbcWarning}`).set(as('icbc.admin')).expect(200);
    expect(icbcSeen.body).toMatchObject({ noticeState: 'none', notices: [] });
  });

  it('only the bank’s admin answers, once; other tenants and wrong pairs get 404', async () => {
    const url = `/api/v1/warnings/${qdbankWarning}/notices/${noticeId}/answer`;
    const answer = { text: '系统升级导致扣款异常，已全部退还并优化流程' };
    await world.http.post(url).set(as('qd.regulator')).send(answer).expect(403);
    await world.http.post(url).set(as('icbc.viewer')).send(answer).expect(403);
    // Another bank's warning answers like an unknown one.
    const unknownWarning = await world.http.post(`/api/v1/warnings/00000000-0000-4000-8000-000000000000/notices/${noticeId}/answer`).set(as('cmb.admin')).send(answer).expect(404);
    for (const u of ['cmb.admin', 'icbc.admin']) expect((await world.http.post(url).set(as(u)).send(answer).expect(404)).body.code).toBe(unknownWarning.body.code);
    // The notice under another warning (the bank's own) is unknown there, like an unknown notice.
    const unknownNotice = await world.http.post(`/api/v1/warnings/${qdbankWarning}/notices/00000000-0000-4000-8000-000000000000/answer`).set(as('qdbank.admin')).send(answer).expect(404);
    expect((await world.http.post(`/api/v1/warnings/${icbcWarning}/notices/${noticeId}/answer`).set(as('icbc.admin')).send(answer).expect(404)).body.code).toBe(unknownNotice.body.code);
    await world.http.post(`/api/v1/warnings/${qdbankWarning}/notices/not-a-uuid/answer`).set(as('qdbank.admin')).send(answer).expect(404);
    await world.http.post(url).set(as('qdbank.admin')).send({ text: ' ' }).expect(400);
    await world.http.post(url).set(as('qdbank.admin')).send({ text: 'x'.repeat(2001) }).expect(400);

    const done = await world.http.post(url).set(as('qdbank.admin')).send(answer).expect(200);
    expect(done.body).toMatchObject({ status: 'open', noticeState: 'answered' });
    expect(done.body.notices[0]).toMatchObject({ answer: answer.text, answeredByName: '韩雪', answeredAt: expect.any(String) });
    expect(done.body.events.map((e: any) => [e.kind, e.actorName, e.comment])).toEqual([
      ['raised', null, null],
      ['notice_sent', '何军', '请于两周内说明一月份投诉激增的原因及整改措施'],
      ['notice_answered', '韩雪', answer.text],
    ]);
    expect((await world.http.post(url).set(as('qdbank.admin')).send({ text: '补充说明' }).expect(409)).body.code).toBe('WARNING_NOTICE_ANSWERED');
    // The regulator reads the same steps, signed with the same names.
    const seen = await world.http.get(`/api/v1/warnings/${qdbankWarning}`).set(as('qd.supervisor')).expect(200);
    expect(seen.body.events.map((e: any) => [e.kind, e.actorName])).toEqual([
      ['raised', null],
      ['notice_sent', '何军'],
      ['notice_answered', '韩雪'],
    ]);
    expect(seen.body.notices[0]).toMatchObject({ answer: answer.text, answeredByName: '韩雪' });

    const audit = await owner.query(`SELECT organisation_id, actor_user_id FROM audit_events WHERE action = 'warning.notice_answered' AND subject_id = $1`, [qdbankWarning]);
    expect(audit.rows).toEqual([{ organisation_id: world.org('qdbank'), actor_user_id: users['qdbank.admin'].user.id }]);

    await tabs['qd.regulator'].next('warning.updated', (r) => r.data.change === 'notice_answered' && r.data.noticeId === noticeId);
    await tabs['qdbank.admin'].next('warning.updated', (r) => r.data.change === 'notice_answered');
    await new Promise((r) => setTimeout(r, 500));
    for (const u of ['sh.regulator', 'cmb.admin', 'icbc.admin']) expect(tabs[u].of('warning.updated')).toEqual([]);

    await notifyJobsDone();
    const [n] = await notificationsOf('qd.regulator', 'warning.notice_answered');
    expect(n).toMatchObject({ title: '监管提示已答复：青岛银行', data: { warningId: qdbankWarning, noticeId, link: `/warnings?id=${qdbankWarning}` } });
    expect(n.body).toContain('系统升级导致扣款异常');
    // Only the regulator's user who sent it.
    for (const u of ['qd.supervisor', 'sh.regulator', 'qdbank.admin']) expect(await notificationsOf(u, 'warning.notice_answered')).toEqual([]);
  });

  it('the regulator finds the answered ones; may follow up; an acknowledged warning takes no notice', async () => {
    const answered = await world.http.get('/api/v1/warnings?noticeState=answered').set(as('qd.supervisor')).expect(200);
    expect(answered.body.items.map((w: any) => w.id)).toEqual([qdbankWarning]);
    const none = await world.http.get('/api/v1/warnings?noticeState=none').set(as('qd.regulator')).expect(200);
    expect(none.body.items.map((w: any) => w.id)).not.toContain(qdbankWarning);
    expect(none.body.items.map((w: any) => w.id)).toEqual(expect.arrayContaining([icbcWarning, icbcLineWarning]));

    // A follow-up after the answer is allowed (no answer-by day this time).
    const again = await world.http.post(`/api/v1/warnings/${qdbankWarning}/notices`).set(as('qd.supervisor')).send({ text: '请补充整改完成时间' }).expect(201);
    expect(again.body.noticeState).toBe('awaiting_answer');
    expect(again.body.notices.map((n: any) => [n.sentByName, n.answerBy])).toEqual([
      ['何军', '2099-12-31'],
      ['马超', null],
    ]);

    await world.http.post(`/api/v1/warnings/${icbcLineWarning}/acknowledge`).set(as('qd.regulator')).send({ comment: '已核实' }).expect(200);
    await tabs['icbc.admin'].next('warning.updated', (r) => r.data.warningId === icbcLineWarning && r.data.change === 'acknowledged');
    // The bank reads who acknowledged it, as signed.
    const acknowledged = await world.http.get(`/api/v1/warnings/${icbcLineWarning}`).set(as('icbc.admin')).expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedByName: '何军' });
    expect(acknowledged.body.events.map((e: any) => [e.kind, e.actorName])).toEqual([
      ['raised', null],
      ['acknowledged', '何军'],
    ]);
    expect((await world.http.post(`/api/v1/warnings/${icbcLineWarning}/notices`).set(as('qd.regulator')).send({ text: '提示' }).expect(409)).body.code).toBe('WARNING_ALREADY_ACKNOWLEDGED');
  });

  it('the database holds the rules whatever the code: one open notice per warning, an answer whole, and the walls', async () => {
    const open = await owner
      .query(`INSERT INTO supervision_notices (warning_id, center_id, institution_id, regulator_id, sent_by_user_id, regulator_name, sent_by_name, text) SELECT warning_id, center_id, institution_id, regulator_id, sent_by_user_id, regulator_name, sent_by_name, 'x' FROM supervision_notices WHERE warning_id = $1 LIMIT 1`, [
        qdbankWarning,
      ])
      .catch((e) => e);
    expect(open.constraint).toBe('uq_supervision_notices_one_open');
    const half = await owner.query(`UPDATE supervision_notices SET answer = 'x' WHERE answered_at IS NULL`).catch((e) => e);
    expect(half.constraint).toBe('chk_supervision_notices_answer');

    // The app role in another bank's context sees no notice; in the bank's own, its own.
    const app = new Client({ connectionString: world.env.APP_DATABASE_URL });
    await app.connect();
    try {
      const count = async (org: string) => {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.kind', 'institution', true), set_config('app.org_id', $1, true)`, [org]);
        const n = (await app.query(`SELECT count(*)::int AS n FROM supervision_notices`)).rows[0].n;
        await app.query('ROLLBACK');
        return n;
      };
      expect(await count(world.org('cmb'))).toBe(0);
      expect(await count(world.org('qdbank'))).toBe(2);
    } finally {
      await app.end();
    }
  });
});

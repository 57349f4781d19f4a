import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { SignedIn, TestWorld } from './support/test-world';

/**
 * The other lists as XLSX, built like GET /cases.xlsx: the schedule (GET /sessions.xlsx), the
 * follow-up answers (GET /follow-ups.xlsx) and the message log (GET /messages.xlsx). Each holds
 * the rows of its JSON list for the same filters, in the same order; another center's or bank's
 * rows never appear; the message log never carries a consumer's link token or one-time code.
 */
describe('list exports: sessions, follow-ups and messages', () => {
  let world: TestWorld;
  let owner: Client;
  const users: Record<string, SignedIn> = {};
  const as = (u: string) => users[u].auth;
  const qd: { caseId: string; sessionId: string }[] = [];
  let sh: { caseId: string; sessionId: string };
  let token = '';
  let code = '';
  // The window the schedule screen asks for: these sessions start within the hour.
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 2 * 86_400_000).toISOString();

  const xlsx = async (who: string, path: string, status = 200) => {
    const res = await world.http
      .get(path)
      .set(as(who))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    if (res.status !== 200) res.body = JSON.parse((res.body as Buffer).toString('utf8'));
    expect({ status: res.status, body: res.status === status ? null : res.body }).toEqual({ status, body: null });
    if (status !== 200) return { res, rows: [] as unknown[][], header: [] as unknown[], caption: '', text: '' };
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const all: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => all.push((row.values as unknown[]).slice(1)));
    return { res, caption: String(all[0][0]), header: all[1], rows: all.slice(2), text: all.flat().join('\n') };
  };
  const json = async (who: string, path: string) => (await world.http.get(path).set(as(who)).expect(200)).body;
  const column = (x: { header: unknown[]; rows: unknown[][] }, name: string) => {
    const i = x.header.indexOf(name);
    expect(i).toBeGreaterThanOrEqual(0);
    return x.rows.map((r) => r[i]);
  };

  /** Filed by the bank's handler, accepted and assigned, a video session begun: the mediator records `outcome` and the center sends the survey. */
  async function concluded(center: 'qd' | 'sh', handler: string, mediator: string, minutesAhead: number, outcome: object) {
    const centerId = world.org(`${center}-center`);
    const filed = await world.http
      .post('/api/v1/cases')
      .set(as(handler))
      .send({
        centerId,
        businessLine: 'credit_card',
        disputeType: 'fee_reduction',
        amountFen: 880000,
        facts: '分期手续费争议',
        claims: '减免手续费',
        consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
        consentGiven: true,
      })
      .expect(201);
    const caseId = filed.body.id as string;
    const intake = `${center}.intake`;
    await world.http.post(`/api/v1/cases/${caseId}/accept`).set(as(intake)).send({}).expect(200);
    await world.http.post(`/api/v1/cases/${caseId}/assign`).set(as(intake)).send({ mediatorId: world.ids.users[mediator], overrideReason: '测试指定' }).expect(200);
    const startsAt = new Date(Math.ceil((Date.now() + minutesAhead * 60_000) / 60_000) * 60_000).toISOString();
    const booked = await world.http
      .post(`/api/v1/cases/${caseId}/sessions`)
      .set(as(intake))
      .send({ channel: 'video', startsAt, minutes: 15, outsideHoursReason: '测试', participants: [{ role: 'consumer', name: '张小三' }] })
      .expect(201);
    const sessionId = booked.body.id as string;
    for (const step of ['open', 'begin']) await world.http.post(`/api/v1/sessions/${sessionId}/${step}`).set(as(mediator)).send({}).expect(200);
    await world.http.post(`/api/v1/cases/${caseId}/outcome`).set(as(mediator)).send(outcome).expect(201);
    await world.http.post(`/api/v1/cases/${caseId}/follow-up`).set(as(`${center}.admin`)).send({}).expect(200);
    return { caseId, sessionId };
  }

  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    for (const u of ['icbc.qd.handler', 'qdbank.handler', 'cmb.sh.handler', 'qd.intake', 'qd.admin', 'qd.mediator', 'qd.mediator2', 'sh.intake', 'sh.admin', 'sh.mediator', 'qd.regulator']) {
      users[u] = await world.signIn(u);
    }
    qd.push(await concluded('qd', 'icbc.qd.handler', 'qd.mediator', 5, { outcome: 'withdrawn', note: '撤回' }));
    qd.push(await concluded('qd', 'qdbank.handler', 'qd.mediator2', 30, { outcome: 'withdrawn', note: '撤回' }));
    sh = await concluded('sh', 'cmb.sh.handler', 'sh.mediator', 10, { outcome: 'withdrawn', note: '撤回' });
    // The first consumer answers the survey: the link's token and the code from the message log (the worker is not running: read as queued).
    const log = (await json('qd.intake', '/api/v1/messages?pageSize=100')).items as { caseId: string; body: string }[];
    token = /\/c\/([A-Za-z0-9_-]{20,64})/.exec(log.find((m) => m.caseId === qd[0].caseId && m.body.includes('评价'))!.body)![1];
    await world.http.post(`/api/v1/public/consumer-links/${token}/code`).expect(200);
    const after = (await json('qd.intake', '/api/v1/messages?pageSize=100')).items as { caseId: string; body: string }[];
    code = /验证码 (\d{6})/.exec(after.find((m) => m.caseId === qd[0].caseId && /验证码 \d{6}/.test(m.body))!.body)![1];
    const verified = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code }).expect(200);
    await world.http.post('/api/v1/public/consumer/survey').set('x-consumer-token', verified.body.accessToken).send({ satisfaction: 4, comment: '调解员很耐心' }).expect(200);
  }, 120_000);
  afterAll(async () => {
    await owner.end();
    await world.stop();
  });

  it('the schedule: the calendar’s sessions for the same window and mediator, a bank’s own only, another center’s never', async () => {
    const window = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    for (const [who, filter] of [
      ['qd.intake', ''],
      ['qd.intake', `&mediatorId=${world.ids.users['qd.mediator2']}`],
      ['qd.mediator', ''],
      ['icbc.qd.handler', ''],
      ['cmb.sh.handler', ''],
      ['sh.admin', ''],
    ] as const) {
      const list = (await json(who, `/api/v1/sessions?${window}${filter}`)).items as { caseNumber: string; channel: string }[];
      const file = await xlsx(who, `/api/v1/sessions.xlsx?${window}${filter}`);
      expect(list.length).toBeGreaterThan(0);
      expect(column(file, '案件编号 Case number')).toEqual(list.map((s) => s.caseNumber));
      expect(column(file, '方式 Channel')).toEqual(list.map(() => '视频调解'));
      expect(file.caption).toContain(`${list.length} 件`);
    }
    const qdFile = await xlsx('qd.intake', `/api/v1/sessions.xlsx?${window}`);
    expect(column(qdFile, '案件编号 Case number').every((n) => String(n).startsWith('QD-'))).toBe(true);
    expect(qdFile.rows).toHaveLength(2);
    // A mediator's calendar is their own whatever they ask for; a bank's has no mediator column.
    expect((await xlsx('qd.mediator', `/api/v1/sessions.xlsx?${window}&mediatorId=${world.ids.users['qd.mediator2']}`)).rows).toHaveLength(1);
    const icbc = await xlsx('icbc.qd.handler', `/api/v1/sessions.xlsx?${window}`);
    expect(icbc.rows).toHaveLength(1);
    expect(icbc.header).not.toContain('调解员 Mediator');
    const cmb = await xlsx('cmb.sh.handler', `/api/v1/sessions.xlsx?${window}`);
    expect(column(cmb, '案件编号 Case number').every((n) => String(n).startsWith('SH-'))).toBe(true);
    const shFile = await xlsx('sh.admin', `/api/v1/sessions.xlsx?${window}`);
    expect(shFile.text).not.toContain('QD-');
    expect(column(shFile, '案件编号 Case number')).toEqual([(await json('sh.admin', `/api/v1/cases/${sh.caseId}`)).caseNumber]);
    // The regulator has no calendar; bad input names its field; no token, 401.
    expect((await xlsx('qd.regulator', `/api/v1/sessions.xlsx?${window}`, 403)).res.status).toBe(403);
    expect((await xlsx('qd.intake', `/api/v1/sessions.xlsx?from=yesterday&to=${encodeURIComponent(to)}`, 400)).res.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    expect((await world.http.get(`/api/v1/sessions.xlsx?${window}`)).status).toBe(401);
    const audit = await owner.query(`SELECT detail FROM audit_events WHERE action = 'session.list-exported' ORDER BY id`);
    expect(audit.rows.map((r) => r.detail)).toContainEqual({ from, to, rows: 2 });
  });

  it('the follow-ups: the answers of the list, with its mediator filter; another center’s never', async () => {
    for (const [who, filter] of [
      ['qd.admin', ''],
      ['qd.admin', `?mediatorId=${world.ids.users['qd.mediator']}`],
      ['qd.mediator2', ''],
      ['sh.admin', ''],
    ] as const) {
      const list = (await json(who, `/api/v1/follow-ups${filter}${filter ? '&' : '?'}pageSize=100`)).items as { caseNumber: string }[];
      const file = await xlsx(who, `/api/v1/follow-ups.xlsx${filter}`);
      expect(list.length).toBeGreaterThan(0);
      expect(column(file, '案件编号 Case number')).toEqual(list.map((f) => f.caseNumber));
    }
    // The demo's history holds earlier answers: ours are the newest two.
    const all = await xlsx('qd.admin', '/api/v1/follow-ups.xlsx');
    expect(all.rows).toHaveLength((await json('qd.admin', '/api/v1/follow-ups?pageSize=100')).total);
    expect(all.text).not.toContain('SH-');
    // The answered one first (the newest activity), its score a number and its comment.
    expect(column(all, '满意度 Satisfaction (1–5)').slice(0, 2)).toEqual([4, '未回答 not answered']);
    expect(column(all, '评价 Comment')[0]).toBe('调解员很耐心');
    const shFile = await xlsx('sh.admin', '/api/v1/follow-ups.xlsx');
    expect(shFile.rows).toHaveLength((await json('sh.admin', '/api/v1/follow-ups?pageSize=100')).total);
    expect(shFile.text).not.toContain('QD-');
    // Banks read no follow-ups; another center's mediator id selects nothing of it.
    await xlsx('icbc.qd.handler', '/api/v1/follow-ups.xlsx', 403);
    expect((await xlsx('sh.admin', `/api/v1/follow-ups.xlsx?mediatorId=${world.ids.users['qd.mediator']}`)).rows).toHaveLength(0);
    expect((await xlsx('qd.admin', '/api/v1/follow-ups.xlsx?mediatorId=nope', 400)).res.body.errors).toEqual([expect.objectContaining({ field: 'mediatorId' })]);
  });

  it('the message log: the list’s messages with its channel filter, never a link token or one-time code, never another center’s', async () => {
    for (const [who, filter] of [
      ['qd.intake', ''],
      ['qd.intake', '?channel=sms'],
      ['qd.admin', '?channel=email'],
      ['sh.intake', ''],
    ] as const) {
      const list = (await json(who, `/api/v1/messages${filter}${filter ? '&' : '?'}pageSize=100`)).items as { caseNumber: string | null; recipientMasked: string }[];
      const file = await xlsx(who, `/api/v1/messages.xlsx${filter}`);
      expect(column(file, '案件编号 Case number')).toEqual(list.map((m) => m.caseNumber ?? '—'));
      expect(column(file, '收件人 Recipient')).toEqual(list.map((m) => m.recipientMasked || '—'));
    }
    const file = await xlsx('qd.intake', '/api/v1/messages.xlsx');
    const bodies = column(file, '内容 Body').map(String);
    // The survey link is there, its token is not; the code's SMS is there, its code is not.
    expect(token.length).toBeGreaterThanOrEqual(20);
    expect(file.text).not.toContain(token);
    expect(bodies.some((b) => b.includes('评价') && b.includes('/c/…'))).toBe(true);
    expect(bodies.some((b) => b.includes('验证码 ******'))).toBe(true);
    expect(file.text).not.toContain(code);
    for (const b of bodies) expect(b).not.toMatch(/\/c\/[A-Za-z0-9_-]{16,}/);
    // The JSON log (the center's own page) still shows them whole: only the file is masked.
    expect(JSON.stringify(await json('qd.intake', '/api/v1/messages?pageSize=100'))).toContain(token);
    const shFile = await xlsx('sh.intake', '/api/v1/messages.xlsx');
    expect(shFile.rows.length).toBeGreaterThan(0);
    expect(shFile.text).not.toContain('QD-');
    expect(file.text).not.toContain('SH-');
    // Mediators and banks read no message log.
    await xlsx('qd.mediator', '/api/v1/messages.xlsx', 403);
    await xlsx('icbc.qd.handler', '/api/v1/messages.xlsx', 403);
    expect((await xlsx('qd.intake', '/api/v1/messages.xlsx?channel=fax', 400)).res.body.errors).toEqual([expect.objectContaining({ field: 'channel' })]);
    const audit = await owner.query(`SELECT detail FROM audit_events WHERE action = 'message.list-exported' ORDER BY id`);
    expect(audit.rows.at(-1).detail).toEqual({ rows: shFile.rows.length });
    await xlsx('qd.intake', '/api/v1/messages.xlsx?channel=sms');
    expect((await owner.query(`SELECT detail FROM audit_events WHERE action = 'message.list-exported' ORDER BY id DESC LIMIT 1`)).rows[0].detail).toMatchObject({ channel: 'sms' });
  });

  it('past 50,000 rows the message log answers 422 EXPORT_TOO_LARGE', async () => {
    await owner.query(
      `INSERT INTO outbound_messages (id, organisation_id, case_id, case_number, channel, recipient_sealed, recipient_masked, subject, body, attachments)
       SELECT gen_random_uuid(), $1, NULL, NULL, 'sms', '\\x'::bytea, '138****0000', '', '批量测试', '[]' FROM generate_series(1, 50001)`,
      [world.org('sh-center')],
    );
    const big = await xlsx('sh.intake', '/api/v1/messages.xlsx', 422);
    expect(big.res.body).toMatchObject({ code: 'EXPORT_TOO_LARGE', maxRows: 50000 });
    // The other center's log is not counted with them.
    expect((await xlsx('qd.intake', '/api/v1/messages.xlsx')).rows.length).toBeLessThan(100);
  }, 60_000);
});

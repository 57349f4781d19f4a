import { Client } from 'pg';
import { ensureCalendarYear, inSessionCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * The mediation clock and its one extension (issue 20 item 3): the first session starts a
 * 30-day clock on the center's working-day calendar; the center proposes an extension of up to
 * 30 days; it takes effect only when the bank (in the portal) and the consumer (by link with a
 * one-time code) have both agreed, moving the due day to a working day; either no ends it; a
 * second extension and one past 60 days in all are refused with nothing changed; nobody else's
 * extension is reachable.
 */
describe('extensions: both parties agree to a longer mediation', () => {
  let world: TestWorld;
  let handler: SignedIn;
  let intake: SignedIn;
  let mediator: SignedIn;
  let mediator2: SignedIn;
  let admin: SignedIn;
  let viewer: SignedIn;
  let otherHandler: SignedIn;
  let shIntake: SignedIn;
  let pg: Client;

  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const addDays = (day: string, n: number) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    world = await TestWorld.start({ RATE_LIMIT_CONSUMER_CODE_PER_MINUTE: '200' });
    // The worker turns the proposal into the bank's notice.
    await world.startWorker();
    [handler, intake, mediator, mediator2, admin, viewer, otherHandler, shIntake] = await Promise.all(
      ['icbc.qd.handler', 'qd.intake', 'qd.mediator', 'qd.mediator2', 'qd.admin', 'icbc.viewer', 'qdbank.handler', 'sh.intake'].map((u) => world.signIn(u)),
    );
    // The clock reaches 30 days ahead: next year's calendar must be there (entered empty when the data lacks it).
    await ensureCalendarYear(world, admin, Number(today().slice(0, 4)) + 1);
    pg = new Client({ connectionString: world.env.DATABASE_URL });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await world?.stop();
  });

  const getCase = async (caseId: string, who: SignedIn = intake) => (await world.http.get(`/api/v1/cases/${caseId}`).set(who.auth)).body;

  /** A case in session whose clock started on `startedOn` (the test moves it back in time, as the owner). */
  async function runningCase(consumer: string, startedOn: string, dueOn: string, second = false): Promise<string> {
    // Sessions begin within the hour, a quarter apart per mediator: the later cases go to the second mediator.
    const { caseId } = second
      ? await inSessionCase(world, { handler, intake, mediator: mediator2 }, 'qd.mediator2', consumer)
      : await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator', consumer);
    await pg.query(`UPDATE cases SET mediation_started_on = $2, mediation_due_on = $3 WHERE id = $1`, [caseId, startedOn, dueOn]);
    return caseId;
  }

  async function consumerAccess(caseId: string): Promise<string> {
    const link = await pg.query<{ body: string }>(`SELECT body FROM outbound_messages WHERE case_id = $1 AND body LIKE '%延长%' ORDER BY created_at DESC LIMIT 1`, [caseId]);
    const token = /\/c\/([A-Za-z0-9_-]+)/.exec(link.rows[0].body)![1];
    const sent = await world.http.post(`/api/v1/public/consumer-links/${token}/code`);
    expect(sent.status).toBe(200);
    expect(sent.body.purpose).toBe('extension');
    const codeSms = await pg.query<{ body: string }>(`SELECT body FROM outbound_messages WHERE case_id = $1 AND body LIKE '%验证码%' ORDER BY created_at DESC LIMIT 1`, [caseId]);
    const code = /验证码 (\d{6})/.exec(codeSms.rows[0].body)![1];
    const ok = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code });
    expect(ok.status).toBe(200);
    return ok.body.accessToken as string;
  }

  it('the first session starts the clock: 30 days on, on a working day of the center', async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator', '王一');
    const c = await getCase(caseId);
    expect(c.mediationStartedOn).toBe(today());
    expect(c.mediationExtensionDays).toBe(0);
    expect(c.mediationClock.state).toBe('ok');
    // 30 calendar days on, or the next working day when that is a weekend or holiday.
    const due = c.mediationClock.dueOn as string;
    expect(due >= addDays(today(), 30)).toBe(true);
    expect(due <= addDays(today(), 40)).toBe(true);
    expect([0, 6]).not.toContain(new Date(`${due}T00:00:00Z`).getUTCDay());
    // The bank's list shows the same clock.
    const list = await world.http.get(`/api/v1/cases?pageSize=100`).set(handler.auth);
    const item = (list.body.items as { id: string; mediationClock: { dueOn: string } }[]).find((i) => i.id === caseId)!;
    expect(item.mediationClock.dueOn).toBe(due);
  });

  it('bank then consumer agree: the due day moves by the days, across National Day to the next working day', async () => {
    // First session 2026-08-10: due 2026-09-09. 22 more days → 2026-10-01, National Day → 2026-10-08.
    const caseId = await runningCase('李二', '2026-08-10', '2026-09-09');
    const proposed = await world.http.post(`/api/v1/cases/${caseId}/extensions`).set(mediator.auth).send({ days: 22, reason: '双方正在核对还款流水，需要更多时间' });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'pending', days: 22, previousDueOn: '2026-09-09', newDueOn: '2026-10-08', institutionAgreedAt: null, consumerAgreedAt: null });
    const extensionId = proposed.body.id as string;

    // Nothing moves on a proposal.
    expect((await getCase(caseId)).mediationClock.dueOn).toBe('2026-09-09');
    // The branch that filed the case is asked, in its bell, with the days and the new due day; another bank hears nothing.
    const notices = async (who: SignedIn) =>
      ((await world.http.get('/api/v1/notifications?pageSize=100').set(who.auth).expect(200)).body.items as { kind: string; data: Record<string, unknown> }[]).filter(
        (n) => n.kind === 'case.extension-proposed' && n.data.caseId === caseId,
      );
    const [asked] = await eventually(async () => ((await notices(handler)).length ? notices(handler) : undefined), 15000);
    expect(asked.data).toMatchObject({ days: 22, newDueOn: '2026-10-08', caseNumber: expect.any(String), centerName: expect.any(String) });
    expect(await notices(otherHandler)).toEqual([]);

    // The bank sees it and may answer; a viewer may not.
    const seen = await world.http.get(`/api/v1/cases/${caseId}/extensions`).set(handler.auth);
    expect(seen.status).toBe(200);
    expect(seen.body.canAnswer).toBe(true);
    expect(seen.body.items[0]).toMatchObject({ id: extensionId, reason: '双方正在核对还款流水，需要更多时间' });
    const byViewer = await world.http.post(`/api/v1/cases/${caseId}/extensions/${extensionId}/answer`).set(viewer.auth).send({ answer: 'agreed' });
    expect(byViewer.status).toBe(403);

    const bank = await world.http.post(`/api/v1/cases/${caseId}/extensions/${extensionId}/answer`).set(handler.auth).send({ answer: 'agreed' });
    expect(bank.status).toBe(200);
    expect(bank.body.status).toBe('pending');
    expect(bank.body.institutionAgreedAt).not.toBeNull();
    expect(bank.body.institutionAgreedByName).toBeTruthy();
    // One party is not enough.
    expect((await getCase(caseId)).mediationClock.dueOn).toBe('2026-09-09');
    const twice = await world.http.post(`/api/v1/cases/${caseId}/extensions/${extensionId}/answer`).set(handler.auth).send({ answer: 'agreed' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('EXTENSION_NOT_PENDING');

    // The consumer opens the SMS link, proves the phone with the one-time code, reads and agrees.
    const token = await consumerAccess(caseId);
    const view = await world.http.get('/api/v1/public/consumer/extension').set('x-consumer-token', token);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ days: 22, previousDueOn: '2026-09-09', newDueOn: '2026-10-08', status: 'pending', yourAnswer: null });
    // Another purpose's endpoint does not take this token.
    expect((await world.http.get('/api/v1/public/consumer/session').set('x-consumer-token', token)).status).toBe(401);
    const agreed = await world.http.post('/api/v1/public/consumer/extension').set('x-consumer-token', token).send({ answer: 'agreed' });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ status: 'agreed', yourAnswer: 'agreed' });

    const c = await getCase(caseId, handler);
    expect(c.mediationClock.dueOn).toBe('2026-10-08');
    expect(c.mediationExtensionDays).toBe(22);
    const list = await world.http.get(`/api/v1/cases/${caseId}/extensions`).set(intake.auth);
    expect(list.body.items[0]).toMatchObject({ status: 'agreed', newDueOn: '2026-10-08' });
    expect(list.body.items[0].agreedAt).not.toBeNull();
    expect(list.body.canPropose).toBe(false);
    // The timeline tells both sides; the audit trail keeps the days and the due days.
    const timeline = await world.http.get(`/api/v1/cases/${caseId}/timeline`).set(handler.auth);
    const changes = (timeline.body.items ?? timeline.body).map((e: { detail?: { change?: string } }) => e.detail?.change).filter(Boolean);
    expect(changes).toEqual(expect.arrayContaining(['extension_proposed', 'extension_agreed_institution', 'extension_agreed_consumer', 'mediation_extended']));
    const audit = await pg.query(`SELECT detail FROM audit_events WHERE subject_id = $1 AND action = 'case.mediation-extended'`, [caseId]);
    expect(audit.rows[0].detail).toMatchObject({ days: 22, previousDueOn: '2026-09-09', newDueOn: '2026-10-08', extensionId });

    // Once only: a second extension is refused, and nothing changes.
    const second = await world.http.post(`/api/v1/cases/${caseId}/extensions`).set(mediator.auth).send({ days: 5, reason: '再延长' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('EXTENSION_ALREADY_GRANTED');
    expect((await getCase(caseId)).mediationClock.dueOn).toBe('2026-10-08');
    expect((await world.http.get(`/api/v1/cases/${caseId}/extensions`).set(intake.auth)).body.items).toHaveLength(1);
  });

  it('past 60 days in all is refused; either party saying no ends the proposal and nothing changes', async () => {
    const caseId = await runningCase('赵三', '2026-08-10', '2026-09-09');
    const tooLong = await world.http.post(`/api/v1/cases/${caseId}/extensions`).set(intake.auth).send({ days: 31, reason: '太长' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe('EXTENSION_TOO_LONG');
    expect((await world.http.get(`/api/v1/cases/${caseId}/extensions`).set(intake.auth)).body.items).toHaveLength(0);
    expect(await pg.query(`SELECT 1 FROM outbound_messages WHERE case_id = $1 AND body LIKE '%延长%'`, [caseId])).toMatchObject({ rowCount: 0 });

    // The consumer declines.
    const first = await world.http.post(`/api/v1/cases/${caseId}/extensions`).set(intake.auth).send({ days: 30, reason: '等待征信中心回函' });
    expect(first.status).toBe(201);
    expect(first.body.newDueOn).toBe('2026-10-09'); // 60 days from 08-10 = 10-09, a Friday
    const pending = await world.http.post(`/api/v1/cases/${caseId}/extensions`).set(intake.auth).send({ days: 10, reason: '另一个' });
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('EXTENSION_PENDING');
    const token = await consumerAccess(caseId);
    const no = await world.http.post('/api/v1/public/consumer/extension').set('x-consumer-token', token).send({ answer: 'declined', note: '不想再等' });
    expect(no.status).toBe(200);
    expect(no.body).toMatchObject({ status: 'declined', yourAnswer: 'declined' });
    const late = await world.http.post(`/api/v1/cases/${caseId}/extensions/${first.body.id}/answer`).set(handler.auth).send({ answer: 'agreed' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('EXTENSION_NOT_PENDING');
    let c = await getCase(caseId);
    expect(c.mediationClock.dueOn).toBe('2026-09-09');
    expect(c.mediationExtensionDays).toBe(0);

    // A new proposal; the bank declines this time.
    const again = await world.http.post(`/api/v1/cases/${caseId}/extensions`).set(intake.auth).send({ days: 10, reason: '补充材料' });
    expect(again.status).toBe(201);
    const bankNo = await world.http.post(`/api/v1/cases/${caseId}/extensions/${again.body.id}/answer`).set(handler.auth).send({ answer: 'declined', note: '尽快结案' });
    expect(bankNo.status).toBe(200);
    expect(bankNo.body).toMatchObject({ status: 'declined', declinedBy: 'institution', declineNote: '尽快结案' });
    c = await getCase(caseId);
    expect(c.mediationClock.dueOn).toBe('2026-09-09');
    // The consumer's link for it stopped working with the bank's no.
    const list = await world.http.get(`/api/v1/cases/${caseId}/extensions`).set(handler.auth);
    expect(list.body.items.map((e: { status: string }) => e.status)).toEqual(['declined', 'declined']);
    expect(list.body.canAnswer).toBe(false);
  });

  it('no clock, no extension: a case before its first session', async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator', '孙四');
    await pg.query(`UPDATE cases SET mediation_started_on = NULL, mediation_due_on = NULL WHERE id = $1`, [caseId]);
    const res = await world.http.post(`/api/v1/cases/${caseId}/extensions`).set(intake.auth).send({ days: 10, reason: '测试' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MEDIATION_NOT_RUNNING');
  });

  it('statistics count a breach against the kept due day (the extended one), not 60 days from the first session', async () => {
    const late = await runningCase('郑七', '2026-08-10', addDays(today(), -1), true);
    const onTime = await runningCase('钱八', '2026-08-10', today(), true);
    // The roll-ups are rebuilt by hand below, beside the worker's own recounts (the rebuild waits for them).
    const breachedToday = async () => {
      await pg.query(`SELECT statistics_rebuild_all()`);
      const { rows } = await pg.query<{ n: number }>(
        `SELECT coalesce(sum(d.breached), 0)::int AS n FROM statistics_branch_days d JOIN cases c ON c.branch_id = d.branch_id AND c.center_id = d.center_id WHERE c.id = $1 AND d.day = $2`,
        [late, today()],
      );
      return rows[0].n;
    };
    const before = await breachedToday();
    await pg.query(`UPDATE cases SET status = 'not_settled', outcome = 'not_settled', concluded_at = now() WHERE id = ANY($1::uuid[])`, [[late, onTime]]);
    // Concluded today: the one due yesterday missed its clock, the one due today did not (the old rule saw neither).
    expect(await breachedToday()).toBe(before + 1);
  });

  it('cross-tenant: another center, another bank and the consumer of another case get 404', async () => {
    const caseId = await runningCase('周五', '2026-08-10', '2026-09-09', true);
    const proposed = await world.http.post(`/api/v1/cases/${caseId}/extensions`).set(intake.auth).send({ days: 5, reason: '测试' });
    expect(proposed.status).toBe(201);
    const id = proposed.body.id as string;
    for (const [who, req] of [
      [shIntake, world.http.get(`/api/v1/cases/${caseId}/extensions`)],
      [shIntake, world.http.post(`/api/v1/cases/${caseId}/extensions`).send({ days: 5, reason: '跨中心' })],
      [shIntake, world.http.post(`/api/v1/cases/${caseId}/extensions/${id}/withdraw`)],
      [otherHandler, world.http.get(`/api/v1/cases/${caseId}/extensions`)],
      [otherHandler, world.http.post(`/api/v1/cases/${caseId}/extensions/${id}/answer`).send({ answer: 'agreed' })],
    ] as const) {
      const res = await req.set(who.auth);
      expect(res.status).toBe(404);
    }
    // An extension id under another case of the same center is not found either.
    const other = await runningCase('吴六', '2026-08-10', '2026-09-09', true);
    const wrong = await world.http.post(`/api/v1/cases/${other}/extensions/${id}/answer`).set(handler.auth).send({ answer: 'agreed' });
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe('EXTENSION_NOT_FOUND');
    // Without a consumer token nothing is shown.
    expect((await world.http.get('/api/v1/public/consumer/extension').set('x-consumer-token', 'nope')).status).toBe(401);
    // Still pending, untouched; the center may withdraw it.
    const withdrawn = await world.http.post(`/api/v1/cases/${caseId}/extensions/${id}/withdraw`).set(mediator2.auth);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
  });
});

import { connectTab, sockets } from './support/sockets';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * A case changing, seen live: the event backbone carries it from the transaction to every
 * socket looking at the case or at a queue holding it, and to nobody else. And the clocks:
 * deadlines in working days of the center's own calendar, holidays and make-up days included.
 */
describe('cases live and on the clock', () => {
  let world: TestWorld;
  let handler: SignedIn;
  let intake: SignedIn;
  beforeAll(async () => {
    world = await TestWorld.start();
    await world.startWorker();
    [handler, intake] = await Promise.all([world.signIn('icbc.qd.handler'), world.signIn('qd.intake')]);
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await world.stop();
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

  it('the intake queue and the branch see a filing and its acceptance without reloading; other tenants hear nothing', async () => {
    const queueTab = await connectTab(world.url, intake.accessToken);
    const branchTab = await connectTab(world.url, handler.accessToken);
    const otherCenter = await connectTab(world.url, (await world.signIn('sh.intake')).accessToken);
    const otherBank = await connectTab(world.url, (await world.signIn('qdbank.handler')).accessToken);

    const created = (await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201)).body;
    const filed = await queueTab.next('case.updated', (r) => r.data.caseId === created.id);
    expect(filed.data).toMatchObject({ status: 'submitted', change: 'filed', centerId: world.org('qd-center') });

    // The branch's case page joins the case room; the other center and bank may not.
    expect(await branchTab.join(`case:${created.id}`)).toEqual({ ok: true });
    expect((await otherCenter.join(`case:${created.id}`)).ok).toBe(false);
    expect((await otherBank.join(`case:${created.id}`)).ok).toBe(false);

    await world.http.post(`/api/v1/cases/${created.id}/accept`).set(intake.auth).send({}).expect(200);
    const accepted = await branchTab.next('case.updated', (r) => r.data.caseId === created.id && r.data.status === 'accepted');
    expect(accepted.seq).toBeGreaterThan(filed.seq);
    // REST is the truth the event points to.
    expect((await world.http.get(`/api/v1/cases/${created.id}`).set(handler.auth)).body.status).toBe('accepted');

    // An internal note tells the center's sockets only.
    await world.http.post(`/api/v1/cases/${created.id}/comments`).set(intake.auth).send({ body: '内部', internal: true }).expect(201);
    await queueTab.next('case.updated', (r) => r.data.caseId === created.id && r.data.change === 'internal_note');
    await new Promise((r) => setTimeout(r, 300));
    expect(branchTab.of('case.updated', (r) => r.data.change === 'internal_note')).toHaveLength(0);
    expect(otherCenter.of('case.updated')).toHaveLength(0);
    expect(otherBank.of('case.updated')).toHaveLength(0);

    // Notices for what someone must act on: the intake officer got the new referral, the
    // handler the acceptance; after assignment, the mediator the case.
    const notices = async (who: SignedIn) => (await world.http.get('/api/v1/notifications?pageSize=50').set(who.auth)).body.items as { kind: string; title: string }[];
    await eventually(async () => (await notices(intake)).some((n) => n.kind === 'case.submitted' && n.title.includes(created.caseNumber)));
    await eventually(async () => (await notices(handler)).some((n) => n.kind === 'case.accepted' && n.title.includes(created.caseNumber)));
    const proposals = (await world.http.get(`/api/v1/cases/${created.id}/mediator-proposals`).set(intake.auth)).body.items;
    await world.http.post(`/api/v1/cases/${created.id}/assign`).set(intake.auth).send({ mediatorId: proposals[0].mediatorId }).expect(200);
    const mediator = await world.signIn(proposals[0].mediatorId === world.ids.users['qd.mediator'] ? 'qd.mediator' : 'qd.mediator2');
    await eventually(async () => (await notices(mediator)).some((n) => n.kind === 'case.assigned-to-you' && n.title.includes(created.caseNumber)));
    // The move does not notify twice (one job per outbox event, effects recorded once).
    expect((await notices(handler)).filter((n) => n.kind === 'case.accepted' && n.title.includes(created.caseNumber))).toHaveLength(1);
  });

  it('a user pinned to an outlet hears only its subtree\'s cases; the sub-branch manager hears both outlets', async () => {
    const manager = await world.signIn('icbc.qd.manager');
    const outletTab = await connectTab(world.url, handler.accessToken); // 香港中路网点
    const managerTab = await connectTab(world.url, manager.accessToken); // 青岛市南支行, above both outlets
    const adminTab = await connectTab(world.url, (await world.signIn('icbc.admin')).accessToken); // unpinned
    // The whole institution's room is not for a pinned user.
    expect((await outletTab.join(`org:${world.org('icbc')}`)).ok).toBe(false);
    const elsewhere = (await world.http.post('/api/v1/cases').set(manager.auth).send({ ...referral(), branchId: world.ids.branches['icbc-qd-zsl'] }).expect(201)).body;
    const here = (await world.http.post('/api/v1/cases').set(manager.auth).send({ ...referral(), branchId: world.ids.branches['icbc-qd-xgzl'] }).expect(201)).body;
    await managerTab.next('case.updated', (r) => r.data.caseId === elsewhere.id);
    await managerTab.next('case.updated', (r) => r.data.caseId === here.id);
    await adminTab.next('case.updated', (r) => r.data.caseId === elsewhere.id);
    await outletTab.next('case.updated', (r) => r.data.caseId === here.id);
    expect(outletTab.of('case.updated', (r) => r.data.caseId === elsewhere.id)).toHaveLength(0);
  });

  it('counts the intake limit in the center calendar: a holiday pushes it, a make-up Saturday pulls it', async () => {
    const admin = await world.signIn('qd.admin');
    // Today in Shanghai, then a holiday on the next weekday and a make-up working day on the next Saturday.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
    const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
    let holiday = addDays(today, 1);
    while ([0, 6].includes(weekday(holiday))) holiday = addDays(holiday, 1);
    let makeUp = addDays(today, 1);
    while (weekday(makeUp) !== 6) makeUp = addDays(makeUp, 1);
    const exceptions = new Map([[holiday, false], [makeUp, true]]);
    const years = [...new Set([today, addDays(today, 20)].map((d) => Number(d.slice(0, 4))))];
    for (const year of years) {
      const days = [...exceptions].filter(([d]) => d.startsWith(String(year))).map(([day, isWorking]) => ({ day, isWorking, name: isWorking ? '调休上班' : '测试假日' }));
      await world.http.put(`/api/v1/calendar/${year}`).set(admin.auth).send({ days }).expect(200);
    }
    // The expected due date, counted by hand: 5 working days after today.
    let due = today;
    for (let left = 5; left > 0; ) {
      due = addDays(due, 1);
      const working = exceptions.get(due) ?? ![0, 6].includes(weekday(due));
      if (working) left--;
    }
    const created = (await world.http.post('/api/v1/cases').set(handler.auth).send({ ...referral(), amountFen: 99900000 }).expect(201)).body;
    expect(created.track).toBe('normal');
    expect(created.intakeClock).toEqual({ dueOn: due, state: 'ok' });

    const calendar = (await world.http.get(`/api/v1/calendar/${years[0]}`).set(intake.auth)).body;
    expect(calendar.days.map((d: { day: string }) => d.day)).toEqual(expect.arrayContaining([holiday]));
    // A year nobody entered is reported as missing, not guessed.
    expect((await world.http.get('/api/v1/calendar/2099').set(intake.auth)).body).toMatchObject({ covered: false, days: [] });
    // Only the center's admin edits it, and a day outside the year is refused.
    expect((await world.http.put('/api/v1/calendar/2099').set(intake.auth).send({ days: [] })).status).toBe(403);
    const wrong = await world.http.put('/api/v1/calendar/2099').set(admin.auth).send({ days: [{ day: '2098-12-31', isWorking: false, name: 'x' }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('days[0].day');
  });

  it('a small claim goes on the fast track by the center\'s threshold; the center changes the track with a reason', async () => {
    const admin = await world.signIn('qd.admin');
    expect((await world.http.get('/api/v1/case-settings').set(admin.auth)).body).toEqual({ smallClaimsMaxFen: 500000, intakeDays: 5, smallClaimsContactDays: 2, firstSessionDays: 10, closedRetentionMonths: 36, consumerChoosesMediator: false });
    expect((await world.http.put('/api/v1/case-settings').set(intake.auth).send({ smallClaimsMaxFen: 1, intakeDays: 5, smallClaimsContactDays: 2, firstSessionDays: 10 })).status).toBe(403);
    await world.http.put('/api/v1/case-settings').set(admin.auth).send({ smallClaimsMaxFen: 1000000, intakeDays: 5, smallClaimsContactDays: 2, firstSessionDays: 10 }).expect(200);
    const created = (await world.http.post('/api/v1/cases').set(handler.auth).send({ ...referral(), amountFen: 880000 }).expect(201)).body;
    expect(created.track).toBe('small_claims');
    // Another center's settings are its own.
    const sh = await world.signIn('sh.admin');
    expect((await world.http.get('/api/v1/case-settings').set(sh.auth)).body.smallClaimsMaxFen).toBe(500000);
    const changed = await world.http.post(`/api/v1/cases/${created.id}/track`).set(intake.auth).send({ track: 'complex', reason: '涉及多笔交易' });
    expect(changed.body.track).toBe('complex');
    const timeline = (await world.http.get(`/api/v1/cases/${created.id}/timeline`).set(handler.auth)).body.items;
    expect(timeline.find((e: { kind: string }) => e.kind === 'track_changed')).toMatchObject({ body: '涉及多笔交易', detail: { from: 'small_claims', to: 'complex' } });
  });
});

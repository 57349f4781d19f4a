import { connectTab, sockets } from './support/sockets';
import { assignedCase as assignedCaseFor } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * Running a session (DOMAIN.md "Session"): the mediator opens the waiting room, checks the
 * parties in, begins, talks with one side alone, ticks the center's method, keeps private
 * notes, calls the parties, and adjourns with a next date or concludes — the bank watching the
 * status live, other tenants seeing nothing.
 */
describe('the session console', () => {
  let world: TestWorld;
  let mediator: SignedIn;
  let intake: SignedIn;
  let handler: SignedIn;
  let admin: SignedIn;
  let otherMediator: SignedIn;
  let otherBank: SignedIn;

  beforeAll(async () => {
    world = await TestWorld.start();
    await world.startWorker();
    [mediator, intake, handler, admin, otherMediator, otherBank] = await Promise.all(
      ['qd.mediator', 'qd.intake', 'icbc.qd.handler', 'qd.admin', 'sh.mediator', 'cmb.sh.handler'].map((u) => world.signIn(u)),
    );
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await world.stop();
  });

  /**
   * A case with a 15-minute session starting within the hour (outside the hours, with a reason),
   * each in the mediator's next free quarter so sessions of one mediator never overlap.
   */
  const nextQuarter: Record<string, number> = { 'qd.mediator': 0, 'qd.mediator2': 0 };
  const base = Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000;
  async function sessionSoon(channel: 'phone' | 'video' | 'on_site' = 'video', who: 'qd.mediator' | 'qd.mediator2' = 'qd.mediator', startsAt?: string) {
    const caseId = await assignedCaseFor(world, { handler, intake }, who);
    startsAt ??= new Date(base + nextQuarter[who]++ * 15 * 60_000).toISOString();
    const res = await world.http
      .post(`/api/v1/cases/${caseId}/sessions`)
      .set(intake.auth)
      .send({ channel, startsAt, minutes: 15, outsideHoursReason: '测试：马上开始', participants: [{ role: 'consumer', name: '张小三' }, { role: 'bank_representative', name: '吴婷' }] });
    if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { caseId, sessionId: res.body.id as string, startsAt };
  }
  const later = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  const post = (who: SignedIn, path: string, body: object = {}) => world.http.post(`/api/v1/sessions/${path}`).set(who.auth).send(body);
  const caseStatus = async (caseId: string) => (await world.http.get(`/api/v1/cases/${caseId}`).set(handler.auth)).body.status;

  it('open → check-in → begin: the case goes in_session and the bank sees each status change live', async () => {
    const { caseId, sessionId } = await sessionSoon();
    const bank = await connectTab(world.url, handler.accessToken);
    const stranger = await connectTab(world.url, otherBank.accessToken);

    const opened = await post(mediator, `${sessionId}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body.session).toMatchObject({ status: 'waiting' });
    await bank.next('session.updated', (r) => r.data.sessionId === sessionId && r.data.status === 'waiting');

    const checked = await post(mediator, `${sessionId}/check-ins`, { role: 'consumer', name: '张小三', via: 'video' });
    expect(checked.body.checkIns).toEqual([expect.objectContaining({ role: 'consumer', name: '张小三', via: 'video' })]);
    // Checking the same party in twice keeps one row.
    expect((await post(mediator, `${sessionId}/check-ins`, { role: 'consumer', name: '张小三', via: 'video' })).body.checkIns).toHaveLength(1);
    const bad = await post(mediator, `${sessionId}/check-ins`, { role: 'judge', name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    const begun = await post(mediator, `${sessionId}/begin`);
    expect(begun.body.session.status).toBe('in_progress');
    expect(Date.parse(begun.body.session.beganAt)).toBeGreaterThan(Date.now() - 10_000);
    expect(await caseStatus(caseId)).toBe('in_session');
    await bank.next('session.updated', (r) => r.data.sessionId === sessionId && r.data.status === 'in_progress');
    await bank.next('case.updated', (r) => r.data.caseId === caseId && r.data.status === 'in_session');

    // The bank reads the live status and the check-ins; not the checklist, calls or notes.
    const seen = await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(handler.auth);
    expect(seen.body).toMatchObject({ session: { status: 'in_progress' }, checkIns: [expect.objectContaining({ role: 'consumer' })], steps: [], calls: [], note: null, mayRun: false });
    expect((await post(handler, `${sessionId}/begin`)).status).toBe(403);

    // Other tenants: 404 for reading and running, and their sockets heard nothing.
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(otherBank.auth)).status).toBe(404);
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(otherMediator.auth)).status).toBe(404);
    expect((await post(otherMediator, `${sessionId}/conclude`)).status).toBe(404);
    expect(stranger.of('session.updated', (r) => r.data.sessionId === sessionId)).toEqual([]);
    // Every way of running it is closed to another center's mediator, and answers alike (404).
    const callId = '00000000-0000-4000-8000-000000000000';
    const stepId = (await world.http.get('/api/v1/mediation-method').set(mediator.auth)).body.steps[0].id;
    const attempts = [
      post(otherMediator, `${sessionId}/open`),
      post(otherMediator, `${sessionId}/check-ins`, { role: 'consumer', name: '张小三', via: 'video' }),
      post(otherMediator, `${sessionId}/begin`),
      post(otherMediator, `${sessionId}/caucus`, { with: 'bank' }),
      post(otherMediator, `${sessionId}/caucus/end`),
      post(otherMediator, `${sessionId}/adjourn`, { reason: 'x' }),
      post(otherMediator, `${sessionId}/conclude`),
      post(otherMediator, `${sessionId}/calls`, { party: 'consumer' }),
      post(otherMediator, `${sessionId}/calls/log`, { party: 'bank', phone: '13900001111', startedAt: new Date(Date.now() - 60_000).toISOString(), endedAt: new Date().toISOString() }),
      post(otherMediator, `${sessionId}/calls/${callId}/end`),
      world.http.put(`/api/v1/sessions/${sessionId}/notes`).set(otherMediator.auth).send({ body: 'x', baseVersion: 0 }),
      world.http.put(`/api/v1/sessions/${sessionId}/steps/${stepId}`).set(otherMediator.auth).send({ ticked: true }),
      world.http.get(`/api/v1/sessions/${sessionId}/calls/${callId}/recording`).set(otherMediator.auth),
    ];
    expect((await Promise.all(attempts)).map((r) => [r.status, r.body.code])).toEqual(attempts.map(() => [404, 'SESSION_NOT_FOUND']));
    // The intake officer watches it but does not run it; another mediator of the center does not see it.
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(intake.auth)).body).toMatchObject({ session: { status: 'in_progress' }, mayRun: false });
    expect((await post(intake, `${sessionId}/conclude`)).status).toBe(403);
    expect((await post(await world.signIn('qd.mediator2'), `${sessionId}/conclude`)).status).toBe(404);
  });

  it('the bank\'s confirmation shows on the console, and the console refetches it live', async () => {
    const { sessionId } = await sessionSoon('video', 'qd.mediator', later(150));
    const tab = await connectTab(world.url, mediator.accessToken);
    await world.http.post(`/api/v1/sessions/${sessionId}/confirm`).set(handler.auth).send({ answer: 'confirmed' }).expect(200);
    await tab.next('session.updated', (r) => r.data.sessionId === sessionId && r.data.status === 'bank_confirmed');
    const seen = (await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(mediator.auth)).body;
    expect(seen.confirmations).toEqual([expect.objectContaining({ party: 'bank', answer: 'confirmed', actorName: '吴婷' })]);
  });

  it('a session cannot be opened more than an hour before its start', async () => {
    const { sessionId } = await sessionSoon('video', 'qd.mediator2', later(90));
    const early = await post(await world.signIn('qd.mediator2'), `${sessionId}/open`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('SESSION_NOT_OPEN_YET');
  });

  it('private caucus: one at a time, time recorded, closed when the session ends', async () => {
    const { caseId, sessionId } = await sessionSoon('phone');
    expect((await post(mediator, `${sessionId}/caucus`, { with: 'consumer' })).body).toMatchObject({ code: 'SESSION_STATE_CONFLICT', currentStatus: 'booked' });
    await post(mediator, `${sessionId}/begin`).expect(200);
    const bank = await connectTab(world.url, handler.accessToken);
    const caucus = await post(mediator, `${sessionId}/caucus`, { with: 'consumer' });
    expect(caucus.body.openCaucus).toMatchObject({ withParty: 'consumer' });
    // The bank learns it is waiting, not what is said.
    const waiting = await bank.next('session.updated', (r) => r.data.sessionId === sessionId && r.data.change === 'caucus_consumer');
    expect(Object.keys(waiting.data).sort()).toEqual(['caseId', 'change', 'sessionId', 'startsAt', 'status']);
    expect((await post(mediator, `${sessionId}/caucus`, { with: 'bank' })).body).toMatchObject({ code: 'CAUCUS_OPEN', withParty: 'consumer' });
    expect((await post(mediator, `${sessionId}/caucus`, { with: 'judge' })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 1100));
    const ended = await post(mediator, `${sessionId}/caucus/end`);
    expect(ended.body.openCaucus).toBeNull();
    expect(ended.body.caucuses).toEqual([expect.objectContaining({ withParty: 'consumer', endedAt: expect.any(String) })]);
    expect(ended.body.caucusSeconds).toBeGreaterThanOrEqual(1);
    expect((await post(mediator, `${sessionId}/caucus/end`)).body.code).toBe('NO_CAUCUS');
    // A caucus still open when the session concludes is closed with it.
    await post(mediator, `${sessionId}/caucus`, { with: 'bank' }).expect(200);
    const concluded = await post(mediator, `${sessionId}/conclude`, { summary: '双方初步同意分期方案' });
    expect(concluded.body.session.status).toBe('concluded');
    expect(concluded.body.openCaucus).toBeNull();
    expect(concluded.body.caucuses).toHaveLength(2);
    // Concluding the session leaves the case in session: its outcome is recorded next.
    expect(await caseStatus(caseId)).toBe('in_session');
    expect((await post(mediator, `${sessionId}/conclude`)).body).toMatchObject({ code: 'SESSION_STATE_CONFLICT', currentStatus: 'concluded' });
    const timeline = (await world.http.get(`/api/v1/cases/${caseId}/timeline`).set(handler.auth)).body.items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'session').map((e: { detail: { change: string } }) => e.detail.change)).toEqual([
      'booked',
      'began',
      'caucus_consumer',
      'caucus_ended',
      'caucus_bank',
      'concluded',
    ]);
  });

  it('private notes: saved by version, a stale save refused with the current text, read by their author only', async () => {
    const { sessionId } = await sessionSoon('video', 'qd.mediator', later(120));
    const first = await world.http.put(`/api/v1/sessions/${sessionId}/notes`).set(mediator.auth).send({ body: '消费者情绪激动', baseVersion: 0 });
    expect(first.body.version).toBe(1);
    const second = await world.http.put(`/api/v1/sessions/${sessionId}/notes`).set(mediator.auth).send({ body: '消费者情绪激动，愿意分期', baseVersion: 1 });
    expect(second.body.version).toBe(2);
    // A replay of an older save (another tab, a reconnect) does not overwrite the newer text.
    const stale = await world.http.put(`/api/v1/sessions/${sessionId}/notes`).set(mediator.auth).send({ body: '旧的', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'NOTE_CONFLICT', current: { body: '消费者情绪激动，愿意分期', version: 2 } });
    expect((await world.http.put(`/api/v1/sessions/${sessionId}/notes`).set(mediator.auth).send({ body: 'x', baseVersion: 0 })).status).toBe(409);
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(mediator.auth)).body.note).toMatchObject({ body: '消费者情绪激动，愿意分期', version: 2 });
    // The center admin runs the console too, but the mediator's notes are the mediator's.
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(admin.auth)).body.note).toMatchObject({ body: '', version: 0 });
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(handler.auth)).body.note).toBeNull();
    expect((await world.http.put(`/api/v1/sessions/${sessionId}/notes`).set(otherMediator.auth).send({ body: 'x', baseVersion: 0 })).status).toBe(404);
    expect((await world.http.put(`/api/v1/sessions/${sessionId}/notes`).set(mediator.auth).send({ body: 'x' })).status).toBe(400);
  });

  it('the center\'s method is ticked with times; the admin edits it and old ticks keep their titles', async () => {
    const method = (await world.http.get('/api/v1/mediation-method').set(mediator.auth)).body.steps;
    expect(method.map((s: { title: string }) => s.title)).toContain('背靠背沟通');
    expect((await world.http.put('/api/v1/mediation-method').set(mediator.auth).send({ steps: [] })).status).toBe(403);
    expect((await world.http.get('/api/v1/mediation-method').set(handler.auth)).status).toBe(403);
    const { sessionId } = await sessionSoon('video', 'qd.mediator2');
    const mediator2 = await world.signIn('qd.mediator2');
    expect((await world.http.put(`/api/v1/sessions/${sessionId}/steps/${method[0].id}`).set(mediator2.auth).send({ ticked: true })).body.code).toBe('SESSION_STATE_CONFLICT');
    await post(mediator2, `${sessionId}/begin`).expect(200);
    const ticked = await world.http.put(`/api/v1/sessions/${sessionId}/steps/${method[0].id}`).set(mediator2.auth).send({ ticked: true });
    expect(ticked.body.steps[0]).toMatchObject({ id: method[0].id, tickedAt: expect.any(String) });
    expect(ticked.body.steps[1].tickedAt).toBeNull();
    // Another center's step is not this center's.
    const shSteps = (await world.http.get('/api/v1/mediation-method').set(otherMediator.auth)).body.steps;
    expect(shSteps[0].id).not.toBe(method[0].id);
    expect((await world.http.put(`/api/v1/sessions/${sessionId}/steps/${shSteps[0].id}`).set(mediator2.auth).send({ ticked: true })).status).toBe(404);
    const unticked = await world.http.put(`/api/v1/sessions/${sessionId}/steps/${method[0].id}`).set(mediator2.auth).send({ ticked: false });
    expect(unticked.body.steps[0].tickedAt).toBeNull();

    const saved = await world.http
      .put('/api/v1/mediation-method')
      .set(admin.auth)
      .send({ steps: [{ title: '听取消费者陈述' }, { title: '新增：风险提示', hint: '提示诉讼风险' }] });
    expect(saved.body.steps.map((s: { position: number; title: string }) => `${s.position}.${s.title}`)).toEqual(['1.听取消费者陈述', '2.新增：风险提示']);
    // The kept step keeps its id, so a session's tick on it survives the edit.
    expect(saved.body.steps[0].id).toBe(method[1].id);
    expect((await world.http.put('/api/v1/mediation-method').set(admin.auth).send({ steps: [{ title: '' }] })).status).toBe(400);
    const twice = await world.http.put('/api/v1/mediation-method').set(admin.auth).send({ steps: [{ title: '听取陈述' }, { title: '听取陈述' }] });
    expect(twice.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'steps.1.title' })] });
    expect((await world.http.get('/api/v1/mediation-method').set(otherMediator.auth)).body.steps).toHaveLength(shSteps.length);
  });

  it('phone: the bridge rings the consumer (development provider) and logs the call; calls made by hand are logged too', async () => {
    const { sessionId } = await sessionSoon('phone');
    await post(mediator, `${sessionId}/begin`).expect(200);
    const called = await post(mediator, `${sessionId}/calls`, { party: 'consumer' });
    expect(called.status).toBe(200);
    expect(called.body.calls).toEqual([expect.objectContaining({ party: 'consumer', source: 'bridge', status: 'connected', provider: 'dev', phoneMasked: '138****5678' })]);
    expect((await post(mediator, `${sessionId}/calls`, { party: 'bank' })).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'phone' })] });
    expect((await post(mediator, `${sessionId}/calls`, { party: 'bank', phone: '12345' })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 1100));
    const callId = called.body.calls[0].id;
    const ended = await post(mediator, `${sessionId}/calls/${callId}/end`);
    expect(ended.body.calls[0]).toMatchObject({ status: 'completed', endedAt: expect.any(String) });
    expect(ended.body.calls[0].durationSeconds).toBeGreaterThanOrEqual(1);
    expect((await post(mediator, `${sessionId}/calls/${callId}/end`)).body.code).toBe('CALL_ENDED');

    const startedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const endedAt = new Date(Date.now() - 4 * 60_000).toISOString();
    const logged = await post(mediator, `${sessionId}/calls/log`, { party: 'bank', phone: '0532-88886666', startedAt, endedAt, note: '与网点负责人确认方案' });
    expect(logged.body.calls.find((c: { source: string }) => c.source === 'manual')).toMatchObject({ party: 'bank', source: 'manual', status: 'completed', durationSeconds: 360, phoneMasked: expect.stringContaining('*') });
    const backwards = await post(mediator, `${sessionId}/calls/log`, { party: 'bank', phone: '13900001111', startedAt: endedAt, endedAt: startedAt });
    expect(backwards.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'endedAt' })] });
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(mediator.auth)).body.calls).toHaveLength(2);
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(handler.auth)).body.calls).toEqual([]);
    expect((await post(otherMediator, `${sessionId}/calls/${callId}/end`)).status).toBe(404);
    // The recording, once the call ended, with every party's consent stated; audio only; the center only.
    const wav = (() => {
      const samples = Buffer.alloc(8000);
      const h = Buffer.alloc(44);
      h.write('RIFF', 0);
      h.writeUInt32LE(36 + samples.length, 4);
      h.write('WAVEfmt ', 8);
      h.writeUInt32LE(16, 16);
      h.writeUInt16LE(1, 20);
      h.writeUInt16LE(1, 22);
      h.writeUInt32LE(8000, 24);
      h.writeUInt32LE(8000, 28);
      h.writeUInt16LE(1, 32);
      h.writeUInt16LE(8, 34);
      h.write('data', 36);
      h.writeUInt32LE(samples.length, 40);
      return Buffer.concat([h, samples]);
    })();
    const upload = (who: SignedIn, file: Buffer, name: string, consent = 'true') =>
      world.http.post(`/api/v1/sessions/${sessionId}/calls/${callId}/recording`).set(who.auth).field('consentConfirmed', consent).attach('file', file, name);
    expect((await upload(mediator, wav, 'call.wav', 'false')).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'consentConfirmed' })] });
    const pdf = await upload(mediator, Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'), 'call.wav');
    expect(pdf.status).toBe(415);
    expect(pdf.body.code).toBe('RECORDING_NOT_AUDIO');
    expect((await upload(otherMediator, wav, 'call.wav')).status).toBe(404);
    const recorded = await upload(mediator, wav, 'call.wav');
    expect(recorded.status).toBe(200);
    expect(recorded.body.calls.find((c: { id: string }) => c.id === callId).hasRecording).toBe(true);
    expect((await upload(mediator, wav, 'call.wav')).body.code).toBe('RECORDING_EXISTS');
    const back = await world.http.get(`/api/v1/sessions/${sessionId}/calls/${callId}/recording`).set(mediator.auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(back.headers['content-type']).toContain('audio/');
    expect(Buffer.compare(back.body as Buffer, wav)).toBe(0);
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/calls/${callId}/recording`).set(handler.auth)).status).toBe(403);
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/calls/${callId}/recording`).set(otherMediator.auth)).status).toBe(404);
    // The bridge is for phone sessions.
    const video = await sessionSoon('video', 'qd.mediator2');
    const mediator2 = await world.signIn('qd.mediator2');
    await post(mediator2, `${video.sessionId}/begin`).expect(200);
    expect((await post(mediator2, `${video.sessionId}/calls`, { party: 'consumer' })).status).toBe(409);
  });

  it('adjourn with the next date books it in the same step; a clashing next date changes nothing', async () => {
    const { caseId, sessionId } = await sessionSoon('video');
    await post(mediator, `${sessionId}/begin`).expect(200);
    // While the session runs, the mediator looks for the next date among the free slots.
    const free = await world.http.get(`/api/v1/cases/${caseId}/slots?days=7&minutes=30`).set(mediator.auth);
    expect(free.status).toBe(200);
    expect(Array.isArray(free.body.items)).toBe(true);
    // The next date clashes with another session of the mediator: nothing is adjourned.
    const other = await sessionSoon('phone', 'qd.mediator', later(240));
    const clash = await post(mediator, `${sessionId}/adjourn`, { reason: '需补充材料', next: { startsAt: other.startsAt, minutes: 30, outsideHoursReason: '测试' } });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('SLOT_TAKEN');
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(mediator.auth)).body.session.status).toBe('in_progress');
    expect(await caseStatus(caseId)).toBe('in_session');

    const nextAt = later(300);
    const adjourned = await post(mediator, `${sessionId}/adjourn`, { reason: '需补充材料', next: { startsAt: nextAt, minutes: 45, outsideHoursReason: '测试' } });
    expect(adjourned.status).toBe(200);
    expect(adjourned.body.session).toMatchObject({ status: 'adjourned', statusReason: '需补充材料', nextSessionId: expect.any(String) });
    const sessions = (await world.http.get(`/api/v1/cases/${caseId}/sessions`).set(handler.auth)).body.items;
    expect(sessions.map((s: { status: string; startsAt: string }) => [s.status, s.startsAt])).toEqual([
      ['adjourned', expect.any(String)],
      ['booked', nextAt],
    ]);
    expect(sessions[1].id).toBe(adjourned.body.session.nextSessionId);
    // The case went adjourned and, with the next date booked, back to scheduled.
    expect(await caseStatus(caseId)).toBe('scheduled');
    const moves = (await world.http.get(`/api/v1/cases/${caseId}/timeline`).set(handler.auth)).body.items.filter((e: { kind: string }) => e.kind === 'transition');
    expect(moves.slice(-3).map((e: { toStatus: string }) => e.toStatus)).toEqual(['in_session', 'adjourned', 'scheduled']);
    expect((await post(mediator, `${sessionId}/adjourn`, { reason: 'x' })).body.code).toBe('SESSION_STATE_CONFLICT');
  });

  it('adjourn without a date leaves the case adjourned until the next booking', async () => {
    const { caseId, sessionId } = await sessionSoon('phone', 'qd.mediator2');
    const mediator2 = await world.signIn('qd.mediator2');
    await post(mediator2, `${sessionId}/begin`).expect(200);
    await post(mediator2, `${sessionId}/adjourn`, { reason: '消费者需与家人商量' }).expect(200);
    expect(await caseStatus(caseId)).toBe('adjourned');
    await eventually(async () => (await world.http.get(`/api/v1/cases/${caseId}`).set(intake.auth)).body.status === 'adjourned');
  });

  it('a session whose waiting room opened early still sends its 30-minute reminder', async () => {
    // Another center's story, so the mediator's calendar here is free: 招商银行 refers to the 上海 center.
    const shIntake = await world.signIn('sh.intake');
    const filed = await world.http.post('/api/v1/cases').set(otherBank.auth).send({
      centerId: world.org('sh-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 120000,
      facts: '年费争议',
      claims: '退还年费',
      consumer: { name: '周八', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13912345678' },
      consentGiven: true,
    });
    expect(filed.status).toBe(201);
    await world.http.post(`/api/v1/cases/${filed.body.id}/accept`).set(shIntake.auth).send({}).expect(200);
    await world.http.post(`/api/v1/cases/${filed.body.id}/assign`).set(shIntake.auth).send({ mediatorId: world.ids.users['sh.mediator'], overrideReason: '测试指定' }).expect(200);
    // 30 minutes and 6 seconds from now: the 30-minute reminder falls due in 6 seconds.
    const startsAt = new Date(Math.ceil((Date.now() + 30 * 60_000 + 6000) / 1000) * 1000).toISOString();
    const booked = await world.http.post(`/api/v1/cases/${filed.body.id}/sessions`).set(shIntake.auth).send({ channel: 'phone', startsAt, minutes: 30, outsideHoursReason: '测试' });
    expect(booked.status).toBe(201);
    await post(otherMediator, `${booked.body.id}/open`).expect(200);
    const reminder = await eventually(async () => {
      const items = (await world.http.get('/api/v1/notifications?pageSize=50').set(otherMediator.auth)).body.items as { kind: string; createdAt: string }[];
      return items.find((n) => n.kind === 'session.reminder-30m');
    }, 20_000);
    expect(Date.parse(reminder.createdAt)).toBeGreaterThanOrEqual(Date.parse(startsAt) - 30 * 60_000);
  });
});

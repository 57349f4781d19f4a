import { Queue } from 'bullmq';
import { assignedCase as assignedCaseFor, FULL_WEEK_HOURS } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * Booking sessions (DOMAIN.md "Scheduling"): slots in the mediator's hours on the center's
 * working days, overlaps refused by the database even when two people book at once, the case
 * following its sessions, and reminders as delayed jobs that move and vanish with the session
 * and survive a worker restart.
 */
describe('scheduling sessions', () => {
  let world: TestWorld;
  let admin: SignedIn;
  let intake: SignedIn;
  let handler: SignedIn;
  let queue: Queue;
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 1;
  const day = (d: string) => `${year}-${d}`;
  const at = (d: string, time: string) => new Date(Date.parse(`${day(d)}T${time}:00+08:00`)).toISOString();
  // The first Monday of March next year, and the days around it.
  const monday = (() => {
    let d = new Date(Date.UTC(year, 2, 1));
    while (d.getUTCDay() !== 1) d = new Date(d.getTime() + 86400_000);
    return d.toISOString().slice(5, 10);
  })();
  const plus = (mmdd: string, n: number) => new Date(Date.parse(`${year}-${mmdd}T00:00:00Z`) + n * 86400_000).toISOString().slice(5, 10);

  beforeAll(async () => {
    world = await TestWorld.start();
    await world.startWorker();
    [admin, intake, handler] = await Promise.all([world.signIn('qd.admin'), world.signIn('qd.intake'), world.signIn('icbc.qd.handler')]);
    queue = new Queue('events', { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${world.env.REDIS_PREFIX}:bull` });
    // Next year's calendar: the Tuesday after that Monday is a holiday, its Saturday a make-up working day.
    await world.http
      .put(`/api/v1/calendar/${year}`)
      .set(admin.auth)
      .send({ days: [{ day: day(plus(monday, 1)), isWorking: false, name: '测试假日' }, { day: day(plus(monday, 5)), isWorking: true, name: '调休上班' }] })
      .expect(200);
    for (const m of ['qd.mediator', 'qd.mediator2']) {
      await world.http.put(`/api/v1/mediators/${world.ids.users[m]}/working-hours`).set(admin.auth).send({ hours: FULL_WEEK_HOURS }).expect(200);
    }
  });
  afterAll(async () => {
    await queue.close();
    await world.stop();
  });

  /** A case filed by the bank, accepted and assigned to the given mediator. */
  const assignedCase = (mediator: 'qd.mediator' | 'qd.mediator2') => assignedCaseFor(world, { handler, intake }, mediator);

  it('offers slots in the mediator\'s hours on working days: not the holiday, not Sunday, yes the make-up Saturday', async () => {
    const id = await assignedCase('qd.mediator');
    const res = await world.http.get(`/api/v1/cases/${id}/slots?from=${day(monday)}&days=7&minutes=60`).set(intake.auth);
    expect(res.status).toBe(200);
    const days = new Set(res.body.items.map((s: { startsAt: string }) => new Date(Date.parse(s.startsAt) + 8 * 3600_000).toISOString().slice(5, 10)));
    expect(days.has(monday)).toBe(true);
    expect(days.has(plus(monday, 1))).toBe(false); // the holiday
    expect(days.has(plus(monday, 5))).toBe(true); // the make-up Saturday
    expect(days.has(plus(monday, 6))).toBe(false); // Sunday
    expect(res.body.items[0].startsAt).toBe(at(monday, '09:00'));
  });

  it('two people booking the same mediator at once: exactly one wins, the rest get 409 SLOT_TAKEN', async () => {
    const id = await assignedCase('qd.mediator');
    const body = { channel: 'phone', startsAt: at(plus(monday, 2), '10:00'), minutes: 60 };
    const tries = await Promise.all(Array.from({ length: 6 }, () => world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send(body)));
    expect(tries.filter((r) => r.status === 201)).toHaveLength(1);
    expect(tries.filter((r) => r.status === 409).every((r) => r.body.code === 'SLOT_TAKEN')).toBe(true);
    expect(tries.filter((r) => r.status === 409)).toHaveLength(5);
    // An overlap by half an hour is refused too; back-to-back is fine.
    const overlap = await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ ...body, startsAt: at(plus(monday, 2), '10:30') });
    expect(overlap.status).toBe(409);
    const next = await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ ...body, startsAt: at(plus(monday, 2), '11:00') });
    expect(next.status).toBe(201);
    // The booked times are no longer offered.
    const slots = (await world.http.get(`/api/v1/cases/${id}/slots?from=${day(plus(monday, 2))}&days=1&minutes=60`).set(intake.auth)).body.items.map((s: { startsAt: string }) => s.startsAt);
    expect(slots).not.toContain(at(plus(monday, 2), '10:00'));
    expect(slots).not.toContain(at(plus(monday, 2), '10:30'));
  });

  it('one room never holds two sessions at once, whoever the mediators', async () => {
    const room = (await world.http.post('/api/v1/rooms').set(admin.auth).send({ name: '香港中路网点联络站', address: '青岛市市南区香港中路 1 号' })).body;
    const [a, b] = [await assignedCase('qd.mediator'), await assignedCase('qd.mediator2')];
    const body = { channel: 'on_site', roomId: room.id, startsAt: at(plus(monday, 3), '14:00'), minutes: 90 };
    expect((await world.http.post(`/api/v1/cases/${a}/sessions`).set(intake.auth).send(body)).status).toBe(201);
    const clash = await world.http.post(`/api/v1/cases/${b}/sessions`).set(intake.auth).send({ ...body, startsAt: at(plus(monday, 3), '15:00') });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'SLOT_TAKEN', conflictWith: 'room' });
    const noRoom = await world.http.post(`/api/v1/cases/${b}/sessions`).set(intake.auth).send({ channel: 'on_site', startsAt: at(plus(monday, 3), '09:00'), minutes: 60 });
    expect(noRoom.status).toBe(400);
  });

  it('a room sits at an outlet of a member bank and can be retired: no new bookings, booked sessions stay', async () => {
    const rooms = async (who: SignedIn = admin) => (await world.http.get('/api/v1/rooms').set(who.auth).expect(200)).body.items as { id: string; name: string; isActive: boolean; outlet: unknown }[];
    // The demo's station is at ICBC's 香港中路网点.
    expect((await rooms()).find((r) => r.name === '香港中路网点调解工作联络站')?.outlet).toEqual({
      id: world.ids.branches['icbc-qd-xgzl'],
      name: '香港中路网点',
      institutionId: world.org('icbc'),
      institutionName: '中国工商银行',
    });
    const created = await world.http
      .post('/api/v1/rooms')
      .set(admin.auth)
      .send({ name: '中山路网点联络站', address: '青岛市市南区中山路 68 号', outletId: world.ids.branches['icbc-qd-zsl'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '中山路网点联络站', isActive: true, outlet: { id: world.ids.branches['icbc-qd-zsl'], name: '中山路网点', institutionName: '中国工商银行' } });
    const room = created.body.id as string;

    // 招商银行 is a member of the 上海 center only; a made-up id is nobody's branch.
    for (const outletId of [world.ids.branches['cmb-sh-chj'], '7d1f0c8e-2b7a-4c4e-9a3e-5d2f6b8a9c10']) {
      const refused = await world.http.post('/api/v1/rooms').set(admin.auth).send({ name: '别家网点联络站', address: '上海市徐汇区', outletId });
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'OUTLET_NOT_MEMBER', errors: [{ field: 'outletId' }] });
      const moved = await world.http.patch(`/api/v1/rooms/${room}`).set(admin.auth).send({ outletId });
      expect(moved.status).toBe(422);
      expect(moved.body.errors).toEqual([expect.objectContaining({ field: 'outletId' })]);
    }
    expect((await rooms()).map((r) => r.name)).not.toContain('别家网点联络站');
    // Another center neither sees nor changes it; in the center only the admin changes rooms.
    const shAdmin = await world.signIn('sh.admin');
    expect((await rooms(shAdmin)).map((r) => r.id)).not.toContain(room);
    const foreign = await world.http.patch(`/api/v1/rooms/${room}`).set(shAdmin.auth).send({ isActive: false });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('ROOM_NOT_FOUND');
    expect((await world.http.patch(`/api/v1/rooms/${room}`).set(intake.auth).send({ isActive: false })).status).toBe(403);
    // Names stay unique in the center; a field sent as null is refused, not blanked.
    const clash = await world.http.patch(`/api/v1/rooms/${room}`).set(admin.auth).send({ name: '香港中路网点调解工作联络站' });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'ROOM_NAME_TAKEN', errors: [{ field: 'name' }] });
    expect((await world.http.patch(`/api/v1/rooms/${room}`).set(admin.auth).send({ name: null })).status).toBe(400);

    const [a, b] = [await assignedCase('qd.mediator'), await assignedCase('qd.mediator2')];
    const saturday = plus(monday, 5); // the make-up working day
    const booked = await world.http.post(`/api/v1/cases/${a}/sessions`).set(intake.auth).send({ channel: 'on_site', roomId: room, startsAt: at(saturday, '10:00'), minutes: 60 });
    expect(booked.status).toBe(201);

    const renamed = await world.http.patch(`/api/v1/rooms/${room}`).set(admin.auth).send({ name: '中山路调解工作联络站', address: '青岛市市南区中山路 70 号' });
    expect(renamed.body).toMatchObject({ name: '中山路调解工作联络站', address: '青岛市市南区中山路 70 号', isActive: true, outlet: { id: world.ids.branches['icbc-qd-zsl'] } });
    const retired = await world.http.patch(`/api/v1/rooms/${room}`).set(admin.auth).send({ isActive: false });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ isActive: false, name: '中山路调解工作联络站' });

    const refused = await world.http.post(`/api/v1/cases/${b}/sessions`).set(intake.auth).send({ channel: 'on_site', roomId: room, startsAt: at(saturday, '14:00'), minutes: 60 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ROOM_INACTIVE', errors: [{ field: 'roomId' }] });
    // The session booked before stays, in its room, and still moves.
    const kept = (await world.http.get(`/api/v1/cases/${a}/sessions`).set(intake.auth)).body.items;
    expect(kept).toEqual([expect.objectContaining({ id: booked.body.id, status: 'booked', roomId: room, roomName: '中山路调解工作联络站' })]);
    await world.http.post(`/api/v1/sessions/${booked.body.id}/reschedule`).set(intake.auth).send({ startsAt: at(saturday, '11:00'), minutes: 60, reason: '消费者晚到' }).expect(200);
    // Listed after the rooms still in use; off its outlet when the outlet is cleared.
    const listed = await rooms();
    expect(listed[listed.length - 1]).toMatchObject({ id: room, isActive: false });
    expect((await world.http.patch(`/api/v1/rooms/${room}`).set(admin.auth).send({ outletId: null })).body.outlet).toBeNull();
  });

  it('refuses times outside the hours or on a holiday unless the booker says why', async () => {
    const id = await assignedCase('qd.mediator2');
    const evening = await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt: at(monday, '19:00'), minutes: 60 });
    expect(evening.status).toBe(422);
    expect(evening.body.code).toBe('OUTSIDE_WORKING_HOURS');
    const holiday = await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt: at(plus(monday, 1), '10:00'), minutes: 60 });
    expect(holiday.body.code).toBe('OUTSIDE_WORKING_HOURS');
    const reasoned = await world.http
      .post(`/api/v1/cases/${id}/sessions`)
      .set(intake.auth)
      .send({ channel: 'video', startsAt: at(monday, '19:00'), minutes: 60, outsideHoursReason: '消费者白天上班' });
    expect(reasoned.status).toBe(201);
  });

  it('the case follows its sessions; reminders are delayed jobs that move with a reschedule and vanish with a cancel', async () => {
    const id = await assignedCase('qd.mediator');
    const booked = await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt: at(plus(monday, 4), '09:00'), minutes: 60 });
    expect(booked.status).toBe(201);
    const sid = booked.body.id;
    expect((await world.http.get(`/api/v1/cases/${id}`).set(handler.auth)).body.status).toBe('scheduled');
    const ids = async () => (await queue.getDelayed()).map((j) => j.id!).filter((j) => j.includes(sid)).sort();
    const epoch = (iso: string) => Date.parse(iso);
    await eventually(async () => (await ids()).length === 2);
    expect(await ids()).toEqual([`reminder-${sid}-24h-${epoch(at(plus(monday, 4), '09:00'))}`, `reminder-${sid}-30m-${epoch(at(plus(monday, 4), '09:00'))}`]);

    await world.http.post(`/api/v1/sessions/${sid}/reschedule`).set(intake.auth).send({ startsAt: at(plus(monday, 4), '14:00'), minutes: 60, reason: '消费者改期' }).expect(200);
    await eventually(async () => (await ids()).every((j) => j.endsWith(String(epoch(at(plus(monday, 4), '14:00'))))) && (await ids()).length === 2);

    // The bank sees the session on its calendar and in the case's list.
    const sessions = (await world.http.get(`/api/v1/cases/${id}/sessions`).set(handler.auth)).body.items;
    expect(sessions[0]).toMatchObject({ id: sid, status: 'booked', startsAt: at(plus(monday, 4), '14:00') });
    const calendar = (await world.http.get(`/api/v1/sessions?from=${at(monday, '00:00')}&to=${at(plus(monday, 7), '00:00')}`).set(handler.auth)).body.items;
    expect(calendar.map((s: { id: string }) => s.id)).toContain(sid);
    const other = await world.signIn('cmb.sh.handler');
    expect((await world.http.get(`/api/v1/sessions?from=${at(monday, '00:00')}&to=${at(plus(monday, 7), '00:00')}`).set(other.auth)).body.items).toEqual([]);
    expect((await world.http.get(`/api/v1/cases/${id}/sessions`).set(other.auth)).status).toBe(404);
    expect((await world.http.post(`/api/v1/sessions/${sid}/cancel`).set((await world.signIn('sh.intake')).auth).send({ reason: 'x' })).status).toBe(404);

    // The bank confirms the new time; the invitation carries it in UTC and the case number.
    const confirmed = await world.http.post(`/api/v1/sessions/${sid}/confirm`).set(handler.auth).send({ answer: 'confirmed' });
    expect(confirmed.body.confirmations).toEqual([expect.objectContaining({ party: 'bank', answer: 'confirmed', actorName: '吴婷' })]);
    expect((await world.http.post(`/api/v1/sessions/${sid}/confirm`).set(intake.auth).send({ answer: 'confirmed' })).status).toBe(403);
    expect((await world.http.post(`/api/v1/sessions/${sid}/confirm`).set(other.auth).send({ answer: 'confirmed' })).status).toBe(404);
    const ics = await world.http.get(`/api/v1/sessions/${sid}/invitation.ics`).set(handler.auth);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const start = new Date(at(plus(monday, 4), '14:00')).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics.text).toContain(`DTSTART:${start}`);
    expect(ics.text).toContain('视频调解');
    expect((await world.http.get(`/api/v1/sessions/${sid}/invitation.ics`).set(other.auth)).status).toBe(404);
    // A reschedule asks the bank again.
    await world.http.post(`/api/v1/sessions/${sid}/reschedule`).set(intake.auth).send({ startsAt: at(plus(monday, 4), '15:00'), minutes: 60, reason: '调解员改期' }).expect(200);
    expect((await world.http.get(`/api/v1/cases/${id}/sessions`).set(handler.auth)).body.items[0].confirmations).toEqual([]);

    await world.http.post(`/api/v1/sessions/${sid}/cancel`).set(intake.auth).send({ reason: '双方和解' }).expect(200);
    await eventually(async () => (await ids()).length === 0);
    expect((await world.http.get(`/api/v1/cases/${id}`).set(handler.auth)).body.status).toBe('assigned');
    const again = await world.http.post(`/api/v1/sessions/${sid}/cancel`).set(intake.auth).send({ reason: 'x' });
    expect(again.body).toMatchObject({ code: 'SESSION_NOT_LIVE', currentStatus: 'cancelled' });
    const timeline = (await world.http.get(`/api/v1/cases/${id}/timeline`).set(handler.auth)).body.items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'session').map((e: { detail: { change: string } }) => e.detail.change)).toEqual(['booked', 'rescheduled', 'rescheduled', 'cancelled']);
  });

  it('the consumer confirms from the SMS link with a one-time code; wrong, reused and expired codes are refused', async () => {
    const id = await assignedCase('qd.mediator2');
    const booked = (await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt: at(plus(monday, 2), '14:00'), minutes: 60 })).body;
    const sent = await world.http.post(`/api/v1/sessions/${booked.id}/consumer-link`).set(intake.auth);
    expect(sent.status).toBe(201);
    // Other tenants can neither send links nor read the message log's content.
    expect((await world.http.post(`/api/v1/sessions/${booked.id}/consumer-link`).set((await world.signIn('sh.intake')).auth)).status).toBe(404);
    expect((await world.http.post(`/api/v1/sessions/${booked.id}/consumer-link`).set(handler.auth)).status).toBe(403);
    const messages = async () => (await world.http.get('/api/v1/messages?pageSize=50').set(intake.auth)).body.items as { body: string; status: string; recipientMasked: string; caseId: string }[];
    // The worker delivers through the development transport; the center's log shows it, masked.
    const linkMessage = await eventually(async () => (await messages()).find((m) => m.caseId === id && m.body.includes('/c/') && m.status === 'sent'));
    expect(linkMessage.recipientMasked).toBe('138****5678');
    expect((linkMessage as unknown as { caseNumber: string }).caseNumber).toMatch(/^QD-/);
    expect((await world.http.get('/api/v1/messages').set((await world.signIn('sh.intake')).auth)).body.items.some((m: { caseId: string }) => m.caseId === id)).toBe(false);
    const token = /\/c\/([A-Za-z0-9_-]+)/.exec(linkMessage.body)![1];

    expect((await world.http.post('/api/v1/public/consumer-links/not-a-real-token-at-all-123/code')).status).toBe(404);
    const asked = await world.http.post(`/api/v1/public/consumer-links/${token}/code`);
    expect(asked.body).toMatchObject({ sentTo: '138****5678', centerName: '青岛市银行保险业纠纷调解中心' });
    expect((await world.http.post(`/api/v1/public/consumer-links/${token}/code`)).body.code).toBe('CODE_TOO_SOON');
    const codeMessage = await eventually(async () => (await messages()).find((m) => m.caseId === id && /验证码 \d{6}/.test(m.body) && m.status === 'sent'));
    const code = /验证码 (\d{6})/.exec(codeMessage.body)![1];
    const wrong = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code: code === '000000' ? '111111' : '000000' });
    expect(wrong.body).toMatchObject({ code: 'CODE_INVALID', attemptsLeft: 4 });
    const ok = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code });
    expect(ok.status).toBe(200);
    const reused = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code });
    expect(reused.body.code).toBe('CODE_INVALID');

    const consumer = { 'X-Consumer-Token': ok.body.accessToken };
    const view = await world.http.get('/api/v1/public/consumer/session').set(consumer);
    expect(view.body).toMatchObject({ channel: 'video', status: 'booked', startsAt: at(plus(monday, 2), '14:00'), yourAnswer: null });
    expect(JSON.stringify(view.body)).not.toContain('11010519491231002X');
    expect((await world.http.get('/api/v1/public/consumer/session').set({ 'X-Consumer-Token': 'forged-token-xxxxxxxxxxxx' })).status).toBe(401);
    const answered = await world.http.post('/api/v1/public/consumer/session/answer').set(consumer).send({ answer: 'confirmed' });
    expect(answered.body.yourAnswer).toBe('confirmed');
    // The mediator's side sees the consumer's confirmation on the session.
    const sessions = (await world.http.get(`/api/v1/cases/${id}/sessions`).set(intake.auth)).body.items;
    expect(sessions[0].confirmations).toEqual([expect.objectContaining({ party: 'consumer', answer: 'confirmed' })]);

    // A new link replaces the old one; an expired link answers 410.
    await world.http.post(`/api/v1/sessions/${booked.id}/consumer-link`).set(intake.auth).expect(201);
    expect((await world.http.post(`/api/v1/public/consumer-links/${token}/code`)).status).toBe(404);
    const owner = new (await import('pg')).Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    await owner.query(`UPDATE consumer_links SET expires_at = now() - interval '1 minute' WHERE session_id = $1 AND revoked_at IS NULL`, [booked.id]);
    const fresh = await eventually(async () => (await messages()).filter((m) => m.caseId === id && m.body.includes('/c/')).map((m) => /\/c\/([A-Za-z0-9_-]+)/.exec(m.body)![1]).find((t) => t !== token));
    expect((await world.http.post(`/api/v1/public/consumer-links/${fresh}/code`)).status).toBe(410);
    await owner.end();
  });

  it('never books over the mediator\'s leave, not even with a reason', async () => {
    const id = await assignedCase('qd.mediator2');
    const thursday = plus(monday, 3);
    const leave = await world.http
      .post(`/api/v1/mediators/${world.ids.users['qd.mediator2']}/absences`)
      .set(admin.auth)
      .send({ startsAt: at(thursday, '09:00'), endsAt: at(thursday, '12:00'), reason: '业务培训' });
    expect(leave.status).toBe(201);
    for (const extra of [{}, { outsideHoursReason: '消费者只有上午有空' }]) {
      const refused = await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt: at(thursday, '11:30'), minutes: 60, ...extra });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'MEDIATOR_ABSENT', absence: { reason: '业务培训', startsAt: at(thursday, '09:00') } });
    }
    // The afternoon is free; moving it into the leave is refused the same way, and nothing moved.
    const booked = await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt: at(thursday, '14:00'), minutes: 60 });
    expect(booked.status).toBe(201);
    const moved = await world.http.post(`/api/v1/sessions/${booked.body.id}/reschedule`).set(intake.auth).send({ startsAt: at(thursday, '10:00'), minutes: 60, reason: '提前' });
    expect(moved.body.code).toBe('MEDIATOR_ABSENT');
    expect((await world.http.get(`/api/v1/cases/${id}/sessions`).set(intake.auth)).body.items[0].startsAt).toBe(at(thursday, '14:00'));
  });

  it('a rescheduled session keeps the consumer\'s link working until the new day and asks them to confirm again; an expired code is refused', async () => {
    const id = await assignedCase('qd.mediator2');
    // Two hours from now: the link is good until a day after the session.
    const soon = new Date(Math.ceil((Date.now() + 2 * 3600_000) / 60_000) * 60_000);
    const booked = (await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ channel: 'video', startsAt: soon.toISOString(), minutes: 60, outsideHoursReason: '测试' }))
      .body;
    await world.http.post(`/api/v1/sessions/${booked.id}/consumer-link`).set(intake.auth).expect(201);
    const owner = new (await import('pg')).Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    const expiry = async () =>
      Date.parse(((await owner.query(`SELECT expires_at FROM consumer_links WHERE session_id = $1 AND revoked_at IS NULL`, [booked.id])).rows[0].expires_at as Date).toISOString());
    expect(await expiry()).toBe(soon.getTime() + 60 * 60_000 + 86400_000);

    // Moved three days on: the same link now lasts until a day after the new end.
    const later = new Date(soon.getTime() + 3 * 86400_000);
    await world.http.post(`/api/v1/sessions/${booked.id}/reschedule`).set(intake.auth).send({ startsAt: later.toISOString(), minutes: 60, reason: '消费者出差', outsideHoursReason: '测试' }).expect(200);
    expect(await expiry()).toBe(later.getTime() + 60 * 60_000 + 86400_000);
    const messages = async () => (await world.http.get('/api/v1/messages?pageSize=50').set(intake.auth)).body.items as { body: string; caseId: string }[];
    const moved = await eventually(async () => (await messages()).find((m) => m.caseId === id && m.body.includes('已改期至')));
    expect(moved.body).toContain('原因：消费者出差。请打开此前短信中的链接确认新时间或申请改期。');

    // The link still opens; a code past its ten minutes is refused, and a new one can be asked for.
    const link = (await messages()).find((m) => m.caseId === id && m.body.includes('/c/'))!;
    const token = /\/c\/([A-Za-z0-9_-]+)/.exec(link.body)![1];
    expect((await world.http.post(`/api/v1/public/consumer-links/${token}/code`)).status).toBe(200);
    const code = /验证码 (\d{6})/.exec((await eventually(async () => (await messages()).find((m) => m.caseId === id && /验证码 \d{6}/.test(m.body))))!.body)![1];
    await owner.query(`UPDATE consumer_links SET code_expires_at = now() - interval '1 second' WHERE session_id = $1 AND revoked_at IS NULL`, [booked.id]);
    const late = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('CODE_EXPIRED');
    await owner.end();
  });

  it('first bookings at once: every one is booked, and the case is scheduled once', async () => {
    const id = await assignedCase('qd.mediator2');
    const base = Math.ceil((Date.now() + 40 * 86400_000) / 3600_000) * 3600_000;
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        world.http
          .post(`/api/v1/cases/${id}/sessions`)
          .set(intake.auth)
          .send({ channel: 'phone', startsAt: new Date(base + i * 3600_000).toISOString(), minutes: 30, outsideHoursReason: '并发' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const detail = await world.http.get(`/api/v1/cases/${id}`).set(intake.auth).expect(200);
    expect(detail.body.status).toBe('scheduled');
    const timeline = (await world.http.get(`/api/v1/cases/${id}/timeline`).set(intake.auth).expect(200)).body.items as { toStatus?: string | null }[];
    expect(timeline.filter((e) => e.toStatus === 'scheduled')).toHaveLength(1);
    expect((await world.http.get(`/api/v1/cases/${id}/sessions`).set(intake.auth)).body.items).toHaveLength(5);
  });

  it('a reminder fires on time, once, even when the worker restarts in between, to everyone invited', async () => {
    // A second complaint handler of the bank, pinned above the case's outlet (市南支行): invited, though not the filer.
    const bankAdmin = await world.signIn('icbc.admin');
    await world.http
      .post('/api/v1/users')
      .set(bankAdmin.auth)
      .send({ username: 'icbc.sn.handler', displayName: '林涛', password: 'Handler-pass-2026', roles: ['complaint_handler'], branchId: world.ids.branches['icbc-qd-sn'], email: 'lin.tao@icbc.example.cn' })
      .expect(201);
    const above = await world.signIn('icbc.sn.handler', 'Handler-pass-2026');
    const id = await assignedCase('qd.mediator2');
    const mediator = await world.signIn('qd.mediator2');
    // 30 minutes and 6 seconds from now: the 30-minute reminder is due in 6 seconds.
    const startsAt = new Date(Math.ceil((Date.now() + 30 * 60_000 + 6000) / 1000) * 1000).toISOString();
    const booked = await world.http.post(`/api/v1/cases/${id}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt, minutes: 30, outsideHoursReason: '测试' });
    expect(booked.status).toBe(201);
    await eventually(async () => (await queue.getDelayed()).some((j) => j.id === `reminder-${booked.body.id}-30m-${Date.parse(startsAt)}`));
    // The worker dies and a new one takes over before the reminder is due.
    await world.stopWorker(world.workers[0]);
    await world.startWorker();
    const reminders = async () =>
      ((await world.http.get('/api/v1/notifications?pageSize=50').set(mediator.auth)).body.items as { kind: string; createdAt: string; data?: { sessionId?: string } }[]).filter(
        (n) => n.kind === 'session.reminder-30m',
      );
    const [first] = await eventually(async () => {
      const got = await reminders();
      return got.length ? got : undefined;
    }, 20000);
    // Never early (how late is the bench's figure: `npm run bench -- --only=reminders`).
    const due = Date.parse(startsAt) - 30 * 60_000;
    expect(Date.parse(first.createdAt)).toBeGreaterThanOrEqual(due);
    expect(first.data?.sessionId).toBe(booked.body.id);
    const bankReminders = async (who: SignedIn = handler) =>
      ((await world.http.get('/api/v1/notifications?pageSize=50').set(who.auth)).body.items as { kind: string; data?: { sessionId?: string } }[]).filter(
        (n) => n.kind === 'session.reminder-30m' && n.data?.sessionId === booked.body.id,
      );
    // The filer is one of the invited handlers: reminded once, not twice; the handler above too.
    await eventually(async () => (await bankReminders()).length === 1);
    await eventually(async () => (await bankReminders(above)).length === 1);
    // The consumer by SMS (the booking itself sends none: its SMS is the confirmation link).
    const consumerSms = async () =>
      ((await world.http.get('/api/v1/messages?channel=sms&pageSize=100').set(intake.auth).expect(200)).body.items as { caseId: string | null; body: string }[]).filter(
        (m) => m.caseId === id,
      );
    const [sms] = await eventually(async () => {
      const got = await consumerSms();
      return got.length ? got : undefined;
    });
    expect(sms.body).toMatch(/^【青岛市银行保险业纠纷调解中心】提醒：您的调解会议（案件 QD-\d{4}-\d+）将于 30 分钟后（\d+月\d+日 \d{2}:\d{2}，北京时间）开始，方式：电话调解。调解员将来电，请保持电话畅通。$/);

    // A worker that dies after the reminder committed but before BullMQ heard it was done
    // leaves the job to run again under the same id: that second run notifies nobody.
    const jobId = `reminder-${booked.body.id}-30m-${Date.parse(startsAt)}`;
    const done = await eventually(async () => {
      const job = await queue.getJob(jobId);
      return job && (await job.isCompleted()) ? job : undefined;
    });
    expect(done.returnvalue).toEqual({ duplicate: false });
    await done.remove();
    await queue.add(done.name, done.data, { jobId });
    await eventually(async () => {
      const again = await queue.getJob(jobId);
      return again && (await again.isCompleted()) && again.returnvalue?.duplicate === true;
    });
    expect(await reminders()).toHaveLength(1);
    expect(await bankReminders()).toHaveLength(1);
    expect(await bankReminders(above)).toHaveLength(1);
    expect(await consumerSms()).toHaveLength(1);
  });
});

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { io } from 'socket.io-client';
import { RealtimePublisher } from '@accord/core';
import { connectTab, open, Received, refused, sockets, Tab } from './support/sockets';
import { eventually, TestWorld } from './support/test-world';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Live updates over socket.io: who may connect, which rooms, and what each user sees. */
describe('realtime sockets', () => {
  // One world per file: passport keeps strategies process-wide, so a second TestWorld's API
  // would take over this one's sign-in (sessions created in the other database).
  let world: TestWorld;

  beforeAll(async () => {
    world = await TestWorld.start();
    await world.startWorker();
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await world?.stop();
  });

  it('a socket without a valid access token in auth is refused; with one it connects', async () => {
    const admin = await world.signIn('qdbank.admin');

    const anonymous = await refused(open(world.url));
    expect(anonymous.data?.code).toBe('UNAUTHENTICATED');
    const garbage = await refused(open(world.url, { token: 'not-a-jwt' }));
    expect(garbage.data?.code).toBe('UNAUTHENTICATED');
    const notAString = await refused(open(world.url, { token: { sub: admin.user.id } }));
    expect(notAString.data?.code).toBe('UNAUTHENTICATED');
    // A refresh token is not an access token.
    expect((await refused(open(world.url, { token: admin.refreshToken }))).data?.code).toBe('UNAUTHENTICATED');
    // The token belongs in the handshake's auth, never the query string.
    expect((await refused(open(world.url, { query: { token: admin.accessToken } }))).data?.code).toBe('UNAUTHENTICATED');

    const tab = await connectTab(world.url, admin.accessToken);
    expect(tab.socket.connected).toBe(true);
  });

  it('rooms.join: the own organisation is ok; a foreign, made-up or case room is ROOM_NOT_FOUND, and nothing of it arrives', async () => {
    const cmb = await world.signIn('cmb.admin');
    const qdbank = await world.signIn('qdbank.admin');
    const notFound = { ok: false, code: 'ROOM_NOT_FOUND' };

    const intruder = await connectTab(world.url, cmb.accessToken);
    expect(await intruder.join(`org:${world.org('cmb')}`)).toEqual({ ok: true });
    expect(await intruder.join(`user:${cmb.user.id}`)).toEqual({ ok: true });
    expect(await intruder.join(`org:${world.org('qdbank')}`)).toEqual(notFound);
    expect(await intruder.join(`org:${world.org('qd-center')}`)).toEqual(notFound);
    expect(await intruder.join(`org:${world.org('sh-center')}`)).toEqual(notFound); // its own center: still another organisation
    expect(await intruder.join(`user:${qdbank.user.id}`)).toEqual(notFound);
    expect(await intruder.join(`tenant:${world.org('qdbank')}`)).toEqual(notFound);
    expect(await intruder.join(`case:${randomUUID()}`)).toEqual(notFound);
    expect(await intruder.join(`session:${randomUUID()}`)).toEqual(notFound);
    expect(await intruder.join('org:*')).toEqual(notFound);
    expect(await intruder.join({ room: `org:${world.org('qdbank')}` })).toEqual(notFound);

    // An event for org:<qdbank>: 青岛 center suspends, then restores, 青岛银行's membership. (上海 admitting
    // 青岛银行 is the next story's; a membership can be created only once per world.)
    const qd = await world.signIn('qd.admin');
    const memberships = await world.http.get('/api/v1/memberships').set(qd.auth);
    const membership = memberships.body.items.find((m: { institutionId: string }) => m.institutionId === world.org('qdbank'));
    expect(membership).toBeDefined();
    const member = await connectTab(world.url, qdbank.accessToken);
    for (const status of ['suspended', 'active']) {
      const res = await world.http.patch(`/api/v1/memberships/${membership.id}`).set(qd.auth).send({ status });
      expect(res.status).toBe(200);
      // The member sees it (the event did go out), and the notification the change causes.
      await member.next('membership.changed', (r) => r.data.membershipId === membership.id && r.data.status === status);
    }
    await eventually(async () => member.of('notification.created', (r) => r.data.kind === 'membership.changed').length === 2);
    await sleep(500);
    // The refused socket saw none of it, and is still connected (nothing was lost to a disconnect).
    expect(intruder.received).toEqual([]);
    expect(intruder.socket.connected).toBe(true);
  });

  it('a center admits 青岛银行: its admin sees membership.changed, then the notification, and REST lists it', async () => {
    const sh = await world.signIn('sh.admin');
    const qdbank = await world.signIn('qdbank.admin');
    const tab = await connectTab(world.url, qdbank.accessToken);

    const res = await world.http
      .post('/api/v1/memberships')
      .set(sh.auth)
      .send({ institutionId: world.org('qdbank'), since: '2026-11-01' });
    expect(res.status).toBe(201);
    const membershipId = res.body.id as string;

    const changed = await tab.next('membership.changed', (r) => r.data.membershipId === membershipId);
    expect(changed.data).toEqual({ membershipId, status: 'active' });
    expect(typeof changed.seq).toBe('number');
    expect(Number.isInteger(changed.seq)).toBe(true);
    expect(Number.isNaN(Date.parse(changed.at))).toBe(false);

    // Then the notification the worker's job created for the institution's admin…
    const created = await tab.next('notification.created', (r) => r.data.kind === 'membership.changed');
    expect(created.seq).toBeGreaterThan(changed.seq);
    expect(tab.received.indexOf(created)).toBeGreaterThan(tab.received.indexOf(changed));

    // …which REST, the truth, lists for that admin.
    const list = await world.http.get('/api/v1/notifications').set(qdbank.auth);
    expect(list.status).toBe(200);
    const notification = list.body.items.find((n: { id: string }) => n.id === created.data.notificationId);
    expect(notification).toMatchObject({ kind: 'membership.changed', readAt: null, data: { membershipId, status: 'active' } });
    expect(notification.title).toContain('上海市金融消费纠纷调解中心');
    expect(list.body.unread).toBeGreaterThanOrEqual(1);
    // Delivered once, not once per room the admin's socket is in.
    await sleep(300);
    expect(tab.of('membership.changed', (r) => r.data.membershipId === membershipId)).toHaveLength(1);
  });

  it('two API processes: a socket on API #2 sees what a request to API #1 caused, once', async () => {
    const second = await world.startApi();
    const secondUrl = await second.getUrl();
    expect(secondUrl).not.toBe(world.url);
    const admin = await world.signIn('qdbank.admin');
    const onSecond = await connectTab(secondUrl, admin.accessToken);
    const onFirst = await connectTab(world.url, admin.accessToken);

    const res = await world.http.post('/api/v1/users').set(admin.auth).send({
      username: 'qdbank.viewer.rt',
      displayName: '实时观察员',
      password: 'a-long-password-1',
      roles: ['viewer'],
    });
    expect(res.status).toBe(201);

    const byUser = (r: Received) => r.data.userId === res.body.id;
    const seen = await onSecond.next('user.changed', byUser);
    expect(seen.data).toEqual({ userId: res.body.id, active: true });
    await onFirst.next('user.changed', byUser);
    // Each process emits to its own sockets only: nothing arrives twice.
    await sleep(500);
    expect(onSecond.of('user.changed', byUser)).toHaveLength(1);
    expect(onFirst.of('user.changed', byUser)).toHaveLength(1);
    expect(onFirst.of('user.changed', byUser)[0].seq).toBe(seen.seq);
  });

  it('two API processes share a case room: a comment through either reaches the case\'s sockets on the other, once; a foreign tenant may not join on either', async () => {
    const second = await world.startApi();
    const secondUrl = await second.getUrl();
    const [intake, handler, foreign] = await Promise.all([world.signIn('qd.intake'), world.signIn('icbc.qd.handler'), world.signIn('cmb.admin')]);
    const filed = await world.http.post('/api/v1/cases').set(handler.auth).send({
      centerId: world.org('qd-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 880000,
      facts: '分期手续费争议',
      claims: '减免手续费',
      consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
      consentGiven: true,
    });
    expect(filed.status).toBe(201);
    const caseId = filed.body.id as string;
    const room = `case:${caseId}`;

    // The center's case page on API #2, the bank's on API #1; another bank tries on both.
    const centerOnSecond = await connectTab(secondUrl, intake.accessToken);
    const bankOnFirst = await connectTab(world.url, handler.accessToken);
    const intruders = [await connectTab(secondUrl, foreign.accessToken), await connectTab(world.url, foreign.accessToken)];
    expect(await centerOnSecond.join(room)).toEqual({ ok: true });
    expect(await bankOnFirst.join(room)).toEqual({ ok: true });
    for (const intruder of intruders) expect(await intruder.join(room)).toEqual({ ok: false, code: 'ROOM_NOT_FOUND' });

    const comments = (tab: Tab) => tab.of('case.updated', (r) => r.data.caseId === caseId && r.data.change === 'comment');
    // Requested on API #1: the socket on API #2 hears it (and the one on #1).
    await world.http.post(`/api/v1/cases/${caseId}/comments`).set(handler.auth).send({ body: '请调解员联系我行' }).expect(201);
    const first = await centerOnSecond.next('case.updated', (r) => r.data.caseId === caseId && r.data.change === 'comment');
    expect(first.data).toMatchObject({ caseId, centerId: world.org('qd-center') });
    await eventually(async () => comments(bankOnFirst).length === 1);
    // Requested on API #2: the socket on API #1 hears it.
    await request(secondUrl).post(`/api/v1/cases/${caseId}/comments`).set(intake.auth).send({ body: '已安排' }).expect(201);
    await eventually(async () => comments(bankOnFirst).length === 2);
    await eventually(async () => comments(centerOnSecond).length === 2);
    // Once each, although both sockets are also in rooms the event names (their organisation's,
    // the branch's); in order; and nothing of the case for the other bank on either process.
    await sleep(500);
    for (const tab of [centerOnSecond, bankOnFirst]) {
      expect(comments(tab)).toHaveLength(2);
      expect(comments(tab)[1].seq).toBeGreaterThan(comments(tab)[0].seq);
    }
    expect(comments(bankOnFirst).map((r) => r.seq)).toEqual(comments(centerOnSecond).map((r) => r.seq));
    for (const intruder of intruders) expect(intruder.of('case.updated', (r) => r.data.caseId === caseId)).toEqual([]);

    // A worker killed after appending an event to the stream but before marking it published
    // appends it again: each process still emits it once. (A copy of the first comment's event,
    // then a later one: when the later one has arrived, so would have the copy.)
    const publisher = world.workers[0].get(RealtimePublisher);
    const copy = comments(bankOnFirst)[0];
    const rooms = [room];
    await publisher.publish([{ seq: String(copy.seq), type: 'case.updated', rooms, payload: copy.data, at: copy.at }]);
    const later = { caseId, status: 'submitted', centerId: world.org('qd-center'), change: 'comment' };
    await publisher.publish([{ seq: String(Math.max(copy.seq, comments(bankOnFirst)[1].seq) + 1_000_000), type: 'case.updated', rooms, payload: later, at: new Date().toISOString() }]);
    for (const tab of [centerOnSecond, bankOnFirst]) {
      await eventually(async () => comments(tab).length === 3);
      expect(comments(tab).filter((r) => r.seq === copy.seq)).toHaveLength(1);
    }
  });

  it('catch-up: a socket that reconnects with the last seq it saw gets every event of its rooms since, and nothing of another tenant', async () => {
    const [intake, handler, foreign] = await Promise.all([world.signIn('qd.intake'), world.signIn('icbc.qd.handler'), world.signIn('cmb.admin')]);
    const tab = await connectTab(world.url, intake.accessToken);
    const filed = await world.http.post('/api/v1/cases').set(handler.auth).send({
      centerId: world.org('qd-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 880000,
      facts: '断线补发',
      claims: '减免手续费',
      consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
      consentGiven: true,
    });
    const caseId = filed.body.id as string;
    const created = await tab.next('case.updated', (r) => r.data.caseId === caseId);
    tab.socket.close();
    // While the tab is away: two comments.
    for (const body of ['第一条', '第二条']) await world.http.post(`/api/v1/cases/${caseId}/comments`).set(handler.auth).send({ body }).expect(201);
    const reconnect = (token: string, afterSeq: unknown) => {
      const socket = io(world.url, { path: '/socket.io', transports: ['websocket'], auth: { token, afterSeq }, reconnection: false, forceNew: true });
      sockets.push(socket);
      return new Tab(socket);
    };
    const back = reconnect(intake.accessToken, created.seq);
    await back.next('events.catch-up');
    // A seq may arrive twice (replayed, and live from a relay that was still catching up):
    // clients drop a seq they have seen, as this one does.
    const seen = new Set<number>();
    const missed = back
      .of('case.updated', (r) => r.data.caseId === caseId && r.data.change === 'comment')
      .filter((r) => !seen.has(r.seq) && Boolean(seen.add(r.seq)))
      .sort((a, b) => a.seq - b.seq);
    expect(missed).toHaveLength(2);
    expect(missed[1].seq).toBeGreaterThan(missed[0].seq);
    expect(missed[0].seq).toBeGreaterThan(created.seq);
    expect((back.received.find((r) => r.event === 'events.catch-up') as unknown as { complete: boolean }).complete).toBe(true);
    // Joining the case room with a seq replays that room's events too.
    const roomTab = await connectTab(world.url, handler.accessToken);
    expect(await roomTab.join({ room: `case:${caseId}`, afterSeq: created.seq })).toEqual({ ok: true });
    await eventually(async () => roomTab.of('case.updated', (r) => r.data.caseId === caseId && r.data.change === 'comment').length >= 2);
    // Another bank asking for the same span gets nothing of the case; nonsense seqs are ignored.
    const intruder = reconnect(foreign.accessToken, created.seq);
    await intruder.next('events.catch-up');
    expect(intruder.of('case.updated', (r) => r.data.caseId === caseId)).toEqual([]);
    expect(await intruder.join({ room: `case:${caseId}`, afterSeq: created.seq })).toEqual({ ok: false, code: 'ROOM_NOT_FOUND' });
    const odd = reconnect(intake.accessToken, 'DROP TABLE outbox');
    await new Promise<void>((r) => odd.socket.once('connect', () => r()));
    await sleep(300);
    expect(odd.received.filter((r) => r.event === 'events.catch-up')).toEqual([]);
  });

  it('deactivating a user disconnects their open socket, and the same token cannot reconnect', async () => {
    const admin = await world.signIn('qdbank.admin');
    const handler = await world.signIn('qdbank.handler');
    const handlerTab = await connectTab(world.url, handler.accessToken);
    const adminTab = await connectTab(world.url, admin.accessToken);

    const res = await world.http.post(`/api/v1/users/${handler.user.id}/deactivate`).set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.isActive).toBe(false);

    // The server closed it (not the client, not a transport drop).
    await eventually(async () => handlerTab.disconnectReason);
    expect(handlerTab.disconnectReason).toBe('io server disconnect');
    expect(handlerTab.socket.connected).toBe(false);

    // The admin stays connected and sees the change.
    await adminTab.next('user.changed', (r) => r.data.userId === handler.user.id && r.data.active === false);
    expect(adminTab.socket.connected).toBe(true);
    expect(adminTab.disconnectReason).toBeUndefined();

    // The same (unexpired) token no longer opens a socket, nor a request.
    const again = await refused(open(world.url, { token: handler.accessToken }));
    expect(again.data?.code).toBe('UNAUTHENTICATED');
    expect((await world.http.get('/api/v1/me').set(handler.auth)).status).toBe(401);
  });

  it('sockets that leave during their handshake leave no timer behind to keep the server alive', async () => {
    const admin = await world.signIn('qdbank.admin');
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    // The transport is up and the CONNECT packet on its way: gone before the server has checked the sign-in.
    const leaveEarly = (n: number) =>
      Promise.all(
        Array.from({ length: n }, () => {
          const socket = open(world.url, { token: admin.accessToken });
          return new Promise<void>((resolve) => socket.io.once('open', () => setImmediate(() => (socket.close(), resolve()))));
        }),
      );
    // A first round, so what any socket's coming and going leaves for a while is in the baseline.
    await leaveEarly(5);
    await sleep(1000);
    const before = timers();
    await leaveEarly(80);
    await sleep(1000);
    // Before the fix one in six or so left its 15-minute token timer running.
    expect(timers() - before).toBeLessThan(3);
  });
});
